/* After sign-in: a greeting and the ways on. Later features (my dossier, capture, the support
 * worker's workspace) add their entries here. */

import { busy, h, messageArea, said } from '../lib/dom.js';
import { actions, button, linkButton, problemText, title } from './parts.js';

/** Sign out on the server, then forget everything about the person in this page. */
export async function signOut(ctx) {
  try {
    await ctx.api.post('/auth/logout', {});
  } finally {
    ctx.forgetPerson();
  }
}

export function homeScreen(ctx, _params, { notice } = {}) {
  const { t, session } = ctx;
  const message = messageArea();
  if (notice) message.info(notice);
  const name = session.person?.given_name ?? '';
  const leave = session.onTablet
    ? button(t('tablet.switch'), { iconName: 'people', big: true, onclick: () => ctx.switchCandidate() })
    : button(t('signOut.button'), {
        iconName: 'door',
        kind: 'secondary',
        onclick: () =>
          busy(leave, async () => {
            try {
              await signOut(ctx);
              ctx.go('', [], { replace: true, notice: t('signOut.done') });
            } catch (error) {
              message.problem(problemText(t, error));
            }
          }),
      });
  const links = session.onTablet
    ? []
    : [
        linkButton(t('passkeys.link'), '#/passkeys', { iconName: 'key' }),
        session.isManager
          ? linkButton(t('invitations.homeLink'), '#/invitations', { iconName: 'plus' })
          : null,
        session.isStaff && session.deviceId
          ? linkButton(t('pictures.link'), '#/pictures', { iconName: 'people' })
          : null,
        session.isStaff ? linkButton(t('tablets.link'), '#/tablets', { iconName: 'tablet' }) : null,
        session.isStaff ? linkButton(t('enrol.link'), '#/enrol', { iconName: 'tablet' }) : null,
      ];
  return h(
    'section',
    { class: 'home' },
    title(name ? t('home.helloName', { name }) : t('home.hello')),
    said('p', t('home.intro'), { class: 'lead' }),
    message.element,
    actions(...links, leave),
  );
}
