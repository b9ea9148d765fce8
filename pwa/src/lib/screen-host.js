/* The app's state and the glue between screens: who is signed in, the route being shown, and the
 * handful of moves every screen may ask for (go, signed in, switch candidate, tablet revoked). */

import { api as defaultApi } from './api.js';
import { eraseLocalData, pendingCounts } from './local-data.js';
import { navigate, startRouter } from './router.js';
import { openPersonData } from './person-data.js';
import { createSession } from './session.js';
import { NEEDS_PERSON, SCREENS } from '../screens/index.js';
import { problemText } from '../screens/parts.js';
import { h, said } from './dom.js';

export function startScreens({ root, t, language, api = defaultApi }) {
  let firstRender = true;
  let revoked = false;
  let notice = null; // a one-time message for the next screen ("you are signed out")
  let personData = null; // the signed-in person's sync client and upload queue, once opened

  const ctx = {
    t,
    language,
    api,
    session: createSession(),
    flow: {}, // what a multi-step flow carries between screens, in memory only
    go(name, params = [], { replace = false, notice: next = null } = {}) {
      notice = next;
      navigate(name, params, { replace });
    },
    async refreshSession() {
      const me = await api.get('/me');
      ctx.session.update(me);
      return me;
    },
    /** A person is signed in (passkey or pictures): keep the CSRF token, go home. */
    async signedIn(answer) {
      ctx.session.update(answer);
      ctx.flow = {};
      await ctx.refreshSession();
      ctx.go('home', [], { replace: true });
    },
    /** The signed-in person's local data, {sync, uploads} (lib/person-data.js), opened once. */
    local() {
      if (!ctx.session.signedIn) return Promise.reject(new Error('nobody is signed in'));
      personData ??= openPersonData({ personId: ctx.session.person.id, t }).catch((error) => {
        personData = null;
        throw error;
      });
      return personData;
    },
    /** Close what local() opened; the outbox and the queued media stay for the next session. */
    async closeLocal() {
      const opened = personData;
      personData = null;
      if (opened) (await opened.catch(() => null))?.close();
    },
    forgetPerson() {
      ctx.closeLocal();
      ctx.session.clear();
      ctx.flow = {};
      api.setCsrfToken(null);
    },
    /** One tap: end the candidate's session, wipe them from the page, back to the photos. */
    async switchCandidate() {
      root.replaceChildren();
      try {
        await api.post('/auth/logout', {});
      } catch (error) {
        // Signed out already (expired) is fine; anything else is logged and we go on: the grid
        // must come back whatever happens, and the server's session expires on its own.
        if (error.status !== 401) console.error('logout failed', error);
      } finally {
        ctx.forgetPerson();
      }
      ctx.go('candidates', [], { replace: true });
    },
    /** The tablet is enrolled: the staff member leaves, the candidates come. */
    async afterEnrolment() {
      await api.post('/auth/logout', {});
      ctx.forgetPerson();
      ctx.go('candidates', [], { replace: true, notice: t('enrol.done') });
    },
  };

  async function onRevoked() {
    if (revoked) return;
    revoked = true;
    await ctx.closeLocal(); // the open databases would block their erasure
    ctx.forgetPerson();
    root.replaceChildren();
    try {
      await api.post('/devices/me/wipe-report', { pending: await pendingCounts() });
    } catch (error) {
      console.error('wipe report not sent', error);
    }
    await eraseLocalData();
    navigate('revoked', [], { replace: true });
  }
  api.onProblem((problem) => {
    if (problem.code === 'device_revoked') onRevoked();
  });

  /** The home route decides: a person signed in, an enrolled tablet, or the sign-in screen. */
  async function start() {
    try {
      await ctx.refreshSession();
      return SCREENS.home(ctx, [], { notice });
    } catch (error) {
      if (error.status !== 401) return SCREENS['sign-in'](ctx, [], { notice: problemText(t, error) });
    }
    try {
      return await SCREENS.candidates(ctx, [], { notice });
    } catch {
      return SCREENS['sign-in'](ctx, [], { notice });
    }
  }

  // Once per page load: who is signed in (the cookie outlives the page), and the CSRF token.
  let booted = null;
  const boot = () => (booted ??= ctx.refreshSession().catch(() => null));

  async function screenFor({ name, params }) {
    if (revoked) return SCREENS.revoked(ctx);
    if (name === '' || !SCREENS[name]) return start();
    await boot();
    if (revoked) return SCREENS.revoked(ctx);
    if (NEEDS_PERSON.has(name) && !ctx.session.signedIn) return start();
    return SCREENS[name](ctx, params, { notice });
  }

  async function render(route, signal) {
    let node;
    try {
      node = await screenFor(route);
    } catch (error) {
      node = h(
        'section',
        {},
        said('h1', t('problem.title'), { tabindex: '-1' }),
        said('p', problemText(t, error), { role: 'alert' }),
      );
    }
    notice = null;
    if (signal.aborted || (revoked && route.name !== 'revoked')) return;
    root.replaceChildren(node);
    // Focus the new title so screen readers start at the top; not on the first screen, where
    // the page has just loaded and focus belongs to the browser.
    if (!firstRender) root.querySelector('h1')?.focus();
    firstRender = false;
  }

  ctx.ready = startRouter(render);
  return ctx;
}
