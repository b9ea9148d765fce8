/* My passkeys: one per phone or computer I use. Rename them so I know which is which, remove one
 * I lost, add a new one. The server refuses to remove the last (I would be locked out). */

import { busy, h, messageArea, said } from '../lib/dom.js';
import { actions, button, linkButton, problemText, title } from './parts.js';
import { labelField, registerPasskey } from './invitation.js';

function formatDate(value, language) {
  if (!value) return '';
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : language, { dateStyle: 'long' }).format(
    new Date(value),
  );
}

function passkeyItem(ctx, passkey, { message, reload }) {
  const { t, api, language } = ctx;
  const nameId = `passkey-${passkey.id}`;
  const item = h('li', { class: 'card', 'aria-labelledby': nameId });
  const renameId = `rename-${passkey.id}`;
  const input = h('input', {
    id: renameId,
    class: 'field',
    type: 'text',
    maxlength: '120',
    value: passkey.label ?? '',
  });
  const form = h(
    'form',
    { class: 'rename', hidden: true },
    h('label', { for: renameId, text: t('passkeys.newName') }),
    input,
    h('button', { type: 'submit', class: 'button', text: t('passkeys.save') }),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.patch(`/auth/passkeys/${passkey.id}`, { label: input.value.trim() });
      await reload(t('passkeys.renamed'));
    } catch (error) {
      message.problem(problemText(t, error));
    }
  });
  const labelText = passkey.label || t('passkeys.unnamed');
  const rename = button(t('passkeys.rename'), {
    kind: 'secondary',
    'aria-label': t('passkeys.renameOne', { name: labelText }),
    onclick: () => {
      form.hidden = false;
      input.focus();
    },
  });
  // Removing asks once more: a passkey removed by mistake cannot come back.
  const confirmYes = button(t('passkeys.confirmYes'), {
    onclick: () =>
      busy(confirmYes, async () => {
        message.clear();
        confirm.hidden = true;
        try {
          await api.delete(`/auth/passkeys/${passkey.id}`);
          await reload(t('passkeys.removed'));
        } catch (error) {
          message.problem(problemText(t, error));
        }
      }),
  });
  const confirmNo = button(t('passkeys.confirmNo'), {
    kind: 'secondary',
    onclick: () => {
      confirm.hidden = true;
      remove.focus();
    },
  });
  const confirm = h(
    'div',
    { class: 'confirm', role: 'group', 'aria-labelledby': `confirm-${passkey.id}`, hidden: true },
    said('p', t('passkeys.confirmRemove', { name: labelText }), { id: `confirm-${passkey.id}` }),
    h('div', { class: 'row' }, confirmYes, confirmNo),
  );
  const remove = button(t('passkeys.remove'), {
    kind: 'secondary',
    'aria-label': t('passkeys.removeOne', { name: labelText }),
    onclick: () => {
      confirm.hidden = false;
      confirmNo.focus();
    },
  });
  const dates = [
    passkey.created_at ? t('passkeys.created', { date: formatDate(passkey.created_at, language) }) : '',
    passkey.last_used_at ? t('passkeys.used', { date: formatDate(passkey.last_used_at, language) }) : '',
  ].filter(Boolean);
  item.append(
    said('h2', labelText, { id: nameId }),
    ...dates.map((text) => said('p', text, { class: 'help' })),
    h('div', { class: 'row' }, rename, remove),
    form,
    confirm,
  );
  return item;
}

export async function passkeysScreen(ctx, _params, { notice } = {}) {
  const { t, api } = ctx;
  const message = messageArea();
  const list = h('ul', { class: 'cards', 'aria-label': t('passkeys.listLabel') });
  const reload = async (news) => {
    const passkeys = await api.get('/auth/passkeys');
    const items = Array.isArray(passkeys) ? passkeys : (passkeys.passkeys ?? []);
    list.replaceChildren(...items.map((passkey) => passkeyItem(ctx, passkey, { message, reload })));
    if (news) message.info(news);
  };
  await reload(notice);
  const { field, input } = labelField(t, 'new-passkey-label');
  const add = button(t('passkeys.add'), {
    iconName: 'plus',
    onclick: () =>
      busy(add, async () => {
        message.clear();
        try {
          await registerPasskey(api, {}, input.value.trim());
          await reload(t('passkeys.added'));
        } catch (error) {
          message.problem(problemText(t, error));
        }
      }),
  });
  return h(
    'section',
    { class: 'passkeys' },
    title(t('passkeys.title')),
    said('p', t('passkeys.intro'), { class: 'lead' }),
    message.element,
    list,
    h('div', { class: 'card' }, said('h2', t('passkeys.addTitle')), field, actions(add)),
    actions(linkButton(t('nav.back'), '#/home', { iconName: 'back' })),
  );
}
