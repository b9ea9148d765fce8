/* The app's state and the glue between screens: who is signed in, the route being shown, and the
 * handful of moves every screen may ask for (go, signed in, switch candidate, tablet revoked). */

import { api as defaultApi } from './api.js';
import { eraseLocalData, pendingCounts } from './local-data.js';
import { navigate, startRouter } from './router.js';
import { releaseMediaSources } from './media-source.js';
import { clearActivity, markBusy, markIdle } from './shell/activity.js';
import { forgetSession, recallSession, rememberSession } from './shell/remembered-session.js';
import { openPersonData } from './person-data.js';
import { createSession } from './session.js';
import { NEEDS_PERSON, SCREENS } from '../screens/index.js';
import { problemText } from '../screens/parts.js';
import { h, said } from './dom.js';

/**
 * Start the screens in `root`. `onPersonData(data | null)` hears when the signed-in person's local
 * data opens and closes (the sync status in the header listens).
 */
export function startScreens({ root, t, language, api = defaultApi, onPersonData = () => {} }) {
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
    // "I am in the middle of something": no app update reloads the page until markIdle
    // (lib/shell/activity.js; screens may also import markBusy/markIdle from there).
    markBusy,
    markIdle,
    go(name, params = [], { replace = false, notice: next = null } = {}) {
      notice = next;
      navigate(name, params, { replace });
    },
    /** Ask the server who is signed in; with no network, who was (remembered-session.js). */
    async refreshSession() {
      let me;
      try {
        me = await api.get('/me');
      } catch (error) {
        const kept = error.status === 0 ? recallSession() : null;
        if (error.status === 401) forgetSession();
        if (!kept) throw error;
        api.setCsrfToken(kept.csrfToken);
        me = kept.me;
      }
      ctx.session.update(me);
      rememberSession(me, api.csrfToken);
      return me;
    },
    /** A person is signed in (passkey or pictures): keep the CSRF token, go home. */
    async signedIn(answer) {
      ctx.session.update(answer);
      ctx.flow = {};
      await ctx.refreshSession();
      ctx.go('home', [], { replace: true });
    },
    /**
     * The signed-in person's local data, {sync, uploads} (lib/person-data.js), opened once per
     * person: at sign-in, or by the first screen that asks.
     */
    local() {
      if (!ctx.session.signedIn) return Promise.reject(new Error('nobody is signed in'));
      const personId = ctx.session.person.id;
      if (personData?.personId !== personId) {
        const closing = ctx.closeLocal();
        const opening = closing.then(() => openPersonData({ personId, t, api }));
        personData = { personId, opening };
        opening.then(
          (data) => personData?.opening === opening && onPersonData(data),
          () => {
            if (personData?.opening === opening) personData = null;
          },
        );
      }
      return personData.opening;
    },
    /**
     * Close what local() opened (uploads paused, databases closed); resolves once closed. The
     * outbox and the queued media stay for the person's next session.
     */
    async closeLocal() {
      const opened = personData;
      personData = null;
      releaseMediaSources();
      if (!opened) return;
      onPersonData(null);
      await (await opened.opening.catch(() => null))?.close();
    },
    /** Forget the person in this page; resolves once their local data is closed. */
    forgetPerson() {
      const closed = ctx.closeLocal();
      clearActivity();
      forgetSession();
      ctx.session.clear();
      ctx.flow = {};
      api.setCsrfToken(null);
      return closed;
    },
    /** Sign out: close the local data first (an upload is paused, not cut), then the session. */
    async signOut() {
      await ctx.closeLocal();
      try {
        await api.post('/auth/logout', {});
      } finally {
        await ctx.forgetPerson();
      }
    },
    /** One tap: end the candidate's session, wipe them from the page, back to the photos. */
    async switchCandidate() {
      root.replaceChildren();
      await ctx.closeLocal();
      try {
        await api.post('/auth/logout', {});
      } catch (error) {
        // Signed out already (expired) is fine; anything else is logged and we go on: the grid
        // must come back whatever happens, and the server's session expires on its own.
        if (error.status !== 401) console.error('logout failed', error);
      } finally {
        await ctx.forgetPerson();
      }
      ctx.go('candidates', [], { replace: true });
    },
    /** The tablet is enrolled: the staff member leaves, the candidates come. */
    async afterEnrolment() {
      await ctx.closeLocal();
      await api.post('/auth/logout', {});
      await ctx.forgetPerson();
      ctx.go('candidates', [], { replace: true, notice: t('enrol.done') });
    },
  };

  async function onRevoked() {
    if (revoked) return;
    revoked = true;
    await ctx.forgetPerson(); // the open databases would block their erasure
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
      openLocal();
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

  // Sync starts as soon as someone is signed in, so the header tells them at once where their
  // work stands; a failure to open is told by the screens that need the data.
  const openLocal = () => {
    if (ctx.session.signedIn && !revoked) ctx.local().catch((error) => console.error(error));
  };

  async function screenFor({ name, params }) {
    if (revoked) return SCREENS.revoked(ctx);
    if (name === '' || !SCREENS[name]) return start();
    await boot();
    if (revoked) return SCREENS.revoked(ctx);
    openLocal();
    if (NEEDS_PERSON.has(name) && !ctx.session.signedIn) return start();
    return SCREENS[name](ctx, params, { notice });
  }

  let shown = null;
  async function render(route, signal) {
    // Object URLs of local media belong to the screen that asked; a new route lets them go.
    if (shown !== null && shown !== route.name) releaseMediaSources();
    shown = route.name;
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
