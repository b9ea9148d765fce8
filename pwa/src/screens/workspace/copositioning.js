/* Co-positioning (#/copositioning/<dossierId>): per competency, the candidate's latest
 * self-positioning beside the support worker's, the difference in words and on a scale (marks
 * with names, not colour alone), each with its date and the evidence that names the competency.
 * The support worker gives their view (one positioning record per session, append-only), with a
 * comment by text or voice; below, every snapshot by date. */

import { loadDossier } from '../../lib/dossier-data.js';
import { h, messageArea, said } from '../../lib/dom.js';
import { uuidv7 } from '../../lib/sync/uuid.js';
import { comparisonRows, coPositioningRecord, snapshots } from '../../lib/workspace/copositioning.js';
import { button, title } from '../parts.js';
import { backLink, competencyWords, fact, formatDate, liveScreen, personName } from './common.js';
import { mediaSource } from '../../lib/media-source.js';
import { evidenceImage, sha256Hex, voiceRecorder } from './media.js';

const levelWords = (framework, key) => {
  const level = framework.level(key);
  return level ? `${level.easy_label ?? level.label} (${level.label})` : key;
};

async function side(ctx, framework, heading, item) {
  const { t, language } = ctx;
  const voice = item?.comment_audio_sha256
    ? h('audio', {
      controls: true, preload: 'none', 'aria-label': t('workspace.co.listen', { who: heading }),
      src: await mediaSource(ctx, { sha256: item.comment_audio_sha256 }),
    })
    : null;
  return h('div', { class: 'side' },
    said('h3', heading),
    item
      ? [
        said('p', levelWords(framework, item.level_key), { class: 'side-level' }),
        fact(t('workspace.co.on', { date: formatDate(language, item.taken_at, { withTime: true }) })),
        item.comment_text ? fact(t('workspace.co.comment', { text: item.comment_text })) : null,
        voice ? fact(t('workspace.co.voiceComment')) : null,
        voice,
      ]
      : fact(t('workspace.co.notYet')));
}

function differenceText(t, comparison, name) {
  const { state, steps } = comparison;
  const plural = steps > 1 ? 'many' : 'one';
  if (state === 'co-higher') return t(`workspace.co.diff.higher.${plural}`, { name, steps });
  if (state === 'co-lower') return t(`workspace.co.diff.lower.${plural}`, { name, steps });
  return t(`workspace.co.diff.${state}`, { name });
}

// The scale drawn: each level a box; the candidate's mark is a triangle with their initial, the
// support side's a circle with "A". The words above say the same for those who do not see it.
function scale(framework, row, name) {
  const marks = (key) => [
    row.self?.level_key === key ? h('span', { class: 'mark mark-self', text: `▲ ${name.slice(0, 1)}` }) : null,
    row.co?.level_key === key ? h('span', { class: 'mark mark-co', text: '● A' }) : null,
  ];
  return h('ol', { class: 'scale', 'aria-hidden': 'true' },
    ...framework.levels.map((level) => h('li', {}, h('span', { class: 'scale-level', text: level.easy_label ?? level.label }), ...marks(level.key))));
}

async function evidenceList(ctx, dossierId, evidence) {
  const { t, language } = ctx;
  if (!evidence.length) return fact(ctx.t('workspace.co.noEvidence'));
  const items = await Promise.all(evidence.map(async (item) => {
    const words = (item.caption_text ?? item.task ?? t(`workspace.co.kind.${item.kind}`)).replace(/[.!?]\s*$/, '');
    const label = t('workspace.co.evidenceOf', { what: words, date: formatDate(language, item.captured_at) });
    const picture = item.media_sha256 && (item.kind === 'photo' || item.kind === 'video')
      ? h('img', {
        src: await evidenceImage(ctx, item), alt: '', width: 96, height: 96, loading: 'lazy',
        // The server makes thumbnails in the background: until then, the words alone.
        onerror: (event) => event.target.remove(),
      })
      : null;
    return h('li', {}, h('a', { href: `#/evidence/${dossierId}/${item.id}`, class: 'thumb' }, picture, h('span', { text: label })));
  }));
  return h('ul', { class: 'thumbs', 'aria-label': t('workspace.co.evidence') }, ...items);
}

function choiceFields(ctx, framework, row, choices, markDirty) {
  const { t } = ctx;
  const id = row.competency.id;
  const words = competencyWords(row.competency);
  const choose = (patch) => {
    choices.set(id, { ...choices.get(id), ...patch });
    markDirty();
  };
  const radios = framework.levels.map((level) => {
    const inputId = `co-${id}-${level.key}`;
    return h('div', { class: 'choice' },
      h('input', { type: 'radio', name: `co-${id}`, id: inputId, value: level.key, onchange: () => choose({ level_key: level.key }) }),
      h('label', { for: inputId, text: levelWords(framework, level.key) }));
  });
  const commentId = `co-comment-${id}`;
  return h('fieldset', { class: 'choices co-choice' },
    h('legend', { text: t('workspace.co.yourView', { competency: words }) }),
    ...radios,
    h('div', { class: 'field-group' },
      h('label', { for: commentId, text: t('workspace.co.commentLabel') }),
      h('textarea', { id: commentId, class: 'field', rows: 2, oninput: (event) => choose({ comment_text: event.target.value }) })),
    h('div', { class: 'co-voice', dataset: { competency: id } }));
}

async function rowItem(ctx, { framework, dossierId, name, row, choices, markDirty }) {
  const { t } = ctx;
  const headingId = `competency-${row.competency.id}`;
  const item = h('li', { class: 'card compare-row', 'aria-labelledby': headingId },
    said('h2', competencyWords(row.competency), { id: headingId }),
    row.competency.official_wording ? fact(row.competency.official_wording) : null,
    h('div', { class: 'sides' },
      await side(ctx, framework, t('workspace.co.selfSays', { name }), row.self),
      await side(ctx, framework, t('workspace.co.coSays'), row.co)),
    h('p', { class: 'difference', dataset: { state: row.comparison.state } },
      differenceText(t, row.comparison, name)),
    scale(framework, row, name),
    said('h3', t('workspace.co.evidence')),
    await evidenceList(ctx, dossierId, row.evidence),
    choiceFields(ctx, framework, row, choices, markDirty));
  // One recorder on the page at a time is enough: it opens when the support worker asks for it.
  const box = item.querySelector('.co-voice');
  const open = button(t('workspace.co.voice'), {
    kind: 'secondary',
    'aria-label': t('workspace.co.voiceFor', { competency: competencyWords(row.competency) }),
    onclick: async () => {
      const recorder = await voiceRecorder(ctx, {
        onRecorded: (blob, { mediaType }) => {
          choices.set(row.competency.id, { ...choices.get(row.competency.id), audio: { blob, mediaType } });
          markDirty();
        },
        onCleared: () => {
          const choice = { ...choices.get(row.competency.id) };
          delete choice.audio;
          choices.set(row.competency.id, choice);
        },
      });
      if (!recorder) return;
      markDirty();
      open.replaceWith(recorder);
      recorder.querySelector('button')?.focus();
    },
  });
  box.append(open);
  return item;
}

function historyPart(ctx, framework, positionings, names) {
  const { t, language } = ctx;
  // The server names the author; a snapshot not sent yet was made here, by the person signed in.
  const authorName = (snapshot) => {
    if (snapshot.kind === 'self') return names.get('candidate');
    const id = snapshot.author_id ?? (snapshot.rev ? null : ctx.session.person.id);
    return names.get(id) ?? t('workspace.co.someStaff');
  };
  const all = snapshots(positionings).filter((s) => s.kind !== 'jury');
  if (!all.length) return fact(t('workspace.co.noHistory'));
  return h('ol', { class: 'history' }, ...all.map((snapshot) => h('li', {},
    h('details', {},
      h('summary', { text: t(`workspace.co.history.${snapshot.kind}`, {
        date: formatDate(language, snapshot.taken_at, { withTime: true }),
        name: authorName(snapshot),
        count: snapshot.items.length,
      }) }),
      h('ul', {}, ...snapshot.items.map((item) => h('li', {
        text: `${competencyWords(framework.competency(item.competency_id))} : ${levelWords(framework, item.level_key)}`,
      })))))));
}

async function saveSession(ctx, { dossierId, framework, rows, choices }) {
  const { sync, uploads } = await ctx.local();
  const id = uuidv7();
  const chosen = new Map();
  for (const [competencyId, choice] of choices) {
    if (!choice.level_key) continue;
    const row = rows.find((r) => r.competency.id === competencyId);
    const entry = { ...choice, evidence_ids: row.evidence.map((e) => e.id) };
    if (choice.audio) {
      // Kept on the device at once, sent by tus; the record names it by its hash. A positioning
      // may hold one voice per competency, so each gets its own upload key, a UUID as the tus
      // metadata wants (the server refuses a `record_id` that is not one).
      entry.comment_audio_sha256 = await sha256Hex(choice.audio.blob);
      await uploads.add(uuidv7(), choice.audio.blob, {
        dossierId, filename: `commentaire-${competencyId}.webm`, mediaType: choice.audio.mediaType,
      });
    }
    chosen.set(competencyId, entry);
  }
  if (!chosen.size) return false;
  const record = coPositioningRecord({ dossierId, choices: chosen, competencyCount: framework.competencies.length, newId: () => id });
  await sync.put('positioning', record);
  return true;
}

export function copositioningScreen(ctx, [dossierId] = []) {
  const { t } = ctx;
  const message = messageArea();
  const choices = new Map();
  return liveScreen(ctx, async (sync, redraw) => {
    const loaded = await loadDossier(sync.queries, dossierId);
    if (!loaded || !loaded.framework) {
      return [title(t('workspace.dossier.missing')), fact(t('workspace.dossier.missingHelp')), backLink(t)];
    }
    const { framework, records } = loaded;
    const candidate = await sync.queries.get('person', loaded.dossier.candidate_id);
    const name = personName(t, candidate);
    const names = new Map([['candidate', name], [loaded.dossier.candidate_id, name], [ctx.session.person.id, personName(t, ctx.session.person)]]);
    for (const snapshot of records.positioning ?? []) {
      if (snapshot.author_id && !names.has(snapshot.author_id)) {
        const author = await sync.queries.get('person', snapshot.author_id);
        if (author) names.set(snapshot.author_id, personName(t, author));
      }
    }
    const rows = comparisonRows(framework, records);
    const form = h('form', { class: 'workspace-form', novalidate: true });
    const markDirty = () => form.setAttribute('data-keep-open', '');
    const items = await Promise.all(rows.map((row) => rowItem(ctx, { framework, dossierId, name, row, choices, markDirty })));
    const save = button(t('workspace.co.save'), { type: 'submit' });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      save.disabled = true;
      try {
        if (!(await saveSession(ctx, { dossierId, framework, rows, choices }))) {
          message.problem(t('workspace.co.nothingChosen'));
          return;
        }
        choices.clear();
        form.removeAttribute('data-keep-open');
        message.info(t('workspace.co.saved'));
        await redraw();
      } catch (error) {
        console.error('co-positioning not saved', error);
        message.problem(t('workspace.co.refused'));
      } finally {
        save.disabled = false;
      }
    });
    form.append(h('ul', { class: 'cards compare-list', 'aria-label': t('workspace.co.list') }, ...items), message.element, save);
    return [
      title(t('workspace.co.title', { name })),
      said('p', t('workspace.co.intro', { name }), { class: 'lead' }),
      form,
      h('section', { 'aria-labelledby': 'history-title' },
        said('h2', t('workspace.co.historyTitle'), { id: 'history-title' }),
        historyPart(ctx, framework, records.positioning, names)),
      backLink(t, `#/dossier/${dossierId}`, t('workspace.backToDossier')),
    ];
  });
}
