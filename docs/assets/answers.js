// Landing on a search result: "page/?h=terms#question-id" (docs/assets/search.js).
// The question's full answer opens when a searched term is in it; a follow-up opens only
// when a term is in that follow-up and not in the answer's own text, so the other
// follow-ups stay hidden for drilling. The terms are marked, and the question's heading
// is brought to the top. It subscribes to document$ so it runs again after every instant
// navigation, not only on the first page load.
(() => {
  document$.subscribe(() => {
    const terms = (new URLSearchParams(location.search).get("h") || "")
      .toLowerCase()
      .split(/\s+/)
      .map(unhyphen)
      .filter((term) => term.length > 1);
    const id = decodeURIComponent(location.hash.slice(1));
    const heading = id && document.getElementById(id);
    if (!terms.length || !heading || heading.tagName !== "H2") return;

    for (let node = heading.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
      if (node.matches("details.answer")) {
        const inAnswer = termsIn(ownText(node), terms);
        for (const followUp of node.querySelectorAll("details")) {
          if (termsIn(followUp.textContent, terms).some((term) => !inAnswer.includes(term))) followUp.open = node.open = true;
        }
        if (inAnswer.length) node.open = true;
      }
      mark(node, terms);
    }
    land(heading);
  });

  // Lower case, hyphens dropped: "Mini-batch" and "minibatch" compare equal.
  function unhyphen(text) {
    return text.toLowerCase().replace(/[\u00ad-]/g, "");
  }

  // The terms that begin a word of the text.
  function termsIn(text, terms) {
    const words = unhyphen(text).split(/[^\p{L}\p{N}]+/u);
    return terms.filter((term) => words.some((word) => word.startsWith(term)));
  }

  // An answer's own text, without its follow-ups.
  function ownText(answer) {
    const copy = answer.cloneNode(true);
    copy.querySelectorAll("details").forEach((followUp) => followUp.remove());
    return copy.textContent;
  }

  // Wraps each whole-word occurrence of a term in <mark>, as Material's highlighting did.
  function mark(root, terms) {
    const words = terms.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = new RegExp(`\\b(${words.join("|")})`, "gi");
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (text) => (text.parentElement.closest("math, pre, mark, a.headerlink") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    for (const text of texts) {
      const parts = text.data.split(pattern);
      if (parts.length === 1) continue;
      text.replaceWith(
        ...parts.map((part, index) => {
          if (index % 2 === 0) return part;
          const highlight = document.createElement("mark");
          highlight.dataset.mdHighlight = "";
          highlight.textContent = part;
          return highlight;
        }),
      );
    }
  }

  // Scrolls the heading to the top, and again whenever something moves the page before
  // the reader does: on a phone, Material unlocks the page scroll (and restores the old
  // offset) shortly after the search overlay closes, which can happen after this script ran.
  function land(heading) {
    heading.scrollIntoView();
    const body = document.body;
    const again = new MutationObserver(() => {
      if (!body.hasAttribute("data-md-scrolllock")) heading.scrollIntoView();
    });
    again.observe(body, { attributes: true, attributeFilter: ["data-md-scrolllock", "style"] });
    const stop = () => {
      again.disconnect();
      for (const name of ["wheel", "touchstart", "keydown", "mousedown"]) removeEventListener(name, stop, true);
    };
    for (const name of ["wheel", "touchstart", "keydown", "mousedown"]) addEventListener(name, stop, true);
    setTimeout(stop, 3000);
  }
})();
