// The service worker of the field app, served from /sw.js (root scope) with its CONFIG
// prepended by researcher/field/views.py: {cache, assets, pages, definitions, never}.
//
// Install: keep the app shell (pages, CSS, JS modules, icon, manifest, questionnaire
// definitions). Fetch: GET only, network first with the cached copy as fallback (and after a
// few seconds of a weak signal). POSTs (sync, login) are never touched. Activate: drop the
// caches of older versions and take control of open pages at once.
/* global CONFIG */

const CACHE = CONFIG.cache;
const PREFIX = "rekonesans-";
const NETWORK_WAIT_MS = 6000;
const PAGES = new Set(CONFIG.pages);
const KEEP = new Set([...CONFIG.assets, ...CONFIG.definitions]);
const NEVER = new Set(CONFIG.never);

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(CONFIG.assets);
    // Pages and definitions need the session: keep them only if they really came (no login
    // page behind a redirect); otherwise the first visit online stores them.
    await Promise.all([...CONFIG.pages, ...CONFIG.definitions].map(async (url) => {
      try {
        const response = await fetch(url, { credentials: "same-origin", redirect: "manual", cache: "no-store" });
        if (response.ok && response.type === "basic") await cache.put(url, response);
      } catch { /* offline during install: stored on the next visit */ }
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return; // sync and forms go straight to the network
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || NEVER.has(url.pathname)) return;
  const page = request.mode === "navigate";
  if (page && !PAGES.has(url.pathname)) return;
  if (!page && !KEEP.has(url.pathname) && !url.pathname.startsWith("/static/")) return;
  event.respondWith(networkFirst(request, page ? url.pathname : url.pathname + url.search, !page || !url.search));
});

async function networkFirst(request, key, storable) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then((response) => {
    // Only real pages: a redirect to the login page must never replace the cached app.
    if (storable && response.ok && response.type === "basic" && !response.redirected) {
      cache.put(key, response.clone());
    }
    return response;
  });
  const cached = await cache.match(key);
  if (!cached) return network;
  const late = new Promise((resolve) => setTimeout(() => resolve(cached), NETWORK_WAIT_MS));
  return Promise.race([network, late]).catch(() => cached);
}
