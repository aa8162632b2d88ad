// A search hit inside a folded answer opens that answer.
// Material's search links to "page/?h=terms#question-id"; this opens the <details>
// of that question whose text holds a searched term. It subscribes to document$ so it
// runs again after every instant navigation, not only on the first page load.
document$.subscribe(() => {
  const params = new URLSearchParams(location.search);
  const terms = (params.get("h") || "").toLowerCase().split(/\s+/).filter(Boolean);
  const id = decodeURIComponent(location.hash.slice(1));
  const heading = id && document.getElementById(id);
  if (!terms.length || !heading) return;
  for (let node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
    const folds = node.matches("details") ? [node, ...node.querySelectorAll("details")] : [];
    for (const details of folds) {
      const text = details.textContent.toLowerCase();
      if (terms.some((term) => text.includes(term))) details.open = true;
    }
  }
  heading.scrollIntoView();
});
