// The service worker: it keeps one whole version of the site for reading offline.
//
// The build fills in OFFLINE (scripts/outputs/offline.py): every file of the built site with
// its SHA-256, and a version named after all of them. Any change to the site makes a
// new sw.js, which the browser fetches and installs on the next visit with the network
// on. Pages never mix two versions:
// - install downloads every file of the new version, each checked against its hash (a
//   stale copy in the browser's cache is fetched again; a stale one from the host fails
//   the install instead of slipping in), and only then stores them all, in a cache
//   named after the version: a version is cached whole or not at all, and a failed
//   install leaves the old version in charge, to be tried again on a later visit.
// - fetch answers from this worker's own version only (cache first: instant on a bad
//   connection, the same with none); what the version lacks goes to the network.
// - the new worker waits until an open page of the old version asks it to take over
//   (assets/offline.js, once the page is ready to reload itself on the switch: a page
//   of the old version must not go on with old HTML and new files); activate then
//   deletes the old version. On a first visit there is no old version and no wait.
// With `mkdocs serve`, whose pages carry an injected live-reload script, the hashes do
// not match, the install fails, and the dev server runs without a worker.
const OFFLINE = {"version": "unbuilt", "files": []};

const SCOPE = self.registration.scope;
// Several sites can share one origin (owner.github.io/<repo>/): names carry the scope.
const PREFIX = `offline ${SCOPE} `;
const CACHE = PREFIX + OFFLINE.version;
const NOT_FOUND = new URL("404.html", SCOPE).href;

self.addEventListener("install", (event) => {
  event.waitUntil(cacheEverything());
});

self.addEventListener("message", (event) => {
  if (event.data === "take over") self.skipWaiting();
});

async function cacheEverything() {
  const responses = await Promise.all(
    OFFLINE.files.map(async ([path, integrity]) => {
      const url = new URL(path, SCOPE);
      // The HTTP cache first (the page has just loaded some of these files); past it
      // when the copy there is not this version's.
      const response = await checked(url, { integrity }).catch(() => checked(url, { integrity, cache: "reload" }));
      return [url, response];
    }),
  );
  const cache = await caches.open(CACHE);
  await Promise.all(responses.map(([url, response]) => cache.put(url, response)));
}

async function checked(url, options) {
  const response = await fetch(url, options); // rejects when the integrity differs
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method === "GET" && request.url.startsWith(SCOPE)) event.respondWith(answer(request));
});

async function answer(request) {
  // A search hit links to "page/?h=words#question": the page is the cached "page/".
  // (caches.match with a name, unlike caches.open, never makes a deleted cache again.)
  const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: true });
  if (cached) return cached;
  try {
    return await fetch(request);
  } catch (error) {
    // No network and an address the site does not have: its 404 page, as on the host.
    const notFound = request.mode === "navigate" && (await caches.match(NOT_FOUND, { cacheName: CACHE }));
    if (notFound) return notFound;
    throw error;
  }
}
