/* `#/jury`: the sessions I sit on. For each: when, where, which scheme, its dossiers, the size of
 * the offline copy before downloading it, a progress bar during, "Copie sur cet appareil" after,
 * and erasing it (confirmed). With no network, what the device holds is shown and the screen says
 * that the sizes cannot be asked.
 *
 * Each session is an <article data-session-id data-state="none|partial|downloading|downloaded">
 * for tests and the bench (bench/jury.py presses the button and waits for "downloaded"). */

import { h, messageArea } from '../../lib/dom.js';
import { downloads, manifestPath } from '../../lib/jury/download.js';
import { unwatchJuryCopies, watchJuryCopies, WATCHED_TYPES } from '../../lib/jury/erasure.js';
import { mySessions } from '../../lib/jury/sessions.js';
import { actions, linkButton, title } from '../parts.js';
import { sessionCard } from './session-card.js';
import { onLeave, openJury } from './shared.js';

/**
 * The manifests of these sessions from the server (for their sizes), asked once per screen:
 * `known` keeps the answers; a session not answered (no network) is asked again at the next draw.
 */
async function freshManifests(ctx, sessionIds, known) {
  let offline = false;
  await Promise.all(
    sessionIds.filter((id) => !known.has(id)).map((id) =>
      ctx.api.get(manifestPath(id)).then(
        (manifest) => known.set(id, manifest),
        (error) => {
          if (error.status === 0) offline = true;
        },
      ),
    ),
  );
  return offline;
}

export async function jurySessionsScreen(ctx, _params, { notice } = {}) {
  const { t } = ctx;
  const jury = await openJury(ctx);
  const message = messageArea();
  const offlineNote = h('p', { class: 'jury-offline', hidden: true, text: t('jury.offline') });
  const list = h('div', { class: 'cards jury-sessions' });
  const root = h('section', { class: 'jury', 'data-screen': 'jury' },
    title(t('jury.title')), message.element, offlineNote, list,
    actions(linkButton(t('jury.back'), '#/home', { iconName: 'back' })));
  if (notice) message.info(notice);

  const manifests = new Map();
  let drawing = null;
  async function draw(news = null) {
    if (news) message.info(news);
    const rows = await mySessions(jury.sync.queries, jury.personId);
    const offline = await freshManifests(ctx, rows.map((row) => row.session.id), manifests);
    offlineNote.hidden = !offline;
    root.dataset.network = offline ? 'offline' : 'online';
    const cards = [];
    const problem = (text) => (text ? message.problem(text) : message.clear());
    for (const row of rows) {
      cards.push(await sessionCard(ctx, jury, row, manifests.get(row.session.id), { redraw, problem, painters }));
    }
    list.replaceChildren(...(cards.length ? cards : [h('p', { text: t('jury.none') })]));
  }
  const redraw = (news) => {
    drawing = (drawing ?? Promise.resolve()).then(() => draw(typeof news === 'string' ? news : null));
    return drawing;
  };

  // The cards of the last draw, by session: each paints its own progress.
  const painters = new Map();
  const onProgress = (event) => painters.get(event.detail.sessionId)?.(event.detail);
  const onChanges = (event) => {
    if ((event.detail?.types ?? []).some((type) => WATCHED_TYPES.includes(type) || type === 'person')) redraw();
  };
  const onErased = () => {
    manifests.clear();
    redraw(t('jury.erase.withdrawn'));
  };
  downloads.addEventListener('progress', onProgress);
  jury.sync.client.addEventListener('changes', onChanges);
  onLeave(() => {
    downloads.removeEventListener('progress', onProgress);
    jury.sync.client.removeEventListener('changes', onChanges);
    unwatchJuryCopies(jury.sync, onErased);
  });
  await watchJuryCopies({ sync: jury.sync, personId: jury.personId, store: jury.store, onErased });
  await redraw();
  return root;
}
