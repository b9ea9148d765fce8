/* Sign in with a passkey: one button, no name to type, nothing to remember (WCAG 2.2, 3.3.8). */

import { busy, h, messageArea, said } from '../lib/dom.js';
import { passkeysSupported, usePasskey } from '../lib/webauthn.js';
import { actions, button, linkButton, problemText, title } from './parts.js';

/** The ceremony: options, the browser's prompt, then the server's check; returns /me-like data. */
export async function signInWithPasskey(api) {
  const { ceremony_id: ceremonyId, publicKey } = await api.post('/auth/passkeys/login/options', {});
  const credential = await usePasskey(publicKey);
  return api.post('/auth/passkeys/login/verify', { ceremony_id: ceremonyId, credential });
}

export function signInScreen(ctx, _params, { notice } = {}) {
  const { t, api } = ctx;
  const message = messageArea();
  const signIn = button(t('signIn.button'), {
    iconName: 'key',
    big: true,
    onclick: () =>
      busy(signIn, async () => {
        message.clear();
        try {
          ctx.session.update(await signInWithPasskey(api));
          await ctx.refreshSession();
          ctx.go('home', [], { replace: true });
        } catch (error) {
          message.problem(problemText(t, error));
        }
      }),
  });
  if (!passkeysSupported()) {
    signIn.disabled = true;
    message.info(t('passkey.unsupported'));
  }
  if (notice) message.info(notice);
  return h(
    'section',
    { class: 'sign-in' },
    title(t('home.hello')),
    said('p', t('home.intro'), { class: 'lead' }),
    actions(signIn),
    message.element,
    h(
      'div',
      { class: 'aside' },
      said('p', t('signIn.tabletHelp')),
      actions(linkButton(t('enrol.link'), '#/enrol', { iconName: 'tablet' })),
    ),
  );
}
