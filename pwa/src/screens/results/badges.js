/* The candidate's badges: the list (from the server, kept on the device for the days with no
 * network) and one badge shown big with its QR code, which opens the public verification page on
 * whoever's phone reads it. The server draws the QR code (`qr_svg`); it is shown as an <img>,
 * which never runs what an SVG holds. */

import { h, said } from '../../lib/dom.js';
import { pictogram } from '../../lib/pictogram.js';
import { readAloudButton } from '../../lib/read-aloud.js';
import { badgeStore, loadBadges } from '../../lib/results/badge-store.js';
import { BADGE_PICTOGRAM } from '../../lib/results/words.js';
import { qrImageSource } from '../invitations.js';
import { button } from '../parts.js';
import { formatDate } from '../workspace/common.js';

/** A line a candidate can hear: a paragraph and its read-aloud button. */
export function spokenLine(ctx, text, { tag = 'p', picture = null, className = 'spoken' } = {}) {
  return h('div', { class: `result-line ${className}` },
    picture ? pictogram(picture, { className: 'result-picture' }) : null,
    said(tag, text),
    readAloudButton(ctx, { text, label: text }));
}

/** The badge's name in my words: the competency as the framework says it easily, else the badge's. */
function easyName(badge, framework) {
  return framework?.competency?.(badge.competency_id)?.easy_wording ?? badge.achievement_name;
}

function badgeDialog(ctx, badge, name) {
  const { t } = ctx;
  const dialog = h('dialog', { class: 'badge-big', 'aria-labelledby': `badge-title-${badge.id}` });
  const close = button(t('results.badge.close'), { big: true, kind: 'secondary', onclick: () => dialog.close() });
  dialog.append(
    // The title takes the focus when the dialog opens, so the code below it is in view at once.
    h('h2', { id: `badge-title-${badge.id}`, tabindex: '-1', autofocus: true, 'data-read-aloud': true, text: t('results.badge.title', { name }) }),
    badge.qr_svg
      ? h('img', { class: 'badge-qr', src: qrImageSource(badge.qr_svg), alt: t('results.badge.codeAlt', { name }), width: '320', height: '320' })
      : null,
    spokenLine(ctx, t('results.badge.scan')),
    h('p', { class: 'badge-url', text: badge.verify_url }),
    close,
  );
  // Closed, the dialog leaves the page: the list shows again, focus back on its button.
  dialog.addEventListener('close', () => dialog.remove());
  return dialog;
}

function badgeItem(ctx, badge, framework) {
  const { t, language } = ctx;
  const name = easyName(badge, framework);
  const given = t('results.badges.given', { issuer: badge.issuer_name, date: formatDate(language, badge.issued_at) });
  const show = button(t('results.badge.show'), {
    big: true,
    'aria-label': t('results.badge.showOne', { name }),
    onclick: () => {
      const dialog = badgeDialog(ctx, badge, name);
      dialog.addEventListener('close', () => show.focus());
      document.body.append(dialog);
      dialog.showModal();
    },
  });
  return h('li', { class: 'card badge-item', dataset: { badgeId: badge.id } },
    spokenLine(ctx, name, { tag: 'h3', picture: BADGE_PICTOGRAM }),
    name !== badge.achievement_name ? spokenLine(ctx, t('results.badges.named', { name: badge.achievement_name })) : null,
    spokenLine(ctx, given),
    show);
}

/** The badges section of a dossier; the server's list when it answers, else the device's. */
export async function badgesSection(ctx, dossierId, framework = null) {
  const { t } = ctx;
  const store = badgeStore(ctx.session.person.id);
  const { badges, fromDevice } = await loadBadges(ctx.api, store, dossierId);
  return h('section', { class: 'badges', 'aria-labelledby': 'badges-title' },
    said('h2', t('results.badges.title'), { id: 'badges-title' }),
    spokenLine(ctx, t('results.badges.explain')),
    fromDevice && badges.length ? spokenLine(ctx, t('results.badges.kept'), { className: 'spoken badges-kept' }) : null,
    badges.length
      ? h('ul', { class: 'cards badge-list' }, ...badges.map((badge) => badgeItem(ctx, badge, framework)))
      : spokenLine(ctx, t('results.badges.none')));
}
