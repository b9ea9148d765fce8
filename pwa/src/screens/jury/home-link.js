/* The jury's way in from the home screen: a link shown to whoever sits on a jury session by the
 * device's records (a member from outside may have no role in any structure). It opens no jury
 * database: a person who never downloaded a copy gets none (the copies' rules are started where
 * the person's data opens: app.js, watchCopiesAtStart). */

import { h } from '../../lib/dom.js';
import { sitsOnAJury } from '../../lib/jury/sessions.js';
import { linkButton } from '../parts.js';
import { onLeave } from './shared.js';

/** A place on the home screen that fills with the link once the records say so. */
export function juryHomeLink(ctx) {
  const slot = h('span', { class: 'jury-home-link' });
  const fill = async () => {
    const { sync } = await ctx.local();
    const personId = ctx.session.person.id;
    const show = async () => {
      const sits = await sitsOnAJury(sync.queries, personId);
      slot.replaceChildren(...(sits ? [linkButton(ctx.t('jury.home.link'), '#/jury', { kind: 'primary' })] : []));
    };
    const onChanges = (event) => {
      if ((event.detail?.types ?? []).includes('jury_member')) show();
    };
    sync.client.addEventListener('changes', onChanges);
    onLeave(() => sync.client.removeEventListener('changes', onChanges));
    await show();
  };
  fill().catch((error) => console.error('jury link', error));
  return slot;
}
