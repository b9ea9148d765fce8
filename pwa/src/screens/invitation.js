/* Accept an invitation: see who invites you and as what, then make your passkey. The link is the
 * only thing to hold; nothing to type but an optional name for this device. */

import { busy, h, messageArea, said } from '../lib/dom.js';
import { createPasskey, passkeysSupported } from '../lib/webauthn.js';
import { actions, button, problemText, title } from './parts.js';

/** A name for the passkey that its owner will recognise in their list later. */
export function guessDeviceLabel(userAgent = navigator.userAgent) {
  if (/iPhone/i.test(userAgent)) return 'iPhone';
  if (/iPad/i.test(userAgent)) return 'iPad';
  if (/Android/i.test(userAgent)) {
    return /Mobile/i.test(userAgent) ? 'Téléphone Android' : 'Tablette Android';
  }
  if (/Windows/i.test(userAgent)) return 'Ordinateur Windows';
  if (/Mac OS X/i.test(userAgent)) return 'Mac';
  if (/Linux/i.test(userAgent)) return 'Ordinateur Linux';
  return 'Mon appareil';
}

/** Register a passkey from register options (an invitation token, or {} to add one more). */
export async function registerPasskey(api, body, label) {
  const { ceremony_id: ceremonyId, publicKey } = await api.post('/auth/passkeys/register/options', body);
  const credential = await createPasskey(publicKey);
  return api.post('/auth/passkeys/register/verify', { ceremony_id: ceremonyId, credential, label });
}

export function labelField(t, id) {
  const input = h('input', {
    id,
    type: 'text',
    class: 'field',
    maxlength: '120',
    autocomplete: 'off',
    value: guessDeviceLabel(),
  });
  const field = h(
    'div',
    { class: 'field-group' },
    h('label', { for: id, text: t('passkey.labelField') }),
    said('p', t('passkey.labelHelp'), { class: 'help', id: `${id}-help` }),
    input,
  );
  input.setAttribute('aria-describedby', `${id}-help`);
  return { field, input };
}

export async function invitationScreen(ctx, [token]) {
  const { t, api } = ctx;
  let invitation;
  try {
    invitation = await api.get(`/invitations/${encodeURIComponent(token ?? '')}`);
  } catch (error) {
    return h(
      'section',
      { class: 'invitation' },
      title(t('invitation.invalidTitle')),
      said('p', problemText(t, error), { class: 'lead', role: 'alert' }),
      said('p', t('invitation.askAgain')),
    );
  }
  const message = messageArea();
  const { field, input } = labelField(t, 'passkey-label');
  const create = button(t('invitation.create'), {
    iconName: 'key',
    big: true,
    onclick: () =>
      busy(create, async () => {
        message.clear();
        try {
          ctx.session.update(await registerPasskey(api, { invitation_token: token }, input.value.trim()));
          await ctx.refreshSession();
          // The token is spent: take it out of the address bar and of the history.
          ctx.go('home', [], { replace: true, notice: t('invitation.done') });
        } catch (error) {
          message.problem(problemText(t, error));
        }
      }),
  });
  if (!passkeysSupported()) create.disabled = true;
  const role = t(`role.${invitation.role}`);
  return h(
    'section',
    { class: 'invitation' },
    title(t('invitation.title', { name: invitation.given_name })),
    said('p', t('invitation.who', { structure: invitation.structure_name, role }), { class: 'lead' }),
    said('p', t('invitation.what')),
    field,
    actions(create),
    message.element,
  );
}
