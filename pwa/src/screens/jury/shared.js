/* What the jury screens share: the person's records and media store opened together (with the
 * erasure watcher started), and the words for a session. */

import { openMediaStore } from '../../lib/jury/media-store.js';
import { watchJuryCopies } from '../../lib/jury/erasure.js';

/** {sync, store, personId}; the copies' rules are checked (and watched) before it resolves. */
export async function openJury(ctx) {
  const { sync } = await ctx.local();
  const personId = ctx.session.person.id;
  const store = await openMediaStore(personId);
  await watchJuryCopies({ sync, personId, store });
  return { sync, store, personId };
}

/** "15 février 2027" for a date field ("2027-02-15"), whatever the device's time zone. */
export function formatDay(day, language) {
  if (!day) return '';
  const locale = language === 'fr' ? 'fr-FR' : language;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(`${day}T12:00:00`));
}

/** "15 février 2027, Cuisine". */
export function sessionTitle(ctx, session) {
  return ctx.t('jury.session.title', {
    date: formatDay(session.held_on, ctx.language),
    place: session.place,
  });
}

/** The session's facts as [term, words] pairs: scheme, modality, status, my role. */
export function sessionFacts(ctx, session, role = null) {
  const { t } = ctx;
  return [
    [t('jury.session.scheme'), t(`jury.scheme.${session.scheme}`)],
    session.modality ? [t('jury.session.modality'), t(`jury.modality.${session.modality}`)] : null,
    [t('jury.session.status'), t(`jury.status.${session.status}`)],
    role ? [t('jury.session.role'), t(`jury.role.${role}`)] : null,
  ].filter(Boolean);
}

/** The candidate's name: their person record, else the manifest's, else a plain word. */
export function candidateName(ctx, candidate, manifestDossier = null) {
  const fromRecord = [candidate?.given_name, candidate?.family_name].filter(Boolean).join(' ');
  return fromRecord || manifestDossier?.candidate_name || ctx.t('jury.candidate.unnamed');
}

/** Call `fn` once when the route changes: the screen is left (listeners stop, URLs revoked). */
export function onLeave(fn, win = globalThis.window) {
  win?.addEventListener('hashchange', fn, { once: true });
}
