/* The pieces the jury screens share: a labelled input, a labelled select, the session's date,
 * place, scheme and modality, a role's name, and what to say once the server has answered. */

import { h } from '../../lib/dom.js';
import { SCHEME_KEYS, modalitiesOf } from '../../lib/workspace/schemes.js';

export function input(id, label, props = {}) {
  const field = h('input', { id, name: id, class: 'field', type: 'text', autocomplete: 'off', ...props });
  return { field, group: h('div', { class: 'field-group' }, h('label', { for: id, text: label }), field) };
}

export function select(id, label, options, chosen = null) {
  const field = h('select', { id, name: id, class: 'field' },
    ...options.map(({ value, label: text }) => h('option', { value, selected: value === chosen, text })));
  return { field, group: h('div', { class: 'field-group' }, h('label', { for: id, text: label }), field) };
}

/** Date, place, scheme and modality of a session (filled from `session` when it exists). */
export function sessionFields(t, prefix, session = {}) {
  const date = input(`${prefix}-date`, t('juryadmin.field.date'), { type: 'date', required: true, value: session.held_on ?? '' });
  const place = input(`${prefix}-place`, t('juryadmin.field.place'), { required: true, maxlength: '200', value: session.place ?? '' });
  const scheme = select(`${prefix}-scheme`, t('juryadmin.field.scheme'),
    SCHEME_KEYS.map((key) => ({ value: key, label: t(`workspace.scheme.${key}`) })), session.scheme ?? 'rae');
  const modality = select(`${prefix}-modality`, t('juryadmin.field.modality'), [], null);
  const fillModalities = (chosen) => {
    const options = modalitiesOf(scheme.field.value);
    modality.field.replaceChildren(...(options.length ? options : ['']).map((value) =>
      h('option', { value, selected: value === chosen, text: value ? t(`workspace.modality.${value}`) : t('juryadmin.field.noModality') })));
  };
  fillModalities(session.modality ?? null);
  scheme.field.addEventListener('change', () => fillModalities(null));
  return {
    groups: [date.group, place.group, scheme.group, modality.group],
    values: () => ({
      heldOn: date.field.value,
      place: place.field.value.trim(),
      scheme: scheme.field.value,
      modality: modality.field.value || null,
    }),
  };
}

/** Keep a form from being redrawn by the sync's news once something is typed or chosen in it. */
export function keepWhileTyping(form) {
  const keep = () => form.setAttribute('data-keep-open', '');
  form.addEventListener('input', keep);
  form.addEventListener('change', keep);
  return form;
}

export const roleName = (t, role) => t(`juryadmin.role.${role}`);

/** Say what became of a change: done, kept for later, or refused with the server's words. */
export function tell(t, message, answer, done) {
  if (answer.state === 'applied') message.info(done);
  else if (answer.state === 'waiting') message.info(t('juryadmin.action.waiting'));
  else message.problem(t('juryadmin.action.refused', { problem: answer.problem?.title || answer.problem?.detail || '' }));
}
