// A formula wider than its column scrolls sideways, and site.css shades the edge it
// scrolls towards. Here such a formula becomes a tab stop with a name, so that a
// keyboard can scroll it too; one that fits is left out of the tab order. Sizes are
// watched, so a formula in a folded answer is measured once the answer opens.
const label = "Formula, scrolls sideways";

function markWide(box) {
  if (box.scrollWidth > box.clientWidth + 1) {
    box.tabIndex = 0;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", label);
  } else {
    box.removeAttribute("tabindex");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
  }
}

const sizes = new ResizeObserver((entries) => entries.forEach((entry) => markWide(entry.target)));

document$.subscribe(() => {
  sizes.disconnect();
  document.querySelectorAll(".md-typeset .math").forEach((box) => sizes.observe(box));
});
