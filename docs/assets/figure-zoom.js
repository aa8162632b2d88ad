// A tap or Enter on a figure opens it full-screen at 1.5 times its drawn size, where
// its smallest text reads at 15 px or more; it scrolls both ways and pinch-zooms.
// Escape, the Close button or a tap on the figure closes it and focus returns to the
// link. Each figure is a link to its SVG (scripts/build/page_figures.py), the fallback
// without JavaScript.
const ZOOM = 1.5;

function figureDialog() {
  let dialog = document.querySelector("dialog.figure-zoom");
  if (dialog) return dialog;
  dialog = document.createElement("dialog");
  dialog.className = "figure-zoom";
  dialog.innerHTML = '<button type="button">Close</button><img alt="">';
  dialog.addEventListener("click", () => dialog.close());
  document.body.append(dialog);
  return dialog;
}

document$.subscribe(() => {
  for (const link of document.querySelectorAll(".md-typeset a.figure-link")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const figure = link.querySelector("img");
      const dialog = figureDialog();
      const image = dialog.querySelector("img");
      image.src = figure.currentSrc || figure.src;
      image.alt = figure.alt;
      image.width = Number(figure.getAttribute("width")) * ZOOM;
      image.height = Number(figure.getAttribute("height")) * ZOOM;
      dialog.setAttribute("aria-label", figure.alt);
      dialog.addEventListener("close", () => link.focus(), { once: true });
      dialog.showModal();
      dialog.scrollTo(0, 0);
    });
  }
});
