/* Service worker registration and updates. A new version never interrupts the user: it waits
 * until they choose to take it, because a reload in the middle of a recording loses the recording. */

import { whenIdle } from './shell/activity.js';

/**
 * Register the service worker and call onUpdateReady(worker) when a new version has installed
 * and is waiting. The first install is not an update: nothing to announce then.
 */
export async function registerServiceWorker({ onUpdateReady, url = '/sw.js' }) {
  // updateViaCache "none": the browser checks sw.js and the scripts it imports against the server,
  // never against its HTTP cache, so a fix reaches the tablets on their next visit.
  const registration = await navigator.serviceWorker.register(url, {
    scope: '/',
    updateViaCache: 'none',
  });

  const announce = (worker) => {
    if (worker && navigator.serviceWorker.controller) onUpdateReady(worker);
  };
  announce(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') announce(worker);
    });
  });

  // A tablet may stay on the same page all day: look for a new version whenever it comes back
  // into view or back online, not only on a fresh load.
  const check = () => registration.update().catch(() => {});
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  window.addEventListener('online', check);
  return registration;
}

/**
 * Activate the waiting version, then reload once it has taken over. Only ever called on a click,
 * and only once the person is not in the middle of something (`whenReady`, lib/shell/activity.js).
 * `beforeActivate` lets go of what the page holds open (uploads paused, databases closed) so that
 * the new version's schema upgrades are not blocked. Queued data is never touched: it lives in
 * IndexedDB, which a service worker change leaves alone.
 */
export async function activateUpdate(
  worker,
  { whenReady = whenIdle, beforeActivate = async () => {} } = {},
) {
  await whenReady();
  await beforeActivate();
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {
    once: true,
  });
  worker.postMessage({ type: 'SKIP_WAITING' });
}
