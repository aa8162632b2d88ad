// Registers the service worker (sw.js at the site root), which keeps the whole site for
// reading offline. Material runs this once per page load (it sits outside the part that
// instant navigation swaps), which is all it needs: no document$ subscription. When a
// new version of the site takes over, a page of the old version reloads: it must not go
// on with old HTML and the new version's files. Known gap: if the new worker takes over
// before this script has run (a slow page, a fast install), the page is not reloaded and
// stays on its old HTML until the next navigation.
if ("serviceWorker" in navigator) {
  const hadWorker = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (hadWorker) location.reload();
  });
  // After the page has loaded, so that keeping the site never slows showing the page.
  // Reading offline is a bonus: a failed registration (a private window, an old
  // browser) leaves the site as it is, online.
  const worker = new URL("../sw.js", document.currentScript.src);
  const register = () => navigator.serviceWorker.register(worker).catch(() => {});
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
}
