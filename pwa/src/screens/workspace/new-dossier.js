/* Open a dossier (#/new-dossier or #/new-dossier/<candidateId>): for a candidate, a scheme, a
 * published framework version and, for RAE, a modality. The dossier is queued with sync.put and
 * the scheme's steps, so it opens with no network too; the server adds its opener as support
 * worker (backend/preuves/dossiers/operations.py). */

import { h, messageArea, said } from '../../lib/dom.js';
import { structuresWhere } from '../../lib/session.js';
import { uuidv7 } from '../../lib/sync/uuid.js';
import { SCHEME_KEYS, initialSteps, modalitiesOf, needsModality } from '../../lib/workspace/schemes.js';
import { button, title } from '../parts.js';
import { backLink, frameworkName, personName, syncOf, today } from './common.js';
import { candidatesWithDossiers } from './dossiers.js';

function radios(name, legend, options, { help } = {}) {
  return h(
    'fieldset',
    { class: 'choices' },
    h('legend', { text: legend }),
    ...options.map(({ value, label, hint }, index) => {
      const id = `${name}-${value}`;
      return h(
        'div',
        { class: 'choice' },
        h('input', { type: 'radio', name, id, value, checked: index === 0 && options.length === 1, 'aria-describedby': hint ? `${id}-hint` : null }),
        h('label', { for: id, text: label }),
        hint ? h('p', { class: 'help', id: `${id}-hint`, text: hint }) : null,
      );
    }),
    help ? h('p', { class: 'help', text: help }) : null,
  );
}

function select(id, label, options, chosen) {
  return h(
    'div',
    { class: 'field-group' },
    h('label', { for: id, text: label }),
    h('select', { id, class: 'field' },
      ...options.map(({ value, label: text }) => h('option', { value, selected: value === chosen, text }))),
  );
}

async function publishedVersions(ctx, queries) {
  const mine = new Set(structuresWhere(ctx.session.roles));
  return (await queries.listByType('framework_version'))
    .filter((v) => !v.deleted && v.status === 'published' && (v.structure_id === null || mine.has(v.structure_id)))
    .sort((a, b) => String(a.document.title).localeCompare(String(b.document.title), 'fr'));
}

/** The structure where the candidate is a candidate and I am staff. */
async function structureFor(ctx, queries, candidateId) {
  const mine = new Set(structuresWhere(ctx.session.roles));
  const memberships = await queries.listByType('membership');
  return memberships.find(
    (m) => !m.deleted && m.person_id === candidateId && m.role === 'candidate' && mine.has(m.structure_id),
  )?.structure_id ?? null;
}

const checked = (form, name) => form.querySelector(`input[name="${name}"]:checked`)?.value ?? null;

export async function newDossierScreen(ctx, [candidateId] = []) {
  const { t } = ctx;
  const sync = await syncOf(ctx);
  const { queries } = sync;
  const message = messageArea();
  const candidates = (await candidatesWithDossiers(ctx, queries)).filter((c) => c.person);
  const versions = await publishedVersions(ctx, queries);
  const fixed = candidateId ? candidates.find((c) => c.id === candidateId) : null;

  const modality = radios(
    'modality',
    t('workspace.new.modality'),
    modalitiesOf('rae').map((value) => ({ value, label: t(`workspace.modality.${value}`), hint: t(`workspace.modality.${value}.help`) })),
  );
  modality.hidden = true;
  const scheme = radios(
    'scheme',
    t('workspace.new.scheme'),
    SCHEME_KEYS.map((value) => ({ value, label: t(`workspace.scheme.${value}`), hint: t(`workspace.scheme.${value}.help`) })),
  );
  scheme.addEventListener('change', () => {
    modality.hidden = !needsModality(checked(form, 'scheme'));
  });

  const who = fixed
    ? said('p', t('workspace.new.for', { name: personName(t, fixed.person) }), { class: 'lead' })
    : select('new-candidate', t('workspace.new.candidate'),
      [{ value: '', label: t('workspace.new.chooseCandidate') }, ...candidates.map((c) => ({ value: c.id, label: c.name }))], '');
  const framework = select('new-framework', t('workspace.new.framework'),
    [{ value: '', label: t('workspace.new.chooseFramework') }, ...versions.map((v) => ({ value: v.id, label: frameworkName(t, v) }))], '');

  async function submit(event) {
    event.preventDefault();
    const candidate = fixed?.id ?? form.querySelector('#new-candidate').value;
    const schemeKey = checked(form, 'scheme');
    const versionId = form.querySelector('#new-framework').value;
    const modalityKey = needsModality(schemeKey) ? checked(form, 'modality') : null;
    const missing = [
      !candidate && 'workspace.new.needCandidate',
      !schemeKey && 'workspace.new.needScheme',
      !versionId && 'workspace.new.needFramework',
      needsModality(schemeKey) && !modalityKey && 'workspace.new.needModality',
    ].filter(Boolean);
    if (missing.length) {
      message.problem(missing.map((key) => t(key)).join(' '));
      return;
    }
    const structureId = await structureFor(ctx, queries, candidate);
    if (!structureId) {
      message.problem(t('workspace.new.notYourCandidate'));
      return;
    }
    const dossier = {
      id: uuidv7(),
      structure_id: structureId,
      candidate_id: candidate,
      scheme: schemeKey,
      framework_version_id: versionId,
      modality: modalityKey,
      status: 'ouvert',
      title: null,
      steps: initialSteps(schemeKey),
      selection: {},
      opened_on: today(),
    };
    try {
      await sync.put('dossier', dossier);
    } catch (error) {
      console.error('dossier not queued', error);
      message.problem(t('workspace.new.refused'));
      return;
    }
    ctx.go('dossier', [dossier.id], { notice: t('workspace.new.done') });
  }

  const form = h(
    'form',
    { class: 'workspace-form', onsubmit: submit, novalidate: true },
    who,
    scheme,
    modality,
    framework,
    versions.length ? null : said('p', t('workspace.new.noFramework'), { class: 'help' }),
    message.element,
    button(t('workspace.new.submit'), { type: 'submit', iconName: 'plus' }),
  );
  return h(
    'section',
    { class: 'workspace' },
    title(t('workspace.new.title')),
    said('p', t('workspace.new.intro'), { class: 'lead' }),
    form,
    backLink(t),
  );
}
