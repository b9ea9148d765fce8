/* The jury's way in from the home screen: a link shown to whoever sits on a jury session by the
 * device's records (a member from outside may have no role in any structure). It also starts the
 * offline copies' rules at sign-in: home is the first screen. */

import { h } from '../../lib/dom.js';
import { sitsOnAJury } from '../../lib/jury/sessions.js';
import { linkButton } from '../parts.js';
import { onLeave, openJury } from './shared.js';

/** A place on the home screen that fills with the link once the records say so. */
export function juryHomeLink(ctx) {
  const slot = h('span', { class: 'jury-home-link' });
  const fill = async () => {
    const jury = await openJury(ctx);
    const show = async () => {
      const sits = await sitsOnAJury(jury.sync.queries, jury.personId);
      slot.replaceChildren(...(sits ? [linkButton(ctx.t('jury.home.link'), '#/jury', { kind: 'primary' })] : []));
    };
    const onChanges = (event) => {
      if ((event.detail?.types ?? []).includes('jury_member')) show();
    };
    jury.sync.client.addEventListener('changes', onChanges);
    onLeave(() => jury.sync.client.removeEventListener('changes', onChanges));
    await show();
  };
  fill().catch((error) => console.error('jury link', error));
  return slot;
}
