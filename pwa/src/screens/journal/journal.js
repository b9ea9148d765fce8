/* The AFEST reflexive journal (#/journal/<dossierId>): dated entries by the candidate (voice or
 * words, big buttons) and by the trainer, each tied to a moment (before, during, after a work
 * situation, or another moment) and to the work situation; shown as a timeline by moment. The
 * trainer's entries are the evaluations before, during and after; the grid of competencies is the
 * co-positioning screen, linked here. Entries are append-only: written once, through sync.put. */

import { h, said } from '../../lib/dom.js';
import { byPhase, journalEntry, PHASES, workSituations } from '../../lib/journal/timeline.js';
import { mediaSource } from '../../lib/media-source.js';
import { readAloudButton } from '../../lib/read-aloud.js';
import { sha256Hex } from '../../lib/sha256.js';
import { uuidv7 } from '../../lib/sync/uuid.js';
import { button, linkButton, problemText, title } from '../parts.js';

const PICTOGRAMS = { before: 'openmoji:1F305', during: 'openmoji:1F6E0', after: 'openmoji:2705', free: 'openmoji:1F4AC' };

function formatWhen(language, value) {
  const locale = language === 'fr' ? 'fr-FR' : language;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(value));
}

// Who wrote it, in the reader's words: "Moi" and "Mon accompagnateur" for the candidate.
const AUTHOR_KEYS = {
  candidate: { candidate: 'journal.byMe', trainer: 'journal.byMyTrainer' },
  trainer: { candidate: 'journal.byCandidate', trainer: 'journal.byTrainer' },
};

async function entryItem(ctx, entry, reader) {
  const { t } = ctx;
  const who = t(AUTHOR_KEYS[reader][entry.author_role]);
  const audio = entry.body_audio_sha256
    ? await mediaSource(ctx, { key: `${entry.id}/body_audio_sha256`, sha256: entry.body_audio_sha256 })
    : null;
  return h(
    'li',
    { class: `journal-entry journal-entry-${entry.author_role}` },
    h('p', { class: 'journal-when', text: `${formatWhen(ctx.language, entry.written_at)} · ${who}` }),
    entry.work_situation ? said('p', t('journal.situationIs', { situation: entry.work_situation }), { class: 'journal-situation' }) : null,
    entry.body_text ? said('p', entry.body_text, { class: 'journal-text' }) : null,
    audio ? h('audio', { controls: true, src: audio, preload: 'none', 'aria-label': t('journal.listen') }) : null,
    entry.body_text ? readAloudButton(ctx, { text: entry.body_text, big: false, label: who }) : null,
  );
}

async function timeline(ctx, entries, reader) {
  const { t } = ctx;
  const groups = byPhase(entries);
  if (!groups.length) return said('p', t('journal.empty'), { class: 'help' });
  const sections = await Promise.all(groups.map(async (group) => h(
    'section',
    { class: `journal-phase journal-phase-${group.phase}`, 'aria-labelledby': `phase-${group.phase}` },
    said('h3', t(`journal.phase.${group.phase}`), { id: `phase-${group.phase}` }),
    h('ol', { class: 'journal-entries' }, ...(await Promise.all(group.entries.map((e) => entryItem(ctx, e, reader))))),
  )));
  return h('div', { class: 'journal-timeline' }, ...sections);
}

function phaseChooser(ctx, state) {
  const { t } = ctx;
  const buttons = PHASES.map((phase) => {
    const choice = h(
      'button',
      { type: 'button', class: 'button button-big journal-phase-choice', 'aria-pressed': String(state.phase === phase), 'data-phase': phase },
      h('img', { class: 'pictogram', alt: '', src: `/pictograms/openmoji/${PICTOGRAMS[phase].split(':')[1]}.svg` }),
      h('span', { text: t(`journal.phase.${phase}`) }),
    );
    choice.addEventListener('click', () => {
      state.phase = phase;
      for (const other of buttons) other.setAttribute('aria-pressed', String(other === choice));
    });
    return choice;
  });
  return h('fieldset', { class: 'journal-phases' }, h('legend', { text: t('journal.when') }), ...buttons);
}

async function voiceBox(ctx, state) {
  try {
    const { createVoiceRecorder } = await import('../../lib/capture/voice-recorder.js');
    return createVoiceRecorder(ctx, {
      onRecorded(blob, { mediaType } = {}) {
        state.voice = { blob, mediaType: mediaType ?? blob.type ?? 'audio/webm' };
      },
      onCleared() {
        state.voice = null;
      },
    });
  } catch {
    return h('p', { class: 'help', text: ctx.t('journal.noRecorder') });
  }
}

async function writeEntry(ctx, local, dossier, state, authorRole) {
  const id = uuidv7();
  let audioSha256 = null;
  if (state.voice) {
    audioSha256 = await sha256Hex(state.voice.blob);
    const extension = state.voice.mediaType.includes('mp4') ? 'm4a' : 'webm';
    await local.uploads.add(`${id}/body_audio_sha256`, state.voice.blob, {
      dossierId: dossier.id, filename: `journal.${extension}`, mediaType: state.voice.mediaType,
    });
  }
  const record = journalEntry({
    id, dossierId: dossier.id, authorRole, phase: state.phase,
    workSituation: state.situation, text: state.text, audioSha256,
  });
  await local.sync.put('journal_entry', record);
}

async function writeForm(ctx, local, dossier, entries, authorRole, redraw) {
  const { t } = ctx;
  const state = { phase: 'after', situation: '', text: '', voice: null };
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  const situations = workSituations(entries);
  const situation = h('input', { id: 'journal-situation', list: 'journal-situations', maxlength: 200, autocomplete: 'off',
    oninput: (event) => { state.situation = event.target.value; } });
  const text = h('textarea', { id: 'journal-text', rows: 3, oninput: (event) => { state.text = event.target.value; } });
  const send = button(t('journal.send'), { big: true, id: 'journal-send' });
  send.addEventListener('click', async () => {
    if (!state.text.trim() && !state.voice) {
      message.textContent = t('journal.sayFirst');
      return;
    }
    send.disabled = true;
    try {
      await writeEntry(ctx, local, dossier, state, authorRole);
      await redraw(t('journal.sent'));
    } catch (error) {
      message.textContent = problemText(t, error);
      send.disabled = false;
    }
  });
  return h(
    'form',
    { class: 'card journal-form', 'data-keep-open': true, onsubmit: (event) => event.preventDefault(), 'aria-labelledby': 'journal-write' },
    said('h2', t(authorRole === 'candidate' ? 'journal.write' : 'journal.writeTrainer'), { id: 'journal-write' }),
    phaseChooser(ctx, state),
    h('label', { for: 'journal-situation', text: t('journal.situation') }),
    situation,
    h('datalist', { id: 'journal-situations' }, ...situations.map((s) => h('option', { value: s }))),
    said('p', t('journal.voice'), { class: 'help' }),
    await voiceBox(ctx, state),
    h('label', { for: 'journal-text', text: t('journal.text') }),
    text,
    send,
    message,
  );
}

export async function journalScreen(ctx, [dossierId] = []) {
  const { t } = ctx;
  const local = await ctx.local();
  const dossier = dossierId ? await local.sync.queries.get('dossier', dossierId) : null;
  const root = h('section', { class: 'journal' });
  if (!dossier) {
    root.append(title(t('journal.missing')), linkButton(t('journal.home'), '#/home'));
    return root;
  }
  const isCandidate = dossier.candidate_id === ctx.session.person?.id;
  const authorRole = isCandidate ? 'candidate' : 'trainer';
  const draw = async (notice = '') => {
    const records = await local.sync.queries.listByDossier(dossier.id);
    const entries = records.filter((r) => r.type === 'journal_entry').map((r) => r.record);
    const cos = records.filter((r) => r.type === 'positioning' && r.record.kind === 'co' && !r.record.deleted);
    root.replaceChildren(
      title(t(isCandidate ? 'journal.titleMine' : 'journal.title')),
      notice ? said('p', notice, { class: 'message', role: 'status' }) : h('p', { class: 'message', role: 'status' }),
      await writeForm(ctx, local, dossier, entries, authorRole, draw),
      said('h2', t('journal.timeline')),
      await timeline(ctx, entries, authorRole),
      isCandidate ? null : evaluations(ctx, dossier, cos),
      h('div', { class: 'actions' }, linkButton(t('journal.back'), isCandidate ? '#/home' : `#/dossier/${dossier.id}`)),
    );
  };
  await draw();
  return root;
}

function evaluations(ctx, dossier, cos) {
  const { t } = ctx;
  const items = cos
    .map((c) => c.record)
    .sort((a, b) => String(a.taken_at).localeCompare(String(b.taken_at)))
    .map((c) => h('li', { text: t('journal.gridOn', { date: formatWhen(ctx.language, c.taken_at), count: c.items.length }) }));
  return h(
    'section',
    { class: 'card journal-grid', 'aria-labelledby': 'journal-grid-title' },
    said('h2', t('journal.grid'), { id: 'journal-grid-title' }),
    items.length ? h('ul', {}, ...items) : said('p', t('journal.gridNone'), { class: 'help' }),
    linkButton(t('journal.gridOpen'), `#/copositioning/${dossier.id}`),
  );
}
