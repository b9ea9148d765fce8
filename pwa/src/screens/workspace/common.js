/* What the workspace screens share: the device's copy of the signed-in person's records, names
 * and dates in words, and re-drawing a screen when the sync client brings changes. */

import { h, said } from '../../lib/dom.js';
import { liveRoot } from '../../lib/live-root.js';
import { listenWhileShown } from '../../lib/while-shown.js';

/** The person's sync client ({client, queries, put...}), opened once per session. */
export async function syncOf(ctx) {
  return (await ctx.local()).sync;
}

/** "Léa Petit", or a plain stand-in while the person's record has not reached the device. */
export function personName(t, person) {
  if (!person) return t('workspace.someone');
  return [person.given_name, person.family_name].filter(Boolean).join(' ');
}

/** Today on the device, 'YYYY-MM-DD' in local time (a date input's value). */
export function today(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A date (and a time when `withTime`) in the reader's language. */
export function formatDate(language, value, { withTime = false } = {}) {
  if (!value) return '';
  const locale = language === 'fr' ? 'fr-FR' : language;
  // A bare date is a calendar day: read it at noon so no time zone moves it to the day before.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  const options = withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** "Cuisine, version 2025.1", from a framework version record or a described framework. */
export function frameworkName(t, version) {
  if (!version) return t('workspace.frameworkMissing');
  const document = version.document ?? version;
  return t('workspace.frameworkName', { title: document.title, version: document.version ?? '' });
}

/** A competency's words for staff: the easy wording, else the official one. */
export function competencyWords(competency) {
  return competency?.easy_wording ?? competency?.official_wording ?? competency?.key ?? '';
}

/**
 * Draw with `render(sync, redraw)` now and again each time the sync client says records changed,
 * until the screen has left the page. Resolves with the screen's root node.
 */
export async function liveScreen(ctx, render) {
  const sync = await syncOf(ctx);
  const root = h('section', { class: 'workspace' });
  // Keep what the person is typing: a screen with a form open ([data-keep-open]) is not re-drawn.
  const { draw, refresh } = liveRoot(root, (redraw) => render(sync, redraw));
  listenWhileShown(root, sync.client, 'changes', refresh);
  // Ask for what is new at once (a dossier just assigned, a capture just sent) rather than at the
  // next timer; with no network the client simply tries again later.
  sync.client.requestSync();
  await draw();
  return root;
}

/** The screen's back link to the list of dossiers, or elsewhere. */
export function backLink(t, href = '#/dossiers', label = t('workspace.back')) {
  return h('p', { class: 'workspace-back' }, h('a', { href, class: 'button button-secondary' }, h('span', { text: label })));
}

/** A short paragraph that says a fact. */
export const fact = (text, props = {}) => said('p', text, { class: 'help', ...props });
