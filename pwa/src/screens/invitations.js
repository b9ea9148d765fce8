/* Invitations, for a structure's lead: invite a person into a role and hand them the one-time
 * link or its printed QR code; see who has not answered yet; withdraw an invitation; invite again
 * someone who lost their passkeys (recovery). */

import { busy, h, messageArea, said } from '../lib/dom.js';
import { MANAGER_ROLES } from '../lib/session.js';
import { actions, button, linkButton, problemText, title } from './parts.js';
import { staffStructures } from './structures.js';

// Jury members are invited from their jury session, which knows what they may see.
const ROLES = ['support_worker', 'candidate', 'lead'];

function field(id, label, props = {}) {
  const input = h('input', { id, name: id, class: 'field', type: 'text', maxlength: '120', ...props });
  return { input, group: h('div', { class: 'field-group' }, h('label', { for: id, text: label }), input) };
}

/**
 * The server's inline QR code SVG as an image address. An <img> never runs what an SVG holds; it
 * needs the namespace, and a viewBox to scale up for printing, which inline SVG goes without.
 */
export function qrImageSource(svg) {
  let source = svg.trim();
  if (!/^<svg[^>]*\sxmlns=/.test(source)) {
    source = source.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  }
  const size = /^<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(source);
  if (size && !/^<svg[^>]*\sviewBox=/.test(source)) {
    source = source.replace(/^<svg/, `<svg viewBox="0 0 ${size[1]} ${size[2]}"`);
  }
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
}

/** A one-time link in a read-only field, and the button that copies it: {link, copy}. */
export function copyableLink(t, url, id) {
  const link = h('input', { id, class: 'field', type: 'text', readonly: true, value: url });
  const copy = button(t('invitations.copy'), {
    kind: 'secondary',
    onclick: async () => {
      link.select();
      await navigator.clipboard?.writeText(url).catch(() => {});
      copy.querySelector('span').textContent = t('invitations.copied');
    },
  });
  return { link, copy };
}

/** The link and its QR code, shown once: the server keeps only a hash of the token. */
function invitationCard(t, invitation) {
  const qr = h('img', {
    class: 'qr',
    src: qrImageSource(invitation.qr_svg),
    alt: t('invitations.qrAlt', { name: invitation.given_name }),
    width: '240',
    height: '240',
  });
  const linkId = `link-${invitation.id}`;
  const { link, copy } = copyableLink(t, invitation.url, linkId);
  const print = button(t('invitations.print'), { kind: 'secondary', onclick: () => window.print() });
  return h(
    'div',
    { class: 'card invitation-card' },
    said('h3', t('invitations.readyFor', { name: invitation.given_name })),
    said('p', t('invitations.handOver')),
    h('div', { class: 'field-group' }, h('label', { for: linkId, text: t('invitations.linkField') }), link),
    h('div', { class: 'row' }, copy, print),
    qr,
  );
}

function inviteForm(ctx, structure, { message, onCreated }) {
  const { t, api } = ctx;
  const prefix = `invite-${structure.id}`;
  const given = field(`${prefix}-given`, t('invitations.givenName'), { required: true, autocomplete: 'off' });
  const family = field(`${prefix}-family`, t('invitations.familyName'), {
    required: true,
    autocomplete: 'off',
  });
  const email = field(`${prefix}-email`, t('invitations.email'), { type: 'email', maxlength: '254' });
  const roles = h(
    'fieldset',
    { class: 'choices' },
    said('legend', t('invitations.role')),
    ...ROLES.map((role, index) => {
      const id = `${prefix}-role-${role}`;
      return h(
        'div',
        { class: 'choice' },
        h('input', { type: 'radio', id, name: `${prefix}-role`, value: role, checked: index === 0 }),
        h('label', { for: id, text: t(`roleName.${role}`) }),
      );
    }),
  );
  const submit = h('button', { type: 'submit', class: 'button' }, h('span', { text: t('invitations.send') }));
  const form = h(
    'form',
    { class: 'invite-form' },
    given.group,
    family.group,
    email.group,
    roles,
    actions(submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(submit, async () => {
      message.clear();
      try {
        const invitation = await api.post('/invitations', {
          structure_id: structure.id,
          role: form.querySelector(`input[name="${prefix}-role"]:checked`).value,
          given_name: given.input.value.trim(),
          family_name: family.input.value.trim(),
          email: email.input.value.trim() || undefined,
        });
        form.reset();
        await onCreated(invitation);
      } catch (error) {
        message.problem(problemText(t, error));
      }
    });
  });
  return form;
}

function invitationItem(ctx, invitation, { message, reload, onCreated }) {
  const { t, api } = ctx;
  const name = `${invitation.given_name} ${invitation.family_name}`;
  const role = t(`roleName.${invitation.role}`);
  const item = h(
    'li',
    { class: 'card' },
    said('h3', name),
    said('p', `${role}. ${t(`invitations.status.${invitation.status}`)}`, { class: 'help' }),
  );
  const withdraw = button(t('invitations.withdraw'), {
    kind: 'secondary',
    'aria-label': t('invitations.withdrawFor', { name }),
    onclick: () =>
      busy(withdraw, async () => {
        try {
          await api.delete(`/invitations/${invitation.id}`);
          await reload(t('invitations.withdrawn'));
        } catch (error) {
          message.problem(problemText(t, error));
        }
      }),
  });
  // A person who lost every passkey, or never answered: a new link for the same person.
  const again = button(t('invitations.again'), {
    kind: 'secondary',
    'aria-label': t('invitations.againFor', { name }),
    onclick: () =>
      busy(again, async () => {
        try {
          const fresh = await api.post('/invitations', {
            structure_id: invitation.structure_id,
            person_id: invitation.person_id,
            role: invitation.role,
          });
          await onCreated({ ...fresh, given_name: invitation.given_name });
        } catch (error) {
          message.problem(problemText(t, error));
        }
      }),
  });
  item.append(h('div', { class: 'row' }, invitation.status === 'live' ? withdraw : again));
  return item;
}

async function structureSection(ctx, structure, message) {
  const { t, api } = ctx;
  const created = h('div', { class: 'created', 'aria-live': 'polite' });
  const list = h('ul', { class: 'cards', 'aria-label': t('invitations.listOf', { name: structure.name }) });
  const reload = async (news) => {
    const path = `/invitations?structure_id=${encodeURIComponent(structure.id)}`;
    const { invitations } = await api.get(path);
    list.replaceChildren(...invitations.map((i) => invitationItem(ctx, i, { message, reload, onCreated })));
    if (news) message.info(news);
  };
  const onCreated = async (invitation) => {
    created.replaceChildren(invitationCard(t, invitation));
    await reload();
    created.querySelector('h3')?.setAttribute('tabindex', '-1');
    created.querySelector('h3')?.focus();
  };
  await reload();
  return h(
    'section',
    { class: 'structure' },
    said('h2', structure.name),
    inviteForm(ctx, structure, { message, onCreated }),
    created,
    said('h3', t('invitations.sent')),
    list,
  );
}

export async function invitationsScreen(ctx) {
  const { t } = ctx;
  const message = messageArea();
  const structures = await staffStructures(ctx, MANAGER_ROLES);
  const sections = await Promise.all(structures.map((s) => structureSection(ctx, s, message)));
  return h(
    'section',
    { class: 'invitations' },
    title(t('invitations.title')),
    said('p', t('invitations.intro'), { class: 'lead' }),
    message.element,
    ...sections,
    actions(linkButton(t('nav.back'), '#/home', { iconName: 'back' })),
  );
}
