/* The calm end of a revoked tablet: its local data is already erased; nothing to do here but
 * ask a support worker, who can enrol it again. No red, no alarm: the candidate did nothing wrong. */

import { h, said } from '../lib/dom.js';
import { icon, title } from './parts.js';

export function revokedScreen(ctx) {
  const { t } = ctx;
  return h(
    'section',
    { class: 'revoked' },
    h('div', { class: 'calm-picture' }, icon('tablet'), icon('people')),
    title(t('revoked.title')),
    said('p', t('revoked.ask'), { class: 'lead' }),
    said('p', t('revoked.erased')),
  );
}
