/* `#/jury-dossier/<sessionId>/<dossierId>`: the jury's reader, offline from the device's records
 * and the member's media store. One h2 per block and one h3 per competency (with a table of
 * contents), in the framework's order and wording: the candidate's own words and voice, the
 * positionings, the chosen evidence played from the device, remarks and testimonies, and the
 * way to decide. The copy's rules are checked before anything is shown: a dossier whose access
 * ended says so, and nothing of it is read. <section data-state="ready|unavailable">. */

import { loadDossier } from '../../lib/dossier-data.js';
import { h } from '../../lib/dom.js';
import { eraseWhatMustGo, unwatchJuryCopies, watchJuryCopies, WATCHED_TYPES } from '../../lib/jury/erasure.js';
import { readerModel } from '../../lib/jury/reader.js';
import { isAssigned, juryRecords, sitsOn } from '../../lib/jury/sessions.js';
import { actions, linkButton, title } from '../parts.js';
import { mediaShelf, releaseOnLeave } from './media.js';
import { competencySection, evidenceItem, tableOfContents, testimonyItem } from './reader-parts.js';
import { candidateName, onLeave, openJury, sessionTitle } from './shared.js';

/** The reader's context, or null when this member may no longer read this dossier here. */
async function readable(jury, sessionId, dossierId) {
  const { sessions, members, assignments } = await juryRecords(jury.sync.queries);
  const session = sessions.get(sessionId);
  if (!session || ['closed', 'cancelled'].includes(session.status)) return null;
  if (!sitsOn(members, jury.personId, sessionId) || !isAssigned(assignments, sessionId, dossierId)) return null;
  const loaded = await loadDossier(jury.sync.queries, dossierId);
  return loaded?.framework ? { session, ...loaded } : null;
}

/** While the reader is shown: a pull that ends the access (or erases the copy) closes it. */
function watchAccess(ctx, jury, { sessionId, dossierId }) {
  const { client } = jury.sync;
  let left = false;
  const recheck = async () => {
    if (!left && !(await readable(jury, sessionId, dossierId))) {
      ctx.go('jury-dossier', [sessionId, dossierId], { replace: true });
    }
  };
  const onChanges = (event) => {
    if ((event.detail?.types ?? []).some((type) => WATCHED_TYPES.includes(type))) recheck();
  };
  client.addEventListener('changes', onChanges);
  watchJuryCopies({ sync: jury.sync, personId: jury.personId, store: jury.store, onErased: recheck });
  onLeave(() => {
    left = true;
    client.removeEventListener('changes', onChanges);
    unwatchJuryCopies(jury.sync, recheck);
  });
}

function unavailable(ctx, root) {
  root.dataset.state = 'unavailable';
  root.append(title(ctx.t('jury.reader.unavailableTitle')),
    h('p', { text: ctx.t('jury.reader.unavailable') }),
    actions(linkButton(ctx.t('jury.reader.back'), '#/jury', { iconName: 'back' })));
  return root;
}

/** Everything the reader shows, from the device; null when it may not be shown. */
async function openReader(jury, sessionId, dossierId) {
  // The rules first: a copy whose access ended is erased before anything of it is shown.
  await eraseWhatMustGo({ queries: jury.sync.queries, store: jury.store, personId: jury.personId });
  const loaded = sessionId && dossierId ? await readable(jury, sessionId, dossierId) : null;
  if (!loaded) return null;
  const people = new Map((await jury.sync.queries.listByType('person')).map((p) => [p.id, p]));
  const entry = await jury.store.entry(sessionId);
  const inManifest = entry?.manifest?.dossiers?.find((d) => d.dossier_id === dossierId) ?? null;
  let copy = 'none';
  if (inManifest) copy = entry.complete ? 'complete' : 'partial';
  return { ...loaded, person: (id) => people.get(id) ?? null, inManifest, copy };
}

const COPY_WORDS = { complete: 'jury.reader.copyHere', partial: 'jury.reader.copyPartial', none: 'jury.reader.copyNone' };

function header(ctx, loaded, { sessionId, dossierId }) {
  const { t } = ctx;
  const name = candidateName(ctx, loaded.person(loaded.dossier.candidate_id), loaded.inManifest);
  return [
    title(t('jury.reader.title', { name })),
    h('p', { class: 'lead', text: t('jury.reader.session', { session: sessionTitle(ctx, loaded.session) }) }),
    h('p', { class: 'jury-copy', text: t(COPY_WORDS[loaded.copy]) }),
    actions(
      linkButton(t('jury.reader.minutes'), `#/jury-minutes/${sessionId}/${dossierId}`, { kind: 'primary' }),
      linkButton(t('jury.reader.back'), '#/jury', { iconName: 'back' }),
    ),
  ];
}

/** One h2 section per block, its competencies in order (their media looked up together). */
function blockSections(ctx, shelf, loaded, model, links) {
  return Promise.all(model.blocks.map(async ({ block, competencies }) => {
    const sections = await Promise.all(competencies.map((row) => competencySection(ctx, shelf, loaded, row, links)));
    return h('section', { class: 'jury-block', 'aria-labelledby': `jury-b-${block.id}` },
      h('h2', { id: `jury-b-${block.id}`, text: block.title }), sections);
  }));
}

/** What names no competency of the framework: untied evidence, other testimonies. */
async function extras(ctx, shelf, loaded, model) {
  const { t } = ctx;
  const evidence = await Promise.all(model.otherEvidence.map((item, index) =>
    evidenceItem(ctx, shelf, loaded.person, { evidence: item, annotations: [] }, index, 'h3')));
  const testimonies = await Promise.all(model.otherTestimonies.map((item) => testimonyItem(ctx, shelf, item)));
  const part = (id, key, list) => h('section', { class: 'jury-block', 'aria-labelledby': id },
    h('h2', { id, text: t(key) }), list);
  return [
    evidence.length ? part('jury-other-evidence', 'jury.reader.otherEvidence', h('ol', { class: 'jury-evidence-list' }, evidence)) : null,
    testimonies.length ? part('jury-other-testimonies', 'jury.reader.otherTestimonies', h('ul', { class: 'jury-testimonies' }, testimonies)) : null,
  ].filter(Boolean);
}

export async function juryReaderScreen(ctx, [sessionId, dossierId] = []) {
  const root = h('section', { class: 'jury-reader', 'data-screen': 'jury-dossier', 'data-session-id': sessionId ?? '', 'data-dossier-id': dossierId ?? '' });
  const jury = await openJury(ctx);
  const loaded = await openReader(jury, sessionId, dossierId);
  if (!loaded) return unavailable(ctx, root);
  const links = { sessionId, dossierId };
  const shelf = mediaShelf(jury.store, sessionId);
  releaseOnLeave(shelf);
  const model = readerModel(loaded);
  const blocks = await blockSections(ctx, shelf, loaded, model, links);
  const others = await extras(ctx, shelf, loaded, model);
  watchAccess(ctx, jury, links);
  root.dataset.state = 'ready';
  root.dataset.copy = loaded.copy;
  root.append(...header(ctx, loaded, links), tableOfContents(ctx, model, links), ...blocks, ...others);
  return root;
}
