/* Who was signed in, remembered on the device while their session lasts, so that a reload or a
 * browser killed and reopened in a workshop with no network still opens on their screens: the
 * session cookie is still good, only the server cannot be asked. Forgotten at sign-out, at a
 * candidate switch, when the server says the session is over, and erased with a revoked tablet.
 * It holds what /me answered (the person's id, names, roles) and the CSRF token of the session. */

const KEY = 'preuves.session';

function storageOf(scope) {
  try {
    return scope.localStorage ?? null;
  } catch {
    return null; // storage blocked: the app works online only, as before
  }
}

export function rememberSession(me, csrfToken, scope = globalThis) {
  if (!me?.person) return;
  storageOf(scope)?.setItem(KEY, JSON.stringify({ me, csrfToken: csrfToken ?? null }));
}

/** {me, csrfToken} as last remembered, or null. */
export function recallSession(scope = globalThis) {
  try {
    const kept = JSON.parse(storageOf(scope)?.getItem(KEY) ?? 'null');
    return kept?.me?.person ? kept : null;
  } catch {
    return null;
  }
}

export function forgetSession(scope = globalThis) {
  storageOf(scope)?.removeItem(KEY);
}
