/* The procès-verbal of one dossier (#/jury-minutes/<sessionId>/<dossierId>), as this device
 * computes it from the effective decisions: the session, its members and their roles, each
 * competency's decision, the overall outcome, the comments; the hash every signature names; and
 * each member's signature, collected on this one device in their presence (a drawn mark or a
 * cross, lib/letters' pad). A decision changed after a signature changes the hash: the screen
 * says "Le procès-verbal a changé" and those members sign again. */

import { h, messageArea, said } from '../../lib/dom.js';
import { loadJuryDossier, nameOf } from '../../lib/decisions/jury-data.js';
import { minutesSignatureRecord, minutesSignatureStatus } from '../../lib/decisions/signing.js';
import { signaturePad } from '../../lib/letters/signature-pad.js';
import { mediaSource } from '../../lib/media-source.js';
import { sha256Hex } from '../../lib/sha256.js';
import { uuidv7 } from '../../lib/sync/uuid.js';
import { actions, button, title } from '../parts.js';
import { blockTitles } from './decide.js';
import { candidateLabel, day, juryLinks, liveSection, when } from './live.js';

/**
 * A member's name: their person record when the device has it (an outside member's colleagues'
 * records may not reach it), else the name they signed with, else "Membre du jury".
 */
function withNames(members, signatures) {
  const newestFirst = [...signatures].sort((a, b) => String(b.signed_at).localeCompare(String(a.signed_at)));
  return members.map((member) => ({
    ...member,
    name: nameOf(member.person)
      || newestFirst.find((s) => s.signer_id === member.person_id && s.signer_role === 'jury_member')?.signer_name
      || '',
  }));
}

const memberName = (t, member) => member.name || t('decisions.person.unknown');

function sessionPart(ctx, data, candidate) {
  const { t, language } = ctx;
  const session = data.session;
  return h('section', { class: 'minutes-part', 'aria-labelledby': 'minutes-session' },
    h('h2', { id: 'minutes-session', text: t('decisions.minutes.session') }),
    said('p', t('decisions.minutes.candidate', { name: candidate || '—' })),
    session ? said('p', t('decisions.minutes.heldOn', { date: day(language, session.held_on) })) : null,
    session ? said('p', t('decisions.minutes.place', { place: session.place })) : null,
    session ? said('p', t('decisions.minutes.status', { status: t(`decisions.status.${session.status}`) }), { class: 'minutes-status', dataset: { status: session.status } }) : null,
    h('h3', { text: t('decisions.minutes.members') }),
    data.members.length
      ? h('ul', { class: 'minutes-members' }, ...data.members.map((member) => said('li',
        t('decisions.minutes.member', { name: memberName(t, member), role: t(`decisions.role.${member.jury_role}`) }))))
      : said('p', t('decisions.minutes.noMembers')));
}

function decisionsPart(ctx, data) {
  const { t } = ctx;
  const { competencies, overall } = data.minutes.effective;
  const cell = (tag, text) => h(tag, { text });
  const rows = data.framework.competencies.map((competency) => {
    const decision = competencies.get(competency.id);
    const level = decision?.level_key ? ` (${data.framework.level(decision.level_key)?.label ?? decision.level_key})` : '';
    return h('tr', { dataset: { competency: competency.id } },
      h('th', { scope: 'row', text: competency.official_wording }),
      cell('td', decision ? `${t(`decisions.outcome.${decision.outcome}`)}${level}` : t('decisions.minutes.noDecision')),
      cell('td', decision?.comment ?? ''));
  });
  return [
    h('section', { class: 'minutes-part', 'aria-labelledby': 'minutes-decisions' },
      h('h2', { id: 'minutes-decisions', text: t('decisions.minutes.decisions') }),
      h('table', { class: 'minutes-table' },
        h('caption', { class: 'visually-hidden', text: t('decisions.minutes.decisions') }),
        h('thead', {}, h('tr', {}, ...['competency', 'decision', 'comment'].map((key) =>
          h('th', { scope: 'col', text: t(`decisions.minutes.${key}`) })))),
        h('tbody', {}, ...rows))),
    h('section', { class: 'minutes-part', 'aria-labelledby': 'minutes-overall' },
      h('h2', { id: 'minutes-overall', text: t('decisions.minutes.overall') }),
      overall
        ? said('p', t(`decisions.overall.${overall.overall_outcome}`), { class: 'minutes-outcome', dataset: { outcome: overall.overall_outcome } })
        : said('p', t('decisions.overall.none')),
      overall?.validated_block_keys?.length ? said('p', t('decisions.overall.validated', { blocks: blockTitles(data, overall) })) : null,
      overall?.comment ? h('blockquote', { text: overall.comment }) : null),
  ];
}

function hashPart(ctx, data, status) {
  const { t } = ctx;
  const missing = status.rows.filter((row) => !row.signature).length;
  return h('section', { class: 'minutes-part minutes-hash', 'aria-labelledby': 'minutes-signatures' },
    h('h2', { id: 'minutes-signatures', text: t('decisions.signatures.title') }),
    status.changed ? h('div', { class: 'minutes-changed', role: 'alert' },
      said('p', t('decisions.minutes.changed'), { class: 'minutes-changed-title' }),
      said('p', t('decisions.minutes.changedHelp'))) : null,
    said('p', status.complete ? t('decisions.minutes.allSigned') : t('decisions.minutes.missing', { count: missing }),
      { class: 'minutes-state', dataset: { complete: String(status.complete) } }),
    data.minutes.effective.unsentIds.size ? said('p', t('decisions.minutes.unsent')) : null,
    h('p', { class: 'minutes-sha' }, h('small', { text: t('decisions.minutes.hash', { hash: data.minutes.sha256 }) })),
    said('p', t('decisions.minutes.hashHelp')));
}

async function markImage(ctx, name, signature) {
  if (!signature?.mark_sha256) return null;
  const src = await mediaSource(ctx, { key: signature.id, sha256: signature.mark_sha256 });
  const alt = ctx.t('decisions.signatures.markAlt', { name });
  return src ? h('img', { class: 'signature-mark', src, alt, width: '150', height: '60' }) : null;
}

async function memberRow(ctx, row, { onSign, signing }) {
  const name = memberName(ctx.t, row.member);
  const state = row.signature
    ? ctx.t('decisions.signatures.signed', { date: when(ctx.language, row.signature.signed_at) })
    : ctx.t(row.signedBefore ? 'decisions.signatures.signAgain' : 'decisions.signatures.toSign');
  return h('li', { class: 'signer', dataset: { person: row.member.person_id, signed: String(Boolean(row.signature)) } },
    h('h3', { text: ctx.t('decisions.minutes.member', { name, role: ctx.t(`decisions.role.${row.member.jury_role}`) }) }),
    said('p', state),
    await markImage(ctx, name, row.signature),
    !row.signature && !signing ? button(ctx.t('decisions.signatures.sign'), {
      id: `sign-${row.member.person_id}`, onclick: () => onSign(row),
      'aria-label': ctx.t('decisions.signatures.signFor', { name: `${name}, ${ctx.t(`decisions.role.${row.member.jury_role}`)}` }),
    }) : null);
}

/** The panel where one member signs: the pad, a cross, validate or cancel. */
function signingPanel(ctx, row, { onDone, onCancel }) {
  const name = memberName(ctx.t, row.member);
  const nameInput = h('input', { id: 'signer-name', class: 'field', type: 'text', maxlength: '200', autocomplete: 'off',
    required: true, 'aria-describedby': 'signer-name-error', value: row.member.name });
  const nameError = h('p', { id: 'signer-name-error', class: 'field-error', hidden: true });
  const validate = button(ctx.t('decisions.signing.validate'), { id: 'sign-validate', big: true, disabled: true,
    onclick: () => {
      const typed = nameInput.value.trim();
      nameError.hidden = Boolean(typed);
      nameError.textContent = typed ? '' : ctx.t('decisions.signing.nameMissing');
      nameInput.toggleAttribute('aria-invalid', !typed);
      if (!typed) nameInput.focus();
      else onDone({ pad, name: typed, validate });
    } });
  const pad = signaturePad({ label: ctx.t('decisions.signing.padLabel'), onChange: (marked) => (validate.disabled = !marked) });
  pad.element.setAttribute('aria-describedby', 'pad-help');
  return h('section', { class: 'signing', 'aria-labelledby': 'signing-title' },
    h('h2', { id: 'signing-title', tabindex: '-1', text: ctx.t('decisions.signing.title', { name }) }),
    h('div', { class: 'field-group' },
      h('label', { for: 'signer-name', text: ctx.t('decisions.signing.name') }), nameInput, nameError),
    said('p', ctx.t('decisions.signing.padHelp'), { id: 'pad-help' }),
    pad.element,
    actions(
      button(ctx.t('decisions.signing.cross'), { id: 'sign-cross', big: true, kind: 'secondary', onclick: () => pad.cross() }),
      button(ctx.t('decisions.signing.clear'), { id: 'sign-clear', kind: 'secondary', onclick: () => pad.clear() }),
      validate,
      button(ctx.t('decisions.signing.cancel'), { id: 'sign-cancel', kind: 'secondary', onclick: onCancel })));
}

/** The record first (it waits in the outbox), then its mark: key = the signature's id. */
async function saveSignature(ctx, data, row, { pad, name }) {
  const { sync, uploads } = await ctx.local();
  const png = await pad.toBlob();
  const id = uuidv7();
  const markSha256 = await sha256Hex(png);
  await sync.put('signature', minutesSignatureRecord({
    id, dossierId: data.dossier.id, sha256: data.minutes.sha256, signerId: row.member.person_id, name, markSha256,
  }));
  await uploads.add(id, png, { dossierId: data.dossier.id, filename: 'signature.png', mediaType: 'image/png' });
}

function pdfLink(ctx, sessionId, dossierId) {
  if (!navigator.onLine) return said('p', ctx.t('decisions.minutes.pdfNeedsInternet'), { class: 'minutes-pdf' });
  const href = `/api/v1/jury-sessions/${encodeURIComponent(sessionId)}/dossiers/${encodeURIComponent(dossierId)}/minutes.pdf`;
  return h('p', { class: 'minutes-pdf' },
    h('a', { class: 'button button-secondary', href, download: 'proces-verbal.pdf' }, h('span', { text: ctx.t('decisions.minutes.pdf') })));
}

export async function minutesScreen(ctx, [sessionId, dossierId]) {
  const { t: tr } = ctx;
  const message = messageArea();
  let signing = null; // the member signing, while the pad is open
  return liveSection(ctx, 'decisions jury-minutes', async (sync, redraw) => {
    const data = await loadJuryDossier(sync.queries, sessionId, dossierId);
    if (!data || !data.framework) {
      return [title(tr('decisions.minutes.title')), said('p', tr('decisions.decide.missing'), { role: 'alert' }),
        said('p', tr('decisions.decide.missingHelp')), juryLinks(tr, sessionId, dossierId, { minutes: false })];
    }
    data.members = withNames(data.members, data.signatures);
    const status = minutesSignatureStatus(data.members, data.signatures, data.minutes.sha256);
    const onSign = (row) => {
      signing = row;
      message.clear();
      redraw().then(() => document.getElementById('signing-title')?.focus());
    };
    const onCancel = () => {
      const person = signing?.member.person_id;
      signing = null;
      redraw().then(() => document.getElementById(`sign-${person}`)?.focus());
    };
    const onDone = async (drawn) => {
      drawn.validate.disabled = true;
      try {
        await saveSignature(ctx, data, signing, drawn);
        signing = null;
        message.info(tr('decisions.signing.saved', { name: drawn.name }));
        await redraw();
        document.getElementById('minutes-signatures')?.focus();
      } catch (error) {
        console.error(error);
        message.problem(tr('decisions.signing.failed'));
        drawn.validate.disabled = false;
      }
    };
    return [
      juryLinks(tr, sessionId, dossierId, { minutes: false, decide: true }),
      title(tr('decisions.minutes.title')),
      sessionPart(ctx, data, await candidateLabel(ctx, data, sessionId)),
      ...decisionsPart(ctx, data),
      hashPart(ctx, data, status),
      message.element,
      h('ul', { class: 'signers', 'aria-labelledby': 'minutes-signatures' },
        await Promise.all(status.rows.map((row) => memberRow(ctx, row, { onSign, signing })))),
      signing ? signingPanel(ctx, signing, { onDone, onCancel }) : null,
      pdfLink(ctx, sessionId, dossierId),
    ];
  }, { isBusy: () => Boolean(signing) });
}
