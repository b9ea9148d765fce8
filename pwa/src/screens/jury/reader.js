/* `#/jury-dossier/<sessionId>/<dossierId>`: the jury's reader, offline from the device's records
 * and the member's media store. One h2 per block and one h3 per competency (with a table of
 * contents), in the framework's order and wording: the candidate's own words and voice, the
 * positionings, the chosen evidence played from the device, remarks and testimonies, and the
 * way to decide. The copy's rules are checked before anything is shown: a dossier whose access
 * ended says so, and nothing of it is read. <section data-state="ready|unavailable">. */

import { loadDossier } from '../../lib/dossier-data.js';
import { h, messageArea } from '../../lib/dom.js';
import { eraseWhatMustGo, unwatchJuryCopies, watchJuryCopies, WATCHED_TYPES } from '../../lib/jury/erasure.js';
import { readerModel } from '../../lib/jury/reader.js';
import { isAssigned, juryRecords, sitsOn } from '../../lib/jury/sessions.js';
import { actions, linkButton, title } from '../parts.js';
import { formatDate, personName } from '../review/shared.js';
import { evidenceMedia, mediaShelf, releaseOnLeave, voice } from './media.js';
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

const competencyAnchor = (competency) => `jury-c-${competency.id}`;

/** Move to a heading of the page without touching the hash (the router owns it). */
function jumpTo(event) {
  event.preventDefault();
  const target = document.getElementById(event.currentTarget.dataset.target);
  target?.focus();
  target?.scrollIntoView({ block: 'start' });
}

function tableOfContents(ctx, model) {
  const item = (text, target) =>
    h('li', {}, h('a', { href: `#/${ctx.hereHash}`, 'data-target': target, onclick: jumpTo, text }));
  return h('nav', { class: 'jury-toc', 'aria-labelledby': 'jury-toc-title' },
    h('h2', { id: 'jury-toc-title', text: ctx.t('jury.reader.toc') }),
    h('ol', {}, model.blocks.map(({ block, competencies }) => h('li', {},
      h('span', { text: block.title }),
      h('ol', {}, competencies.map(({ competency }) => item(competency.official_wording ?? competency.easy_wording, competencyAnchor(competency))))))));
}

/** "Acquis avec aide (Avec de l'aide), le 3 mars 2027." and the comment, for one side. */
function positioning(ctx, framework, item, who) {
  const { t, language } = ctx;
  if (!item) return h('li', {}, h('strong', { text: `${who} : ` }), t('jury.reader.noPositioning'));
  const level = framework.level(item.level_key);
  const words = level?.easy_label && level.easy_label !== level.label ? `${level.label} (${level.easy_label})` : (level?.label ?? item.level_key);
  return h('li', {},
    h('strong', { text: `${who} : ` }),
    t('jury.reader.positioned', { level: words, date: formatDate(item.taken_at, language, { time: false }) }),
    item.comment_text ? h('p', { class: 'jury-quote', text: item.comment_text }) : null);
}

function annotationItem(ctx, person, annotation) {
  const { t, language } = ctx;
  const who = personName(person(annotation.author_id)) ?? t('jury.reader.someone');
  const head = t(`jury.annotation.${annotation.kind}`, { name: who, date: formatDate(annotation.changed_at ?? annotation.client_changed_at, language, { time: false }) });
  return h('li', {}, h('span', { text: head }), annotation.body_text ? h('p', { class: 'jury-quote', text: annotation.body_text }) : null);
}

async function evidenceItem(ctx, shelf, person, { evidence, annotations }, index, heading = 'h5') {
  const { t, language } = ctx;
  const kind = t(`jury.kind.${evidence.kind}`);
  const label = t('jury.reader.evidenceName', { index: index + 1, kind, date: formatDate(evidence.captured_at, language, { time: false }) });
  const spoken = evidence.caption_audio_sha256
    ? await voice(shelf, evidence.caption_audio_sha256, t('jury.reader.spokenCaption', { name: label }))
    : null;
  return h('li', { class: 'jury-evidence', 'data-evidence-id': evidence.id },
    h(heading, { text: label }),
    await evidenceMedia(ctx, shelf, evidence, label),
    evidence.caption_text ? h('p', {}, h('strong', { text: `${t('jury.reader.ownWords')} ` }), h('q', { text: evidence.caption_text })) : null,
    spoken ? h('p', {}, h('strong', { text: `${t('jury.reader.ownVoice')} ` })) : null,
    spoken,
    evidence.caption_audio_sha256 && !spoken ? h('p', { class: 'jury-missing', text: t('jury.reader.voiceMissing') }) : null,
    annotations.length ? h('ul', { class: 'jury-annotations', 'aria-label': t('jury.reader.remarks') }, annotations.map((a) => annotationItem(ctx, person, a))) : null);
}

async function testimonyItem(ctx, shelf, testimony) {
  const { t, language } = ctx;
  const who = t('jury.reader.testimonyBy', { name: testimony.author_name ?? t('jury.reader.someone'), role: testimony.author_role ?? '', date: formatDate(testimony.given_at, language, { time: false }) });
  const audio = testimony.body_audio_sha256 ? await voice(shelf, testimony.body_audio_sha256, t('jury.reader.testimonyVoice', { name: who })) : null;
  return h('li', { class: 'jury-testimony' }, h('p', {}, h('strong', { text: who })),
    testimony.body_text ? h('blockquote', { class: 'jury-quote', text: testimony.body_text }) : null, audio);
}

async function competencySection(ctx, shelf, loaded, row, links) {
  const { t } = ctx;
  const { competency } = row;
  const heading = h('h3', { id: competencyAnchor(competency), tabindex: '-1', text: competency.official_wording ?? competency.easy_wording });
  const evidence = [];
  for (const [index, item] of row.evidence.entries()) evidence.push(await evidenceItem(ctx, shelf, loaded.person, item, index));
  const testimonies = [];
  for (const item of row.testimonies) testimonies.push(await testimonyItem(ctx, shelf, item));
  return h('section', { class: 'jury-competency', 'aria-labelledby': heading.id, 'data-competency-id': competency.id },
    heading,
    competency.easy_wording && competency.easy_wording !== competency.official_wording
      ? h('p', { class: 'help', text: t('jury.reader.easyWording', { words: competency.easy_wording }) }) : null,
    h('h4', { text: t('jury.reader.positionings') }),
    h('ul', { class: 'jury-positionings' },
      positioning(ctx, loaded.framework, row.self, t('jury.reader.self')),
      positioning(ctx, loaded.framework, row.co, t('jury.reader.co'))),
    h('h4', { text: t('jury.reader.evidence') }),
    evidence.length ? h('ol', { class: 'jury-evidence-list' }, evidence) : h('p', { text: t('jury.reader.noEvidence') }),
    testimonies.length ? h('h4', { text: t('jury.reader.testimonies') }) : null,
    testimonies.length ? h('ul', { class: 'jury-testimonies' }, testimonies) : null,
    actions(linkButton(t('jury.reader.decide', { name: competency.official_wording ?? competency.easy_wording }), `#/jury-decide/${links.sessionId}/${links.dossierId}/${competency.id}`, { kind: 'primary' })));
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

export async function juryReaderScreen(ctx, [sessionId, dossierId] = []) {
  const { t } = ctx;
  const root = h('section', { class: 'jury-reader', 'data-screen': 'jury-dossier', 'data-session-id': sessionId ?? '', 'data-dossier-id': dossierId ?? '' });
  const jury = await openJury(ctx);
  // The rules first: a copy whose access ended is erased before anything of it is shown.
  await eraseWhatMustGo({ queries: jury.sync.queries, store: jury.store, personId: jury.personId });
  const loaded = sessionId && dossierId ? await readable(jury, sessionId, dossierId) : null;
  if (!loaded) return unavailable(ctx, root);
  const people = new Map((await jury.sync.queries.listByType('person')).map((p) => [p.id, p]));
  loaded.person = (id) => people.get(id) ?? null;
  const entry = await jury.store.entry(sessionId);
  const inManifest = entry?.manifest?.dossiers?.find((d) => d.dossier_id === dossierId) ?? null;
  const shelf = mediaShelf(jury.store, sessionId);
  releaseOnLeave(shelf);
  const model = readerModel(loaded);
  const here = { ...ctx, hereHash: `jury-dossier/${sessionId}/${dossierId}` };
  const name = candidateName(ctx, loaded.person(loaded.dossier.candidate_id), inManifest);
  const message = messageArea();
  const copy = inManifest
    ? t(entry.complete ? 'jury.reader.copyHere' : 'jury.reader.copyPartial')
    : t('jury.reader.copyNone');
  const blocks = [];
  for (const { block, competencies } of model.blocks) {
    const sections = [];
    for (const row of competencies) sections.push(await competencySection(ctx, shelf, loaded, row, { sessionId, dossierId }));
    blocks.push(h('section', { class: 'jury-block', 'aria-labelledby': `jury-b-${block.id}` },
      h('h2', { id: `jury-b-${block.id}`, text: block.title }), sections));
  }
  const others = [];
  for (const item of model.otherTestimonies) others.push(await testimonyItem(ctx, shelf, item));
  const otherEvidence = [];
  for (const [index, evidence] of model.otherEvidence.entries()) {
    otherEvidence.push(await evidenceItem(ctx, shelf, loaded.person, { evidence, annotations: [] }, index, 'h3'));
  }
  watchAccess(ctx, jury, { sessionId, dossierId });
  root.dataset.state = 'ready';
  root.dataset.copy = inManifest ? (entry.complete ? 'complete' : 'partial') : 'none';
  const parts = [
    title(t('jury.reader.title', { name })),
    h('p', { class: 'lead', text: t('jury.reader.session', { session: sessionTitle(ctx, loaded.session) }) }),
    h('p', { class: 'jury-copy', text: copy }),
    message.element,
    actions(
      linkButton(t('jury.reader.minutes'), `#/jury-minutes/${sessionId}/${dossierId}`, { kind: 'primary' }),
      linkButton(t('jury.reader.back'), '#/jury', { iconName: 'back' }),
    ),
    tableOfContents(here, model),
    ...blocks,
    otherEvidence.length ? h('section', { class: 'jury-block', 'aria-labelledby': 'jury-other-evidence' },
      h('h2', { id: 'jury-other-evidence', text: t('jury.reader.otherEvidence') }), h('ol', { class: 'jury-evidence-list' }, otherEvidence)) : null,
    others.length ? h('section', { class: 'jury-block', 'aria-labelledby': 'jury-other-testimonies' },
      h('h2', { id: 'jury-other-testimonies', text: t('jury.reader.otherTestimonies') }), h('ul', { class: 'jury-testimonies' }, others)) : null,
  ];
  root.append(...parts.filter(Boolean));
  return root;
}
