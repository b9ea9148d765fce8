/* The commitment letter of a dossier (#/letter/<dossierId>): the letter made from the dossier,
 * large and read aloud; who signed it and who still must; signing on this device with a drawn
 * mark or a cross. A signature names the letter's hash: a changed letter needs new ones. */

import { h, messageArea, said } from '../../lib/dom.js';
import { mediaSource } from '../../lib/media-source.js';
import { readAloudButton } from '../../lib/read-aloud.js';
import { loadLetter } from '../../lib/letters/letter-data.js';
import { signaturePad } from '../../lib/letters/signature-pad.js';
import { rolesCollectable, signatureRecord, signatureStatus } from '../../lib/letters/signatures.js';
import { uuidv7 } from '../../lib/sync/uuid.js';
import { actions, button, title } from '../parts.js';
import { backToDossier, blobHash, liveSection, when } from './live.js';

function letterText(letter) {
  return h('article', { class: 'letter-text', 'aria-labelledby': 'letter-heading', lang: 'fr' },
    h('h2', { id: 'letter-heading', text: letter.title }),
    ...letter.paragraphs.slice(1).map((line) =>
      said(line.endsWith(':') ? 'h3' : 'p', line)));
}

function statusLine(t, status) {
  const missing = status.rows.filter((row) => !row.signature).length;
  const words = status.complete ? t('letters.signed.all') : t('letters.signed.missing', { count: missing });
  return said('p', words, { class: 'letter-status', dataset: { complete: String(status.complete) } });
}

/** The drawn mark of a signature: the device's copy while it has it, else the server's. */
async function markImage(ctx, signature) {
  if (!signature?.mark_sha256) return null;
  const src = await mediaSource(ctx, { key: signature.id, sha256: signature.mark_sha256 });
  if (!src) return null;
  const alt = ctx.t('letters.markAlt', { name: signature.signer_name });
  return h('img', { class: 'signature-mark', src, alt, width: '150', height: '60' });
}

async function signerRow(ctx, row, { onSign, collectable }) {
  const { t, language } = ctx;
  const role = t(`letters.role.${row.role}`);
  const names = row.names.length ? row.names.join(', ') : t('letters.nameUnknown');
  const state = row.signature
    ? t('letters.signedBy', { name: row.signature.signer_name, date: when(language, row.signature.signed_at) })
    : t(row.signedBefore ? 'letters.signAgain' : 'letters.toSign');
  return h('li', { class: 'signer', dataset: { role: row.role, signed: String(Boolean(row.signature)) } },
    h('h3', { text: `${role} : ${names}` }),
    said('p', state),
    await markImage(ctx, row.signature),
    !row.signature && collectable
      ? button(t('letters.sign'), { id: `sign-${row.role}`, 'aria-label': t('letters.signAs', { role }), onclick: () => onSign(row) })
      : null);
}

/** The panel where one person signs: their name, the pad, a cross, validate or cancel. */
function signingPanel(ctx, row, { onDone, onCancel }) {
  const { t } = ctx;
  const role = t(`letters.role.${row.role}`);
  const nameInput = h('input', { id: 'signer-name', class: 'field', type: 'text', maxlength: '200', autocomplete: 'off', value: row.names[0] ?? '' });
  const validate = button(t('letters.validate'), { id: 'sign-validate', big: true, disabled: true,
    onclick: () => onDone({ pad, name: nameInput.value.trim(), validate }) });
  const pad = signaturePad({ label: t('letters.padLabel'), onChange: (marked) => (validate.disabled = !marked) });
  return h('section', { class: 'signing', 'data-keep-open': true, 'aria-labelledby': 'signing-title' },
    h('h2', { id: 'signing-title', tabindex: '-1', text: t('letters.signingTitle', { role }) }),
    h('div', { class: 'field-group' }, h('label', { for: 'signer-name', text: t('letters.signerName') }), nameInput),
    said('p', t('letters.padHelp'), { id: 'pad-help' }),
    pad.element,
    actions(
      button(t('letters.cross'), { id: 'sign-cross', big: true, kind: 'secondary', onclick: () => pad.cross() }),
      button(t('letters.clear'), { id: 'sign-clear', kind: 'secondary', onclick: () => pad.clear() }),
      validate,
      button(t('letters.cancel'), { id: 'sign-cancel', kind: 'secondary', onclick: onCancel }),
    ));
}

async function saveSignature(ctx, { dossier, hash, row, people }, { pad, name }) {
  const { sync, uploads } = await ctx.local();
  const png = await pad.toBlob();
  const id = uuidv7();
  const markSha256 = await blobHash(png);
  const signer = people.find((person) => [person?.given_name, person?.family_name].join(' ') === name);
  // The record first: it waits in the outbox, and goes once its mark has reached the server.
  // The mark is the signature's one medium: its key is the signature's id (the server's tus
  // metadata wants a UUID as record_id, so `<id>/mark_sha256` would be refused).
  await sync.put('signature', signatureRecord({
    id, dossierId: dossier.id, hash, role: row.role, name, signerId: signer?.id ?? null, markSha256,
  }));
  uploads.add(id, png, { dossierId: dossier.id, filename: 'signature.png', mediaType: 'image/png' })
    .catch((error) => console.error('signature mark upload', error));
}

export async function letterScreen(ctx, [dossierId]) {
  const { t } = ctx;
  const message = messageArea();
  let signing = null; // the row being signed, while its panel is open
  return liveSection(ctx, 'letters letter', async (sync, redraw) => {
    const dossier = await sync.queries.get('dossier', dossierId);
    if (!dossier || dossier.deleted) {
      return [title(t('letters.letterTitle')), said('p', t('letters.noDossier'), { role: 'alert' })];
    }
    const { input, letter, hash, signatures } = await loadLetter(sync.queries, dossier);
    const status = signatureStatus(letter.signers, signatures, hash);
    const collectable = rolesCollectable(ctx.session, dossier);
    const people = [input.candidate, ...input.guardians, ...input.leads, ...input.supportWorkers];
    const onSign = (row) => {
      signing = row;
      message.clear();
      redraw().then(() => document.getElementById('signing-title')?.focus());
    };
    const onCancel = () => {
      const role = signing?.role;
      signing = null;
      redraw().then(() => document.getElementById(`sign-${role}`)?.focus());
    };
    const onDone = async (drawn) => {
      if (!drawn.name) {
        message.problem(t('letters.nameMissing'));
        return;
      }
      drawn.validate.disabled = true;
      try {
        await saveSignature(ctx, { dossier, hash, row: signing, people }, drawn);
        signing = null;
        message.info(t('letters.saved', { name: drawn.name }));
        await redraw();
      } catch (error) {
        console.error(error);
        message.problem(t('letters.saveFailed'));
        drawn.validate.disabled = false;
      }
    };
    return [
      backToDossier(t, dossier.id),
      title(t('letters.letterTitle')),
      h('div', { class: 'letter-tools' }, readAloudButton(ctx, { text: letter.text, label: t('letters.letterTitle') })),
      letterText(letter),
      h('section', { class: 'signatures', 'aria-labelledby': 'signatures-title' },
        h('h2', { id: 'signatures-title', text: t('letters.signaturesTitle') }),
        status.changed && !status.complete ? said('p', t('letters.changed'), { class: 'letter-changed', role: 'alert' }) : null,
        statusLine(t, status),
        h('ul', { class: 'signers' }, await Promise.all(status.rows.map((row) =>
          signerRow(ctx, row, { onSign, collectable: collectable.has(row.role) && !signing }))))),
      message.element,
      signing ? signingPanel(ctx, signing, { onDone, onCancel }) : null,
      h('p', { class: 'letter-hash' }, h('small', { text: t('letters.hash', { hash: hash.slice(0, 16) }) })),
    ];
  });
}
