/* The public testimony page (#/testimony/<token>), for a placement tutor, an employer or a
 * colleague on their own phone, with no account: who asks, about what, then write or record the
 * testimony, give a name and a role, agree to share, send. The link works once.
 * The accessible names here are stable: the workspace journey test uses them. */

import { busy, h, messageArea, said } from '../../lib/dom.js';
import { createVoiceRecorder } from '../../lib/capture/voice-recorder.js';
import { actions, button, problemText, title } from '../parts.js';

function field(id, label, input, help = null) {
  const helpId = help ? `${id}-help` : null;
  if (helpId) input.setAttribute('aria-describedby', helpId);
  return h('div', { class: 'field-group' },
    h('label', { for: id, text: label }),
    help ? said('p', help, { id: helpId, class: 'help' }) : null,
    input);
}

async function base64Of(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function asked(t, link) {
  const who = link.asked_by
    ? t('letters.public.askedBy', { name: link.asked_by, structure: link.structure_name })
    : t('letters.public.askedByStructure', { structure: link.structure_name });
  return [
    said('p', who, { class: 'lead' }),
    link.message ? h('blockquote', { class: 'testimony-message', text: link.message }) : null,
    h('h2', { text: t('letters.public.competencies', { name: link.candidate_given_name }) }),
    h('ul', { class: 'testimony-competencies' }, link.competencies.map((competency) =>
      h('li', {}, said('p', competency.easy_wording), h('p', { class: 'help', text: competency.official_wording })))),
  ];
}

function answerForm(ctx, token, link, { message, onSent }) {
  const { t, api } = ctx;
  let voice = null; // {blob, mediaType} once recorded
  const text = h('textarea', { id: 'testimony-text', class: 'field', rows: '6', maxlength: '10000' });
  const name = h('input', { id: 'witness-name', class: 'field', type: 'text', maxlength: '200', autocomplete: 'name', value: link.witness_name ?? '' });
  const role = h('input', { id: 'witness-role', class: 'field', type: 'text', maxlength: '200', autocomplete: 'organization-title', value: link.witness_role ?? '' });
  const consent = h('input', { id: 'witness-consent', type: 'checkbox' });
  const recorder = createVoiceRecorder(ctx, {
    onRecorded: (blob, { mediaType }) => (voice = { blob, mediaType }),
    onCleared: () => (voice = null),
  });
  const send = button(t('letters.public.send'), { id: 'testimony-send', big: true, type: 'submit' });
  const form = h('form', { class: 'testimony-form', 'aria-labelledby': 'answer-title' },
    h('h2', { id: 'answer-title', text: t('letters.public.answerTitle') }),
    field('testimony-text', t('letters.public.text'), text, t('letters.public.textHelp')),
    h('section', { class: 'testimony-voice', 'aria-labelledby': 'voice-title' },
      h('h3', { id: 'voice-title', text: t('letters.public.voice') }), recorder),
    field('witness-name', t('letters.public.name'), name),
    field('witness-role', t('letters.public.role'), role, t('letters.public.roleHelp')),
    h('div', { class: 'check consent' }, consent,
      h('label', { for: 'witness-consent', text: t('letters.public.consent', { name: link.candidate_given_name }) })),
    actions(send));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    const missing = [
      !text.value.trim() && !voice && 'letters.public.sayIt',
      !name.value.trim() && 'letters.public.nameMissing',
      !role.value.trim() && 'letters.public.roleMissing',
      !consent.checked && 'letters.public.consentMissing',
    ].filter(Boolean);
    if (missing.length) {
      message.problem(missing.map((key) => t(key)).join(' '));
      return;
    }
    busy(send, async () => {
      const body = { text: text.value.trim() || null, witness_name: name.value.trim(), witness_role: role.value.trim(), consent_to_share: true };
      if (voice) Object.assign(body, { audio_base64: await base64Of(voice.blob), audio_media_type: voice.mediaType });
      try {
        await api.post(`/testimony-requests/${encodeURIComponent(token)}`, body);
        onSent();
      } catch (error) {
        message.problem(problemText(t, error));
      }
    });
  });
  return form;
}

export async function testimonyScreen(ctx, [token]) {
  const { t, api } = ctx;
  const root = h('section', { class: 'letters testimony-public' });
  let link;
  try {
    link = await api.get(`/testimony-requests/${encodeURIComponent(token ?? '')}`);
  } catch (error) {
    root.append(
      title(t('letters.public.invalidTitle')),
      said('p', problemText(t, error), { class: 'lead', role: 'alert' }),
      said('p', t('letters.public.askAgain')));
    return root;
  }
  const message = messageArea();
  const onSent = () => {
    root.replaceChildren(
      title(t('letters.public.thanksTitle')),
      said('p', t('letters.public.thanks', { name: link.candidate_given_name }), { class: 'lead', role: 'status' }));
    root.querySelector('h1')?.focus();
  };
  root.append(
    title(t('letters.public.title', { name: link.candidate_given_name })),
    ...asked(t, link),
    answerForm(ctx, token, link, { message, onSent }),
    message.element);
  return root;
}
