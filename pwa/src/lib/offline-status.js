/* The line that tells, in plain words, whether the app will still open without internet. Workshops
 * often have no Wi-Fi: people need to know they can trust the tablet before they rely on it. */

/** Which message fits: "unsupported", "preparing", "ready" or "offline". */
export function offlineState({ supported, controlled, online }) {
  if (!supported) return 'unsupported';
  if (!controlled) return 'preparing';
  return online ? 'ready' : 'offline';
}

export function watchOfflineStatus(element, t) {
  const supported = 'serviceWorker' in navigator;
  const render = () => {
    const state = offlineState({
      supported,
      controlled: supported && Boolean(navigator.serviceWorker.controller),
      online: navigator.onLine,
    });
    element.dataset.state = state;
    element.textContent = t(`status.${state}`);
  };
  render();
  if (supported) navigator.serviceWorker.addEventListener('controllerchange', render);
  window.addEventListener('online', render);
  window.addEventListener('offline', render);
}
