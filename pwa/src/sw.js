/* The service worker: the app shell comes from the precache, so every screen opens with no network.
 *
 * A classic script, not a module: Workbox's runtime is loaded with importScripts from a folder the
 * build copies next to this file, because tablets in a workshop may never reach a CDN. */

// The build swaps this placeholder for the versioned folder it copied, so that upgrading Workbox
// changes the URL and no HTTP cache can hand back the old runtime.
importScripts('/__WORKBOX_DIR__/workbox-sw.js');

// debug would pick the verbose builds on localhost, which are not in the folder we serve as tested.
workbox.setConfig({ debug: false, modulePathPrefix: '/__WORKBOX_DIR__/' });

// Bump when the layout of our caches changes (not on every release: the precache is revised per
// file by its hash, so a release only downloads the files that changed).
const CACHE_VERSION = 'v1';
workbox.core.setCacheNameDetails({ prefix: 'preuves', suffix: CACHE_VERSION });

// Every Workbox module is touched here, during the first evaluation: importScripts is refused
// once the worker is installed, and the lazy loader would otherwise call it later.
const { precaching, routing, core, strategies } = workbox;

// workbox-build's injectManifest writes the list of files and their content hashes here; the
// browser then downloads again only the files whose hash changed.
const PRECACHE = self.__WB_MANIFEST;

precaching.precacheAndRoute(PRECACHE);

// App routes such as /dossier/123 are the shell too, offline as online. API calls never come from
// a cache: a stale answer there would show a candidate work that the server no longer has.
routing.registerRoute(
  new routing.NavigationRoute(precaching.createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//],
  }),
);

// Pictograms the precache does not hold (a framework imported later names any of OpenMoji's
// 4,000): fetched once, then kept. They never change for a given name, so cache first.
const PICTOGRAMS_CACHE = `preuves-pictograms-${CACHE_VERSION}`;
routing.registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith('/pictograms/'),
  new strategies.CacheFirst({ cacheName: PICTOGRAMS_CACHE }),
);

// The first install takes the open page at once, so it works offline without a reload. Later
// versions wait: the page asks the user first and only then sends SKIP_WAITING.
core.clientsClaim();

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') {
    self.skipWaiting();
  }
});

// Queued work is never here: records, their outbox and captured media live in IndexedDB, which
// neither a waiting nor an activating version touches, so an update never drops anything.
//
// Workbox clears stale entries of its own precache; this removes whole caches that an older layout
// of ours (another CACHE_VERSION) or an older Workbox left behind, so storage on a shared tablet
// does not fill with dead copies of the app.
precaching.cleanupOutdatedCaches();
self.addEventListener('activate', (event) => {
  const keep = new Set([core.cacheNames.precache, core.cacheNames.runtime, PICTOGRAMS_CACHE]);
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('preuves-') && !keep.has(name))
            .map((name) => caches.delete(name)),
        ),
      ),
  );
});
