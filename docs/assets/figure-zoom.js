// A tap or Enter on a figure opens it full-screen, fitted to the screen's width, with a
// line that says how to zoom and pan. A tap on the figure (or the Zoom button) toggles
// between fitted and 1.5 times its drawn size, where its smallest text reads at 15 px or
// more; zoomed, it pans by dragging or scrolling, and pinch-zoom works throughout.
// Escape, the Close button or a tap beside the figure closes it and focus returns to the
// link. Each figure is a link to its SVG (scripts/build/page_figures.py), the fallback
// without JavaScript.
const ZOOM = 1.5;
const MARGIN = 16; // px left free on each side of a fitted figure

function figureDialog() {
  let dialog = document.querySelector("dialog.figure-zoom");
  if (dialog) return dialog;
  dialog = document.createElement("dialog");
  dialog.className = "figure-zoom";
  dialog.innerHTML =
    '<div class="figure-zoom__bar">' +
    '<p class="figure-zoom__hint">Tap the figure or pinch to zoom; drag to pan.</p>' +
    '<button type="button" class="figure-zoom__toggle" aria-pressed="false">Zoom in</button>' +
    '<button type="button" class="figure-zoom__close">Close</button></div><img alt="">';
  const image = dialog.querySelector("img");
  const toggle = dialog.querySelector(".figure-zoom__toggle");
  const zoom = () => setZoom(dialog, toggle.getAttribute("aria-pressed") !== "true");
  image.addEventListener("click", zoom);
  toggle.addEventListener("click", zoom);
  dialog.querySelector(".figure-zoom__close").addEventListener("click", () => dialog.close());
  // A tap on the dialog itself, beside the figure and the bar, closes it.
  dialog.addEventListener("click", (event) => event.target === dialog && dialog.close());
  document.body.append(dialog);
  return dialog;
}

function setZoom(dialog, zoomed) {
  const image = dialog.querySelector("img");
  const toggle = dialog.querySelector(".figure-zoom__toggle");
  const drawn = Number(image.dataset.width);
  const width = zoomed ? drawn * ZOOM : Math.min(drawn * ZOOM, dialog.clientWidth - 2 * MARGIN);
  image.width = width;
  image.height = (width * Number(image.dataset.height)) / drawn;
  toggle.setAttribute("aria-pressed", String(zoomed));
  toggle.textContent = zoomed ? "Fit to screen" : "Zoom in";
  dialog.classList.toggle("is-zoomed", zoomed);
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
      image.dataset.width = figure.getAttribute("width");
      image.dataset.height = figure.getAttribute("height");
      dialog.setAttribute("aria-label", figure.alt);
      dialog.addEventListener("close", () => link.focus(), { once: true });
      dialog.showModal();
      setZoom(dialog, false);
      dialog.scrollTo(0, 0);
    });
  }
});
