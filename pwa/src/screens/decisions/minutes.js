/* The procès-verbal of one dossier (#/jury-minutes/<sessionId>/<dossierId>), as this device
 * computes it from the effective decisions: the session, its members and their roles, each
 * competency's decision, the overall outcome, the comments; the hash every signature names; and
 * each member's signature, collected on this one device in their presence (a drawn mark or a
 * cross, lib/letters' pad). A decision changed after a signature changes the hash: the screen
 * says "Le procès-verbal a changé" and those members sign again. */

import { h, messageArea, said } from '../../lib/dom.js';
import { loadJuryDossier } from '../../lib/decisions/jury-data.js';
import { minutesSignatureRecord, minutesSignatureStatus } from '../../lib/decisions/signing.js';
import { signaturePad } from '../../lib/letters/signature-pad.js';
import { mediaSource } from '../../lib/media-source.js';
import { sha256Hex } from '../../lib/sha256.js';
import { uuidv7 } from '../../lib/sync/uuid.js';
import { actions, button, title } from '../parts.js';
import { candidateLabel, juryLinks, liveSection, manifestNames, when } from './live.js';
import { decisionsPart, hashPart, memberName, sessionPart, withNames } from './minutes-parts.js';

/** The signatures the server refused, in its own French words (e.g. the session is not open). */
function refusedSignatures(ctx, data) {
  const { t } = ctx;
  if (!data.refusedSignatures.length) return null;
  return h('section', { class: 'decisions-refused', role: 'alert', 'aria-labelledby': 'refused-title' },
    h('h2', { id: 'refused-title', text: t('decisions.refused.signatures') }),
    h('ul', {}, ...data.refusedSignatures.map(({ record, problem }) => said('li', t('decisions.refused.item', {
      what: record.signer_name, reason: problem?.title || t('decisions.refused.unknown'),
    })))));
}

/** A signature's drawn mark: the device's copy while it has it, else the server's. */
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
  const root = await liveSection(ctx, 'decisions jury-minutes', async (sync, redraw) => {
    const data = await loadJuryDossier(sync.queries, sessionId, dossierId);
    if (!data || !data.framework) {
      return [title(tr('decisions.minutes.title')), said('p', tr('decisions.decide.missing'), { role: 'alert' }),
        said('p', tr('decisions.decide.missingHelp')), juryLinks(tr, sessionId, dossierId, { minutes: false })];
    }
    data.members = withNames(data.members, data.signatures, await manifestNames(ctx, sessionId));
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
      refusedSignatures(ctx, data),
      message.element,
      h('ul', { class: 'signers', 'aria-labelledby': 'minutes-signatures' },
        await Promise.all(status.rows.map((row) => memberRow(ctx, row, { onSign, signing })))),
      signing ? signingPanel(ctx, signing, { onDone, onCancel }) : null,
      pdfLink(ctx, sessionId, dossierId),
    ];
  }, { isBusy: () => Boolean(signing) });
  Object.assign(root.dataset, { session: sessionId, dossier: dossierId });
  return root;
}
