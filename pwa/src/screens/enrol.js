/* Enrol a shared tablet: a staff member signs in here with their own passkey, chooses the
 * structure (and workshop) the tablet belongs to, names it, and confirms with their passkey. The
 * tablet then holds a device credential (an HttpOnly cookie the server can revoke), and the staff
 * member is signed out so that the tablet is ready for the candidates. */

import { busy, h, messageArea, said } from '../lib/dom.js';
import { passkeysSupported, usePasskey } from '../lib/webauthn.js';
import { actions, button, linkButton, problemText, title } from './parts.js';
import { signInWithPasskey } from './sign-in.js';
import { staffStructures } from './structures.js';

function radioGroup(name, legend, options, checkedValue) {
  return h(
    'fieldset',
    { class: 'choices' },
    said('legend', legend),
    ...options.map(({ value, label }, index) => {
      const id = `${name}-${index}`;
      return h(
        'div',
        { class: 'choice' },
        h('input', { type: 'radio', id, name, value, checked: value === checkedValue }),
        h('label', { for: id, text: label }),
      );
    }),
  );
}

function askStaffToSignIn(ctx) {
  const { t, api } = ctx;
  const message = messageArea();
  const go = button(t('enrol.staffSignIn'), {
    iconName: 'key',
    big: true,
    onclick: () =>
      busy(go, async () => {
        message.clear();
        try {
          ctx.session.update(await signInWithPasskey(api));
          await ctx.refreshSession();
          ctx.go('enrol', [], { replace: true });
        } catch (error) {
          message.problem(problemText(t, error));
        }
      }),
  });
  if (!passkeysSupported()) go.disabled = true;
  return h(
    'section',
    { class: 'enrol' },
    title(t('enrol.title')),
    said('p', t('enrol.staffOnly'), { class: 'lead' }),
    actions(go),
    message.element,
    actions(linkButton(t('nav.back'), '#/', { iconName: 'back' })),
  );
}

function workshopOptions(t, structure) {
  return [{ value: '', label: t('enrol.wholeStructure') }].concat(
    (structure?.workshops ?? []).map((workshop) => ({ value: workshop.id, label: workshop.name })),
  );
}

export async function enrolScreen(ctx) {
  const { t, api } = ctx;
  if (!ctx.session.signedIn) return askStaffToSignIn(ctx);
  const structures = ctx.session.isStaff ? await staffStructures(ctx) : [];
  const message = messageArea();
  const form = h('form', { class: 'enrol-form' });
  const structureGroup = radioGroup(
    'structure',
    t('enrol.structure'),
    structures.map((s) => ({ value: s.id, label: s.name })),
    structures[0]?.id,
  );
  let workshopGroup = radioGroup('workshop', t('enrol.workshop'), workshopOptions(t, structures[0]), '');
  structureGroup.addEventListener('change', () => {
    const chosen = structures.find((s) => s.id === form.elements.structure.value);
    const next = radioGroup('workshop', t('enrol.workshop'), workshopOptions(t, chosen), '');
    workshopGroup.replaceWith(next);
    workshopGroup = next;
  });
  const labelInput = h('input', {
    id: 'tablet-label',
    class: 'field',
    type: 'text',
    maxlength: '120',
    required: true,
    value: t('enrol.defaultLabel'),
  });
  const submit = h(
    'button',
    { type: 'submit', class: 'button button-big' },
    h('span', { text: t('enrol.confirm') }),
  );
  form.append(
    structureGroup,
    workshopGroup,
    h(
      'div',
      { class: 'field-group' },
      h('label', { for: 'tablet-label', text: t('enrol.label') }),
      labelInput,
    ),
    actions(submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(submit, async () => {
      message.clear();
      try {
        const { ceremony_id: ceremonyId, publicKey } = await api.post('/devices/enrol/options', {});
        const credential = await usePasskey(publicKey);
        const workshopId = form.elements.workshop?.value || undefined;
        await api.post('/devices/enrol', {
          ceremony_id: ceremonyId,
          credential,
          structure_id: form.elements.structure.value,
          workshop_id: workshopId,
          label: labelInput.value.trim(),
        });
        await ctx.afterEnrolment();
      } catch (error) {
        message.problem(problemText(t, error));
      }
    });
  });
  return h(
    'section',
    { class: 'enrol' },
    title(t('enrol.title')),
    said('p', t('enrol.intro'), { class: 'lead' }),
    structures.length ? form : said('p', t('enrol.noStructure'), { role: 'alert' }),
    message.element,
    actions(linkButton(t('nav.back'), '#/home', { iconName: 'back' })),
  );
}
