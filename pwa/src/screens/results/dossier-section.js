/* The support worker's part of a dossier about its jury (placed on #/dossier/<id>): the sessions
 * still to come, the last closed session's decisions per competency and overall (from the
 * device's synced decision records), where the minutes' signatures stand, the exports (the
 * dossier as web pages in a zip, the dossier and the minutes to print) and the badges given. */

import { h, said } from '../../lib/dom.js';
import { dossierResults } from '../../lib/results/result.js';
import { blockNames } from '../../lib/results/words.js';
import { competencyWords, fact, formatDate } from '../workspace/common.js';

const api = (path) => `/api/v1${path}`;

/** The export addresses of a dossier (and of its minutes before `sessionId`), served by the exports area. */
export function exportLinks(dossierId, sessionId = null) {
  const links = [
    ['portfolio', api(`/dossiers/${dossierId}/exports/portfolio.zip`)],
    ['dossierPrint', api(`/dossiers/${dossierId}/exports/dossier.pdf`)],
  ];
  if (sessionId) links.push(['minutesPrint', api(`/jury-sessions/${sessionId}/dossiers/${dossierId}/minutes.pdf`)]);
  return links;
}

/**
 * The export links, each asking first whether the media worker has made every file: an export
 * made too early is refused (export_not_ready), and the person reads why here, not in a
 * download that fails.
 */
function exportList(ctx, dossierId, sessionId) {
  const waiting = h('p', { class: 'field-error', role: 'status', hidden: true });
  const follow = async (event, href) => {
    event.preventDefault();
    try {
      const { ready } = await ctx.api.get(`/dossiers/${dossierId}/exports/readiness`);
      waiting.hidden = ready;
      waiting.textContent = ready ? '' : ctx.t('results.staff.exportWaiting');
      if (ready) globalThis.location.assign(href);
    } catch (problem) {
      waiting.hidden = false;
      waiting.textContent = problem?.title ?? ctx.t('results.staff.exportsOffline');
    }
  };
  return h('div', {},
    h('ul', { class: 'link-list result-exports' }, ...exportLinks(dossierId, sessionId).map(([key, href]) =>
      h('li', {}, h('a', {
        class: 'button button-secondary', href, download: '', text: ctx.t(`results.staff.${key}`),
        onclick: (event) => follow(event, href),
      })))),
    waiting);
}

function decisionsPart(ctx, final, framework) {
  const { t, language } = ctx;
  const { session, rows, overall, signatures } = final;
  const overallWords = overall
    ? t(`results.staff.overall.${overall.overall_outcome}`, { blocks: blockNames(framework, overall.validated_block_keys).join(', ') })
    : t('results.staff.overall.none');
  return [
    said('h3', t('results.staff.judged', { date: formatDate(language, session.held_on), place: session.place })),
    h('p', { class: 'result-overall-staff', dataset: { outcome: overall?.overall_outcome ?? 'none' }, text: overallWords }),
    overall?.comment ? fact(overall.comment) : null,
    rows.length ? said('h4', t('results.staff.competencies')) : null,
    rows.length
      ? h('ul', { class: 'result-rows-staff' }, ...rows.map(({ competency, decision }) => h('li', {
        dataset: { outcome: decision.outcome },
        text: t('results.staff.row', {
          // The wording's own full stop would stand before the colon.
          competency: competency ? competencyWords(competency).replace(/[.!?]$/, '') : t('results.staff.unknownCompetency'),
          outcome: t(`results.staff.outcome.${decision.outcome}`),
        }),
      })))
      : null,
    fact(t('results.staff.signatures', signatures), { class: 'help result-signatures' }),
    signatures.stale ? fact(t('results.staff.stale', { count: signatures.stale })) : null,
  ];
}

async function badgesPart(ctx, dossierId) {
  const { t, language } = ctx;
  let badges;
  try {
    ({ badges } = await ctx.api.get(`/dossiers/${encodeURIComponent(dossierId)}/badges`));
  } catch {
    return [fact(t('results.staff.badgesOffline'))];
  }
  if (!badges.length) return [fact(t('results.staff.badgesNone'))];
  return [h('ul', { class: 'result-badges-staff' }, ...badges.map((badge) => h('li', {},
    h('span', { text: t('results.staff.badge', { name: badge.achievement_name, date: formatDate(language, badge.issued_at) }) }), ' ',
    h('a', { href: badge.verify_url, 'aria-label': t('results.staff.verify', { name: badge.achievement_name }), text: t('results.staff.verifyShort') }))))];
}

/** The section, or null when the dossier is not on the device. */
export async function resultSection(ctx, sync, dossierId) {
  const { t, language } = ctx;
  const results = await dossierResults(sync.queries, dossierId);
  if (!results) return null;
  const { final, pending, framework } = results;
  const online = globalThis.navigator?.onLine !== false;
  return h('section', { class: 'result-staff', 'aria-labelledby': 'result-staff-title' },
    said('h2', t('results.staff.title'), { id: 'result-staff-title' }),
    ...pending.map((session) => fact(t('results.staff.pending', {
      date: formatDate(language, session.held_on), place: session.place, status: t(`juryadmin.status.${session.status}`),
    }))),
    ...(final ? decisionsPart(ctx, final, framework) : [fact(t('results.staff.none'))]),
    said('h3', t('results.staff.exports')),
    online ? null : fact(t('results.staff.exportsOffline')),
    exportList(ctx, dossierId, final?.session.id),
    // Badges are issued when a session closes: no call to the server before.
    final ? said('h3', t('results.staff.badges')) : null,
    ...(final ? await badgesPart(ctx, dossierId) : []));
}
