/* The hash router. Hash routes keep every screen inside the one precached shell, so each opens
 * with no network, and the invitation link (/#/invitation/TOKEN) never sends its token to a
 * server log as a path would. */

/** Turn "#/invitation/abc" into { name: 'invitation', params: ['abc'] }; "" and "#/" are home. */
export function parseHash(hash) {
  const parts = String(hash ?? '')
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => decodeURIComponent(part));
  return { name: parts[0] ?? '', params: parts.slice(1) };
}

/** The hash for a route: hashFor('invitation', token) -> "#/invitation/<token>". */
export function hashFor(name, ...params) {
  return `#/${[name, ...params].filter((part) => part !== '').map(encodeURIComponent).join('/')}`;
}

/**
 * An address in path form (/invitation/TOKEN, as a printed link may carry it) moved to its hash
 * form, so that one router handles both. Returns the hash to use, or null when nothing to move.
 */
export function hashFromPath(pathname) {
  const match = /^\/(invitation)\/([^/]+)\/?$/.exec(pathname);
  return match ? hashFor(match[1], decodeURIComponent(match[2])) : null;
}

/**
 * Call render(route) now and on every hash change. A render started earlier is told it is stale
 * (signal.aborted), so a slow answer for a screen already left never paints over the new one.
 */
export function startRouter(render, win = window) {
  let controller = null;
  const go = () => {
    controller?.abort();
    controller = new AbortController();
    return render(parseHash(win.location.hash), controller.signal);
  };
  const moved = hashFromPath(win.location.pathname);
  if (moved) win.history.replaceState(null, '', `/${moved}`);
  win.addEventListener('hashchange', go);
  return go();
}

/** Go to a route; replace instead of push for steps the back button should skip. */
export function navigate(name, params = [], { replace = false, win = window } = {}) {
  const hash = hashFor(name, ...params);
  if (replace) {
    win.history.replaceState(null, '', hash);
    win.dispatchEvent(new HashChangeEvent('hashchange'));
  } else if (win.location.hash === hash) {
    win.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    win.location.hash = hash;
  }
}
