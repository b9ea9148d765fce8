/* Invite a jury member from outside the structure (a professional of the trade, a placement
 * tutor...): the invitation API with role `jury_member` and the session's id creates the person
 * and their jury_member record on the server; the lead hands over the one-time link or its QR
 * code, as on the invitations screen. Needs the network: the server makes the link. */

import { busy, h, said } from '../../lib/dom.js';
import { rolesFor } from '../../lib/juryadmin/composition.js';
import { problemText } from '../parts.js';
import { copyableLink, qrImageSource } from '../invitations.js';
import { input, keepWhileTyping, select } from './fields.js';

function invitationCard(t, invitation, name) {
  const { link, copy } = copyableLink(t, invitation.url, 'jury-invite-link');
  return h('div', { class: 'card invitation-card', 'aria-live': 'polite' },
    said('h3', t('juryadmin.invite.readyFor', { name }), { tabindex: '-1' }),
    said('p', t('juryadmin.invite.handOver')),
    h('div', { class: 'field-group' }, h('label', { for: 'jury-invite-link', text: t('juryadmin.invite.link') }), link),
    h('div', { class: 'row' }, copy),
    h('img', { class: 'qr', src: qrImageSource(invitation.qr_svg), alt: t('juryadmin.invite.codeAlt', { name }), width: '240', height: '240' }));
}

/** The form; `invited.card` keeps the last link shown across the screen's redraws. */
export function inviteForm(ctx, { rules, made, session, invited, sync, message, redraw }) {
  const { t, api } = ctx;
  const roles = rolesFor(rules, made, { outside: true });
  if (!roles.length) return null;
  const ordered = [...roles.filter((r) => made.missing.includes(r)), ...roles.filter((r) => !made.missing.includes(r))];
  const given = input('jury-invite-given', t('juryadmin.invite.givenName'), { required: true, maxlength: '120' });
  const family = input('jury-invite-family', t('juryadmin.invite.familyName'), { required: true, maxlength: '120' });
  const email = input('jury-invite-email', t('juryadmin.invite.email'), { type: 'email', maxlength: '254' });
  const role = select('jury-invite-role', t('juryadmin.members.role'),
    ordered.map((r) => ({ value: r, label: t(`juryadmin.role.${r}`) })));
  const submit = h('button', { type: 'submit', class: 'button' }, h('span', { text: t('juryadmin.invite.send') }));
  const form = keepWhileTyping(h('form', { class: 'jury-invite', 'aria-labelledby': 'jury-invite-title' },
    said('h3', t('juryadmin.invite.title'), { id: 'jury-invite-title' }),
    said('p', t('juryadmin.invite.help'), { class: 'help' }),
    given.group, family.group, email.group, role.group, h('div', { class: 'actions' }, submit)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(submit, async () => {
      message.clear();
      const name = given.field.value.trim();
      try {
        // A session just created may still wait in the outbox: the server must know it first.
        await sync.client.syncNow?.();
        const invitation = await api.post('/invitations', {
          structure_id: session.structure_id,
          role: 'jury_member',
          jury_session_id: session.id,
          jury_role: role.field.value,
          given_name: name,
          family_name: family.field.value.trim(),
          email: email.field.value.trim() || undefined,
        });
        invited.card = invitationCard(t, invitation, name);
      } catch (error) {
        message.problem(error?.status === 0 ? t('juryadmin.invite.needsServer') : problemText(t, error));
        return;
      }
      // The server wrote the jury_member record: bring it here, then draw the roles again.
      await sync.client.syncNow?.();
      await redraw();
      invited.card.querySelector('h3')?.focus();
    });
  });
  return form;
}
