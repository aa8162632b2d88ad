// Role tracks on the home page and the topic index. The build marks what each role is
// asked (data-roles on a question or a topic, data-role on a count made for one role:
// scripts/macros.py), and this shows the chosen role's part of the page. The role is in
// the page's address (?role=), so a filtered page can be bookmarked and shared, and the
// page's drill links carry it on.
(() => {
  document$.subscribe(() => {
    const select = document.querySelector(".md-content .role-filter select");
    if (!select) return;
    select.value = new URLSearchParams(location.search).get("role") || "";
    select.addEventListener("change", () => {
      history.replaceState(history.state, "", withRole(location.href, select.value));
      show(select.value);
    });
    show(select.value);
  });

  function withRole(address, role) {
    const url = new URL(address);
    if (role) url.searchParams.set("role", role);
    else url.searchParams.delete("role");
    return url.href;
  }

  function show(role) {
    const content = document.querySelector(".md-content");
    for (const element of content.querySelectorAll("[data-roles]")) {
      element.hidden = Boolean(role) && !element.dataset.roles.split(" ").includes(role);
    }
    for (const element of content.querySelectorAll("[data-role]")) element.hidden = element.dataset.role !== role;
    for (const link of content.querySelectorAll("a.role-link")) link.href = withRole(link.href, role);
  }
})();
