/* What the two jury screens share: drawing again when the sync client brings records or the
 * server refuses something (unless the member is typing: their words stay), the dates in words,
 * the links between the reader, the decisions and the minutes. */

import { nameOf } from '../../lib/decisions/jury-data.js';
import { h } from '../../lib/dom.js';
import { openMediaStore } from '../../lib/jury/media-store.js';
import { hashFor } from '../../lib/router.js';
import { liveRoot } from '../../lib/live-root.js';
import { listenWhileShown } from '../../lib/while-shown.js';

const TYPES = new Set([
  'decision', 'signature', 'jury_session', 'jury_member', 'jury_assignment', 'person', 'dossier', 'framework_version',
]);

/**
 * A section drawn with `render(sync, redraw)` now, on `changes` of the jury's records and when
 * the count of refused mutations moves; not while `isBusy()` (a form being filled in).
 */
export async function liveSection(ctx, className, render, { isBusy = () => false } = {}) {
  const { sync } = await ctx.local();
  const root = h('section', { class: className });
  let refused = null;
  const { draw, refresh } = liveRoot(root, (redraw) => render(sync, redraw), { isBusy });
  const events = [
    ['changes', ({ detail }) => (detail?.types ?? []).some((type) => TYPES.has(type))],
    ['status', ({ detail }) => {
      const moved = refused !== null && detail?.rejected !== refused;
      refused = detail?.rejected ?? refused;
      return moved;
    }],
  ];
  for (const [type, wanted] of events) {
    listenWhileShown(root, sync.client, type, (event) => {
      if (wanted(event)) refresh();
    });
  }
  refused = (await sync.queries.counts()).rejected;
  await draw();
  return root;
}

/** Run `then` once the node is on the page and the host has focused the title. */
export function whenShown(node, then, tries = 60) {
  requestAnimationFrame(() => {
    if (node.isConnected) then();
    else if (tries > 0) whenShown(node, then, tries - 1);
  });
}

/** 'YYYY-MM-DDTHH:MM' in words: "15 février 2027 à 10:30". */
export function when(language, value) {
  if (!value) return '';
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(value));
}

/** A day 'YYYY-MM-DD' in words: "15 février 2027". */
export function day(language, value) {
  if (!value) return '';
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
}

/** The row of links between the jury's screens of one dossier. */
export function juryLinks(t, sessionId, dossierId, { minutes = true, decide = false } = {}) {
  const link = (label, href) => h('a', { class: 'button button-secondary', href }, h('span', { text: label }));
  return h('nav', { class: 'decisions-links', 'aria-label': t('decisions.decide.toJury') },
    link(t('decisions.decide.toJury'), hashFor('jury')),
    link(t('decisions.decide.toReader'), hashFor('jury-dossier', sessionId, dossierId)),
    decide ? link(t('decisions.minutes.toDecide'), hashFor('jury-decide', sessionId, dossierId)) : null,
    minutes ? link(t('decisions.decide.toMinutes'), hashFor('jury-minutes', sessionId, dossierId)) : null);
}

/**
 * The candidate's name: their person record when the device has it, else the name the offline
 * copy's manifest gave (a jury member from outside gets "Léa M.", not the record), else ''.
 */
export async function candidateLabel(ctx, data, sessionId) {
  if (nameOf(data.candidate)) return nameOf(data.candidate);
  const manifest = await storedManifest(ctx, sessionId);
  return manifest?.dossiers?.find((d) => d.dossier_id === data.dossier.id)?.candidate_name ?? '';
}

/**
 * The members' names the offline copy's manifest gave, by person id: a member from outside gets
 * no person record of the others, and the minutes must still name who sits.
 */
export async function manifestNames(ctx, sessionId) {
  const manifest = await storedManifest(ctx, sessionId);
  return new Map((manifest?.members ?? []).map((member) => [member.person_id, member.name]));
}

async function storedManifest(ctx, sessionId) {
  try {
    return (await (await openMediaStore(ctx.session.person.id)).entry(sessionId))?.manifest ?? null;
  } catch {
    return null; // no offline copy on this device: those names stay unsaid
  }
}
