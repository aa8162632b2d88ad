// A formula wider than its column scrolls sideways, and site.css shades the edge it
// scrolls towards. Here such a formula becomes a tab stop with a name, so that a
// keyboard can scroll it too; one that fits is left out of the tab order. Sizes are
// watched, so a formula in a folded answer is measured once the answer opens.
const label = "Formula, scrolls sideways";

function markWide(box, wide) {
  if (wide) {
    box.tabIndex = 0;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", label);
  } else {
    box.removeAttribute("tabindex");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
  }
}

// A box of no width is not laid out (a closed answer, a cheat-sheet card off screen):
// measuring it would make the browser lay it out now; it is measured when it shows.
// The others are all measured before any is marked: a mark between two measures would
// make the browser lay the page out again for the second.
const sizes = new ResizeObserver((entries) => {
  const shown = entries.filter((entry) => entry.contentRect.width > 0).map((entry) => entry.target);
  const wide = shown.map((box) => box.scrollWidth > box.clientWidth + 1);
  shown.forEach((box, index) => markWide(box, wide[index]));
});

document$.subscribe(() => {
  sizes.disconnect();
  document.querySelectorAll(".md-typeset .math").forEach((box) => sizes.observe(box));
});
