// Registers the service worker (sw.js at the site root), which keeps the whole site for
// reading offline, and switches to a new version of the site when one has installed.
// Material runs this once per page load (it sits outside the part that instant
// navigation swaps), which is all it needs: no document$ subscription.
if ("serviceWorker" in navigator) {
  const workers = navigator.serviceWorker;
  // A page of the old version reloads when the new one takes over: it must not go on
  // with old HTML and the new version's files. The new worker waits to be asked, so
  // this listener is always in place before the switch. (A first visit's page came
  // from the network, and stays.)
  const hadWorker = Boolean(workers.controller);
  workers.addEventListener("controllerchange", () => {
    if (hadWorker) location.reload();
  });
  const takeOver = (worker) => worker.postMessage("take over");
  const whenInstalled = (worker) => {
    if (worker.state === "installed") takeOver(worker);
    else worker.addEventListener("statechange", () => worker.state === "installed" && takeOver(worker));
  };
  // After the page has loaded, so that keeping the site never slows showing the page.
  // Reading offline is a bonus: a failed registration (a private window, an old
  // browser) leaves the site as it is, online.
  const url = new URL("../sw.js", document.currentScript.src);
  const register = async () => {
    const registration = await workers.register(url);
    if (registration.waiting) takeOver(registration.waiting); // installed on an earlier visit
    if (registration.installing) whenInstalled(registration.installing);
    registration.addEventListener("updatefound", () => whenInstalled(registration.installing));
  };
  const start = () => register().catch(() => {});
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
}
