/* What the procès-verbal says, as the device computes it: the session, its members and their
 * roles, each competency's decision with its comment, the overall outcome, and where the
 * signatures stand with the hash they name ("Le procès-verbal a changé" after a change). */

import { h, said } from '../../lib/dom.js';
import { nameOf } from '../../lib/decisions/jury-data.js';
import { blockTitles } from './forms.js';
import { day } from './live.js';

/**
 * A member's name: their person record when the device has it (an outside member's colleagues'
 * records may not reach it), else the name they signed with, else "Membre du jury".
 */
export function withNames(members, signatures, known = new Map()) {
  const newestFirst = [...signatures].sort((a, b) => String(b.signed_at).localeCompare(String(a.signed_at)));
  return members.map((member) => ({
    ...member,
    name: nameOf(member.person)
      || known.get(member.person_id)
      || newestFirst.find((s) => s.signer_id === member.person_id && s.signer_role === 'jury_member')?.signer_name
      || '',
  }));
}

export const memberName = (t, member) => member.name || t('decisions.person.unknown');

export function sessionPart(ctx, data, candidate) {
  const { t, language } = ctx;
  const session = data.session;
  return h('section', { class: 'minutes-part', 'aria-labelledby': 'minutes-session' },
    h('h2', { id: 'minutes-session', text: t('decisions.minutes.session') }),
    said('p', t('decisions.minutes.candidate', { name: candidate || '—' })),
    session ? said('p', t('decisions.minutes.heldOn', { date: day(language, session.held_on) })) : null,
    session ? said('p', t('decisions.minutes.place', { place: session.place })) : null,
    session ? said('p', t('decisions.minutes.status', { status: t(`decisions.status.${session.status}`) }), { class: 'minutes-status', dataset: { status: session.status } }) : null,
    h('h3', { text: t('decisions.minutes.members') }),
    data.members.length
      ? h('ul', { class: 'minutes-members' }, ...data.members.map((member) => said('li',
        t('decisions.minutes.member', { name: memberName(t, member), role: t(`decisions.role.${member.jury_role}`) }))))
      : said('p', t('decisions.minutes.noMembers')));
}

export function decisionsPart(ctx, data) {
  const { t } = ctx;
  const { competencies, overall } = data.minutes.effective;
  const cell = (tag, text) => h(tag, { text });
  const rows = data.framework.competencies.map((competency) => {
    const decision = competencies.get(competency.id);
    const level = decision?.level_key ? ` (${data.framework.level(decision.level_key)?.label ?? decision.level_key})` : '';
    return h('tr', { dataset: { competency: competency.id } },
      h('th', { scope: 'row', text: competency.official_wording }),
      cell('td', decision ? `${t(`decisions.outcome.${decision.outcome}`)}${level}` : t('decisions.minutes.noDecision')),
      cell('td', decision?.comment ?? ''));
  });
  return [
    h('section', { class: 'minutes-part', 'aria-labelledby': 'minutes-decisions' },
      h('h2', { id: 'minutes-decisions', text: t('decisions.minutes.decisions') }),
      h('table', { class: 'minutes-table' },
        h('caption', { class: 'visually-hidden', text: t('decisions.minutes.decisions') }),
        h('thead', {}, h('tr', {}, ...['competency', 'decision', 'comment'].map((key) =>
          h('th', { scope: 'col', text: t(`decisions.minutes.${key}`) })))),
        h('tbody', {}, ...rows))),
    h('section', { class: 'minutes-part', 'aria-labelledby': 'minutes-overall' },
      h('h2', { id: 'minutes-overall', text: t('decisions.minutes.overall') }),
      overall
        ? said('p', t(`decisions.overall.${overall.overall_outcome}`), { class: 'minutes-outcome', dataset: { outcome: overall.overall_outcome } })
        : said('p', t('decisions.overall.none')),
      overall?.validated_block_keys?.length ? said('p', t('decisions.overall.validated', { blocks: blockTitles(data, overall) })) : null,
      overall?.comment ? h('blockquote', { text: overall.comment }) : null),
  ];
}

export function hashPart(ctx, data, status) {
  const { t } = ctx;
  const missing = status.rows.filter((row) => !row.signature).length;
  return h('section', { class: 'minutes-part minutes-hash', 'aria-labelledby': 'minutes-signatures' },
    h('h2', { id: 'minutes-signatures', tabindex: '-1', text: t('decisions.signatures.title') }),
    status.changed ? h('div', { class: 'minutes-changed', role: 'alert' },
      said('p', t('decisions.minutes.changed'), { class: 'minutes-changed-title' }),
      said('p', t('decisions.minutes.changedHelp'))) : null,
    said('p', status.complete ? t('decisions.minutes.allSigned') : t('decisions.minutes.missing', { count: missing }),
      { class: 'minutes-state', dataset: { complete: String(status.complete) } }),
    data.minutes.effective.unsentIds.size ? said('p', t('decisions.minutes.unsent')) : null,
    h('p', { class: 'minutes-sha' }, h('small', { text: t('decisions.minutes.hash', { hash: data.minutes.sha256 }) })),
    said('p', t('decisions.minutes.hashHelp')));
}

