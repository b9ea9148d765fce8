/* My candidates and their dossiers (#/dossiers): the candidates of the structures where I work,
 * each with their dossiers (scheme, framework version, status, next step), from the device's
 * copy, so it works with no network; drawn again when sync brings changes. */

import { h, said } from '../../lib/dom.js';
import { structuresWhere } from '../../lib/session.js';
import { nextStep } from '../../lib/workspace/schemes.js';
import { title } from '../parts.js';
import { fact, frameworkName, liveScreen, personName } from './common.js';

const byName = (a, b) => a.name.localeCompare(b.name, 'fr');

/** [{person, name, dossiers}] for the candidates of my structures and of the dossiers I see. */
export async function candidatesWithDossiers(ctx, queries) {
  const mine = new Set(structuresWhere(ctx.session.roles));
  const [memberships, dossiers] = await Promise.all([
    queries.listByType('membership'),
    queries.listByType('dossier'),
  ]);
  const ids = new Set(
    memberships
      .filter((m) => !m.deleted && m.role === 'candidate' && mine.has(m.structure_id))
      .map((m) => m.person_id),
  );
  const live = dossiers.filter((d) => !d.deleted);
  for (const dossier of live) ids.add(dossier.candidate_id);
  const rows = await Promise.all(
    [...ids].map(async (id) => {
      const person = await queries.get('person', id);
      const own = live.filter((d) => d.candidate_id === id);
      own.sort((a, b) => String(b.opened_on ?? '').localeCompare(String(a.opened_on ?? '')));
      return { id, person, name: personName(ctx.t, person), dossiers: own };
    }),
  );
  return rows.sort(byName);
}

async function dossierItem(ctx, queries, dossier, name) {
  const { t } = ctx;
  const version = await queries.get('framework_version', dossier.framework_version_id);
  const next = nextStep(dossier);
  const label = t('workspace.dossierLink', { scheme: t('workspace.scheme.' + dossier.scheme), name });
  return h(
    'li',
    { class: 'dossier-line' },
    h('a', { href: `#/dossier/${dossier.id}`, class: 'dossier-link', text: label }),
    fact(frameworkName(t, version)),
    fact(t('workspace.statusIs', { status: t('workspace.status.' + dossier.status) })),
    fact(next ? t('workspace.nextIs', { step: t('workspace.step.' + next.key) }) : t('workspace.allStepsDone')),
  );
}

async function candidateCard(ctx, queries, candidate) {
  const { t } = ctx;
  const headingId = `candidate-${candidate.id}`;
  const items = await Promise.all(candidate.dossiers.map((d) => dossierItem(ctx, queries, d, candidate.name)));
  return h(
    'li',
    { class: 'card', 'aria-labelledby': headingId },
    said('h2', candidate.name, { id: headingId }),
    items.length
      ? h('ul', { class: 'dossier-lines', 'aria-label': t('workspace.dossiersOf', { name: candidate.name }) }, ...items)
      : fact(t('workspace.noDossier')),
    h('a', {
      class: 'button button-secondary',
      href: `#/new-dossier/${candidate.id}`,
    }, h('span', { text: t('workspace.openFor', { name: candidate.name }) })),
  );
}

async function conflictNotice(ctx, queries) {
  const waiting = (await queries.conflicts()).length;
  if (!waiting) return null;
  const text = ctx.t(waiting === 1 ? 'workspace.conflicts.one' : 'workspace.conflicts.many', { count: waiting });
  return h('p', { class: 'notice', role: 'status' }, h('a', { href: '#/conflicts', text }));
}

export function dossiersScreen(ctx) {
  const { t } = ctx;
  return liveScreen(ctx, async ({ queries }) => {
    const candidates = await candidatesWithDossiers(ctx, queries);
    const cards = await Promise.all(candidates.map((c) => candidateCard(ctx, queries, c)));
    return [
      title(t('workspace.dossiers.title')),
      said('p', t('workspace.dossiers.intro'), { class: 'lead' }),
      await conflictNotice(ctx, queries),
      cards.length
        ? h('ul', { class: 'cards candidates-list', 'aria-label': t('workspace.dossiers.list') }, ...cards)
        : fact(t('workspace.dossiers.none')),
      h('div', { class: 'actions' },
        h('a', { class: 'button', href: '#/new-dossier' }, h('span', { text: t('workspace.open') })),
        h('a', { class: 'button button-secondary', href: '#/home' }, h('span', { text: t('nav.back') }))),
    ];
  });
}
