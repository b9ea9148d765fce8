/* What makes the device sync, besides its own timer: the network coming back, and the app shown
 * again (a tablet taken out of a drawer, a tab brought to the front). */

/**
 * Call `onSync()` on `online` and when `doc` becomes visible, `onOffline()` on `offline`.
 * Returns a function that stops listening.
 */
export function watchTriggers({ win, doc, onSync, onOffline }) {
  const listeners = [];
  const listen = (target, type, handler) => {
    if (!target) return;
    target.addEventListener(type, handler);
    listeners.push([target, type, handler]);
  };
  listen(win, 'online', onSync);
  listen(win, 'offline', onOffline);
  listen(doc, 'visibilitychange', () => {
    if (doc.visibilityState === 'visible') onSync();
  });
  return () => {
    for (const [target, type, handler] of listeners) target.removeEventListener(type, handler);
  };
}
