/* The `sync` screen: what of mine waits on this tablet, and why, in words. Each thing waiting
 * says what it is (a video, a photo, an answer) and where it stands (waiting for the wifi, being
 * sent, how much is there already); what the server refused says why, in the server's own French
 * words, and whom to ask. "Envoyer maintenant" tries again at once; nothing here blocks. */

import { busy, h, said } from '../../lib/dom.js';
import { pictogram } from '../../lib/pictogram.js';
import { messageFor } from '../../lib/uploads/errors.js';
import {
  KIND_PICTOGRAMS, mediaKind, nearlyFull, recordKind, recordOfKey, sentences, uploadOf,
} from '../../lib/shell/sync-status.js';
import { readState, storageEstimate } from '../../lib/shell/sync-widget.js';
import { actions, button, linkButton, title } from '../parts.js';

function item(t, kind, stateWords) {
  return h(
    'li',
    { class: 'sync-item' },
    pictogram(KIND_PICTOGRAMS[kind]),
    h('div', {}, said('p', t(`shell.kind.${kind}.one`), { class: 'sync-item-what' }), ...stateWords),
  );
}

function uploadWords(t, entry, offline) {
  const cut = offline || (entry.error === 'offline' && entry.state === 'waiting');
  const state = cut && entry.state !== 'refused' ? 'offline' : entry.state;
  const words = [said('p', t(`shell.item.${state}`))];
  if (entry.size > 0 && entry.offset > 0 && entry.state !== 'refused') {
    const percent = Math.min(99, Math.floor((entry.offset / entry.size) * 100));
    words.push(said('p', t('shell.item.already', { percent })));
  }
  return words;
}

function reasonOf(t, problem) {
  return problem?.title ? t('shell.item.why', { reason: problem.title }) : t('shell.item.whyUnknown');
}

/** The lists: waiting (media first, then records without a waiting medium) and refused. */
function lists(t, outbox, uploads, offline) {
  const withMedia = new Set(uploads.map((entry) => recordOfKey(entry.recordId)));
  const waiting = [
    ...uploads
      .filter((entry) => entry.state !== 'refused')
      .map((entry) => item(t, mediaKind(entry.mediaType), uploadWords(t, entry, offline))),
    ...outbox
      .filter((entry) => entry.state !== 'rejected' && !withMedia.has(entry.id))
      .map((entry) => item(t, recordKind(entry.type), [said('p', t('shell.item.record'))])),
  ];
  const refused = [
    ...uploads
      .filter((entry) => entry.state === 'refused')
      .map((entry) =>
        item(t, mediaKind(entry.mediaType), [said('p', messageFor({ code: entry.error, title: '' }, t))]),
      ),
    ...outbox
      .filter((entry) => entry.state === 'rejected')
      .map((entry) => item(t, recordKind(entry.type), [said('p', reasonOf(t, entry.last_error))])),
  ];
  return { waiting, refused };
}

export async function syncScreen(ctx) {
  const { t } = ctx;
  const data = await ctx.local();
  const section = h('section', { class: 'sync-screen' });

  async function draw() {
    const [outbox, allUploads, summary, estimate] = await Promise.all([
      data.sync.queries.outboxOf(data.personId),
      data.uploads.entries(),
      readState(data),
      storageEstimate(),
    ]);
    const uploads = allUploads.filter(uploadOf(data.personId));
    const { waiting, refused } = lists(t, outbox, uploads, summary.state === 'offline');
    const sendNow = button(t('shell.syncScreen.sendNow'), {
      big: true,
      onclick: () =>
        busy(sendNow, () =>
          Promise.all([data.sync.client.syncNow(), data.uploads.resumeAll()]).finally(draw),
        ),
    });
    const parts = [
      title(t('shell.syncScreen.title')),
      h('div', { class: 'sync-summary', 'data-state': summary.state },
        ...sentences(t, summary).map((sentence) => said('p', sentence, { class: 'lead' }))),
      nearlyFull(estimate) ? said('p', t('shell.storage.full'), { role: 'alert' }) : null,
      said('h2', t('shell.syncScreen.waiting')),
      waiting.length
        ? h('ul', { class: 'sync-list', 'aria-label': t('shell.syncScreen.waiting') }, ...waiting)
        : said('p', t('shell.syncScreen.nothing')),
      refused.length ? said('h2', t('shell.syncScreen.refused')) : null,
      refused.length
        ? h('ul', { class: 'sync-list', 'aria-label': t('shell.syncScreen.refused') }, ...refused)
        : null,
      refused.length ? said('p', t('shell.syncScreen.askHelp')) : null,
      actions(
        waiting.length ? sendNow : null,
        linkButton(t('shell.syncScreen.back'), '#/home', { iconName: 'back' }),
      ),
    ];
    section.replaceChildren(...parts.filter(Boolean));
  }

  // Redrawn when the client or the queue moves, while this screen is shown.
  const sources = [
    [data.sync.client, 'status'],
    [data.uploads, 'done'],
    [data.uploads, 'error'],
    [data.uploads, 'queued'],
  ];
  const redraw = () => {
    if (section.isConnected) draw().catch(() => {});
    else for (const [target, type] of sources) target.removeEventListener(type, redraw);
  };
  await draw();
  for (const [target, type] of sources) target.addEventListener(type, redraw);
  return section;
}
