// Registers the service worker (sw.js at the site root), which keeps the whole site for
// reading offline. It runs once per page load, not on every instant navigation, so it
// does not subscribe to document$. When a new version of the site takes over, a page of
// the old version reloads: it must not go on with old HTML and the new version's files.
if ("serviceWorker" in navigator && !window.offlineRegistered) {
  window.offlineRegistered = true;
  const hadWorker = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (hadWorker) location.reload();
  });
  // Reading offline is a bonus: a failed registration (a private window, an old
  // browser) leaves the site as it is, online.
  navigator.serviceWorker.register(new URL("../sw.js", document.currentScript.src)).catch(() => {});
}
