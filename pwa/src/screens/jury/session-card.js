/* One session on `#/jury`: its facts, its dossiers with their sizes, and its offline copy: the
 * size to download, a <progress> during, "Copie sur cet appareil" after, "Effacer la copie"
 * confirmed in place. `data-state` says where the copy is (none|partial|downloading|downloaded). */

import { h } from '../../lib/dom.js';
import { downloadSession, manifestBytes, progressOf } from '../../lib/jury/download.js';
import { formatBytes } from '../../lib/jury/size.js';
import { actions, button, problemText } from '../parts.js';
import { candidateName, sessionFacts, sessionTitle } from './shared.js';

function facts(ctx, session, role) {
  return h('dl', { class: 'jury-facts' },
    sessionFacts(ctx, session, role).flatMap(([term, words]) => [h('dt', { text: term }), h('dd', { text: words })]));
}

function dossierList(ctx, session, dossiers, manifest) {
  const { t, language } = ctx;
  const items = dossiers.map(({ id, candidate }) => {
    const inManifest = manifest?.dossiers?.find((d) => d.dossier_id === id) ?? null;
    const name = candidateName(ctx, candidate, inManifest);
    const size = inManifest ? t('jury.dossier.size', { size: formatBytes(inManifest.bytes, language) }) : null;
    return h('li', {},
      h('a', { href: `#/jury-dossier/${session.id}/${id}`, text: name }),
      size ? h('span', { class: 'help', text: ` ${size}` }) : null);
  });
  if (!items.length) return h('p', { text: t('jury.session.noDossier') });
  return h('ul', { class: 'jury-dossiers', 'aria-label': t('jury.session.dossiers') }, items);
}

/** The words for a progress event: "12,5 Mo sur 40 Mo". */
function progressWords(ctx, progress) {
  if (!progress || progress.phase === 'sync' || progress.phase === 'manifest') return ctx.t('jury.download.preparing');
  return ctx.t('jury.download.progress', {
    done: formatBytes(progress.bytesDone, ctx.language),
    total: formatBytes(progress.bytesTotal, ctx.language),
  });
}

/** One session's card, with its own download state. */
export async function sessionCard(ctx, jury, row, fresh, { redraw, problem, painters }) {
  const { t, language } = ctx;
  const { session, role, dossiers } = row;
  const entry = await jury.store.entry(session.id);
  const manifest = fresh ?? entry?.manifest ?? null;
  const stored = entry ? await jury.store.storedBytes(session.id) : 0;
  const card = h('article', { class: 'card jury-session', 'data-session-id': session.id, 'aria-labelledby': `jury-s-${session.id}` });
  const status = h('p', { class: 'jury-copy', role: 'status', 'aria-live': 'polite' });
  const bar = h('progress', { max: '1', value: '0', 'aria-label': t('jury.download.bar'), hidden: true });
  const barWords = h('p', { class: 'help', 'aria-hidden': 'true', hidden: true });
  const size = manifest
    ? h('p', { class: 'jury-size', text: t('jury.download.size', { size: formatBytes(manifestBytes(manifest), language) }) })
    : h('p', { class: 'jury-size', text: t('jury.download.sizeUnknown') });
  const download = button(t(entry && !entry.complete ? 'jury.download.resume' : 'jury.download.start'), {
    onclick: () => start(),
  });
  const erase = button(t('jury.erase.button'), { kind: 'secondary', onclick: () => confirmErase() });
  const confirmBox = h('div', { class: 'jury-confirm', role: 'group', 'aria-labelledby': `jury-c-${session.id}`, hidden: true });

  function setState(state) {
    card.dataset.state = state;
    const downloading = state === 'downloading';
    bar.hidden = !downloading;
    barWords.hidden = !downloading;
    download.hidden = state === 'downloaded' || downloading;
    download.disabled = downloading;
    erase.hidden = state === 'none' || downloading;
    if (state === 'downloaded') status.textContent = t('jury.copy.here', { size: formatBytes(stored, language) });
    else if (state === 'partial') status.textContent = t('jury.copy.partial', { done: formatBytes(stored, language), total: formatBytes(manifest ? manifestBytes(manifest) : 0, language) });
    else if (state === 'none') status.textContent = t('jury.copy.none');
  }

  function show(progress) {
    bar.max = Math.max(1, progress.bytesTotal ?? 1);
    bar.value = Math.min(progress.bytesDone ?? 0, bar.max);
    const words = progressWords(ctx, progress);
    bar.setAttribute('aria-valuetext', words);
    barWords.textContent = words;
    if (progress.phase === 'done') redraw();
  }
  painters.set(session.id, show);

  async function start() {
    problem(null);
    setState('downloading');
    status.textContent = t('jury.download.started');
    try {
      const result = await downloadSession({ api: ctx.api, personId: jury.personId, sessionId: session.id, sync: jury.sync });
      if (result.failed.length === 1) problem(t('jury.download.incompleteOne'));
      else if (!result.complete) problem(t('jury.download.incomplete', { count: result.failed.length }));
    } catch (error) {
      problem(error.status === 0 ? t('jury.download.offline') : problemText(t, error));
    }
    redraw();
  }

  function confirmErase() {
    confirmBox.hidden = false;
    erase.hidden = true;
    confirmBox.querySelector('button:last-child').focus();
  }
  const yes = button(t('jury.erase.yes'), {
    onclick: async () => {
      await jury.store.eraseSession(session.id);
      redraw(t('jury.erase.done'));
    },
  });
  const no = button(t('jury.erase.no'), {
    kind: 'secondary',
    onclick: () => {
      confirmBox.hidden = true;
      erase.hidden = false;
      erase.focus();
    },
  });
  confirmBox.append(h('p', { id: `jury-c-${session.id}`, text: t('jury.erase.question') }), actions(yes, no));

  const running = progressOf(session.id);
  if (running) {
    setState('downloading');
    show(running);
  } else {
    setState(!entry ? 'none' : entry.complete ? 'downloaded' : 'partial');
  }
  card.append(
    h('h2', { id: `jury-s-${session.id}`, text: sessionTitle(ctx, session) }),
    facts(ctx, session, role),
    h('h3', { text: t('jury.session.dossiers') }),
    dossierList(ctx, session, dossiers, manifest),
    size, status, bar, barWords,
    actions(download, erase), confirmBox,
  );
  return card;
}
