// A formula or a table wider than its column scrolls sideways (site.css shades a
// formula's edge it scrolls towards). Here such a box becomes a tab stop with a name, so
// that a keyboard can scroll it too; one that fits is left out of the tab order. Sizes
// are watched, so a box in a folded answer is measured once the answer opens.
const WIDE = { ".md-typeset .math": "Formula", ".md-typeset .md-typeset__scrollwrap": "Table" };

function markWide(box, wide) {
  if (wide) {
    box.tabIndex = 0;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", `${box.dataset.wideKind}, scrolls sideways`);
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
  for (const [selector, kind] of Object.entries(WIDE)) {
    document.querySelectorAll(selector).forEach((box) => {
      box.dataset.wideKind = kind;
      sizes.observe(box);
    });
  }
});
