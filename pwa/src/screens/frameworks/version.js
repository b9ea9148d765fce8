/* One framework version (#/framework/<versionId>): its statements, official and easy-to-read.
 * A draft of the person's structure can be edited: the easy wording, the pictogram (a shipped
 * one, or a photo of the real workstation), the recorded audio; then published. A published
 * version never changes: "Make a new version" copies it as a draft with a new version label, and
 * the dossiers opened on the old version keep it. Every change goes through sync.put. */

import { h, said } from '../../lib/dom.js';
import { draftOf, easyField, officialWords, statements, takenLabels, withField } from '../../lib/frameworks/edit.js';
import { structuresWhere } from '../../lib/session.js';
import { uuidv7 } from '../../lib/sync/uuid.js';
import { button, linkButton, problemText, title } from '../parts.js';
import { frameworkPicture, pictogramGrid, sendMedia, shippedCodes } from './picture.js';

function editable(ctx, record) {
  return record.status === 'draft' && structuresWhere(ctx.session.roles).includes(record.structure_id);
}

/** The panel under one statement: the pictogram grid, a photo, a voice. */
async function toolsFor(ctx, state, entry, redraw) {
  const { t } = ctx;
  const field = h('div', { class: 'framework-tools', 'data-keep-open': true });
  const codes = [...new Set([...(await shippedCodes()), ...usedCodes(state.document)])];
  const pick = (ref) => {
    state.document = withField(state.document, entry.pointer, 'pictogram', ref);
    state.dirty = true;
    redraw(entry.pointer);
  };
  const photoId = `photo-${entry.kind}-${entry.key}`;
  const photo = h('input', { type: 'file', accept: 'image/*', capture: 'environment', id: photoId, class: 'visually-hidden' });
  const status = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  photo.addEventListener('change', async () => {
    const file = photo.files?.[0];
    if (!file) return;
    status.textContent = t('frameworks.photo.sending');
    try {
      pick(`photo:${await sendMedia(ctx, file, state.record.structure_id)}`);
    } catch (error) {
      status.textContent = error.title ?? t('frameworks.photo.failed');
    }
  });
  field.append(
    said('h3', t('frameworks.pictogram.title')),
    pictogramGrid(t, codes, entry.item.pictogram, pick),
    h('label', { for: photoId, class: 'button button-secondary', text: t('frameworks.photo.take') }),
    photo,
    status,
  );
  field.append(await voiceFor(ctx, state, entry, status));
  return field;
}

async function voiceFor(ctx, state, entry, status) {
  const { t } = ctx;
  const box = h('div', { class: 'framework-voice' }, said('h3', t('frameworks.voice.title')));
  try {
    const { createVoiceRecorder } = await import('../../lib/capture/voice-recorder.js');
    box.append(createVoiceRecorder(ctx, {
      async onRecorded(blob) {
        status.textContent = t('frameworks.voice.sending');
        try {
          const sha = await sendMedia(ctx, blob, state.record.structure_id);
          state.document = withField(state.document, entry.pointer, 'audio_sha256', sha);
          state.dirty = true;
          status.textContent = t('frameworks.voice.kept');
        } catch (error) {
          status.textContent = error.title ?? t('frameworks.voice.failed');
        }
      },
    }));
  } catch {
    box.append(h('p', { class: 'help', text: t('frameworks.voice.unavailable') }));
  }
  return box;
}

function usedCodes(document) {
  return statements(document)
    .map((entry) => /^openmoji:(.+)$/.exec(entry.item.pictogram ?? '')?.[1])
    .filter(Boolean);
}

function statementRow(ctx, state, entry, canEdit, openTools) {
  const { t } = ctx;
  const id = `easy-${entry.kind}-${entry.key}`;
  const easy = entry.item[easyField(entry.kind)] ?? '';
  const words = canEdit
    ? [
      h('label', { for: id, text: t('frameworks.easy.label') }),
      h('textarea', {
        id, rows: 2, maxlength: 160, class: 'framework-easy', 'data-pointer': entry.pointer,
        oninput: (event) => {
          state.document = withField(state.document, entry.pointer, easyField(entry.kind), event.target.value.replace(/\s*\n\s*/g, ' '));
          state.dirty = true;
        },
      }, easy),
    ]
    : [said('p', easy, { class: 'framework-easy-text' })];
  return h(
    'li',
    { class: `framework-item framework-item-${entry.kind}`, 'data-pointer': entry.pointer },
    frameworkPicture(entry.item.pictogram, { alt: '' }),
    h('div', { class: 'framework-words' },
      h('p', { class: 'framework-kind', text: t(`frameworks.kind.${entry.kind}`) }),
      h('p', { class: 'framework-official', text: officialWords(entry.kind, entry.item) }),
      ...words,
      entry.item.audio_sha256 ? h('p', { class: 'fact', text: t('frameworks.voice.has') }) : null,
      canEdit
        ? button(t('frameworks.pictogram.open'), { kind: 'secondary', 'aria-expanded': 'false', onclick: (event) => openTools(entry, event.currentTarget) })
        : null),
  );
}

/**
 * Queue the draft with its document (and a new status): on the device's latest copy, so the change
 * is made on the rev the server last gave (a change on no rev would come back as a conflict).
 */
async function putDraft(sync, state, changes = {}) {
  const fresh = (await sync.queries.get('framework_version', state.record.id)) ?? state.record;
  const record = { ...fresh, document: state.document, ...changes };
  await sync.put('framework_version', record);
  state.record = record;
  state.dirty = false;
}

function actionsFor(ctx, sync, state, notice) {
  const { t } = ctx;
  const { record } = state;
  const mine = structuresWhere(ctx.session.roles);
  if (editable(ctx, record)) {
    const save = button(t('frameworks.save'), { id: 'framework-save', onclick: async () => {
      await putDraft(sync, state);
      notice(t('frameworks.saved'));
    } });
    const publish = button(t('frameworks.publish'), { id: 'framework-publish', onclick: async () => {
      try {
        await putDraft(sync, state, { status: 'published' });
        ctx.go('framework', [record.id], { replace: true, notice: t('frameworks.published', { version: state.document.version }) });
      } catch (error) {
        notice(problemText(t, error));
      }
    } });
    return [save, publish];
  }
  if (!ctx.session.isStaff || !mine.length) return [];
  const copy = button(t('frameworks.newVersion'), { id: 'framework-new-version', onclick: async () => {
    const all = await sync.queries.listByType('framework_version');
    const draft = draftOf(record, {
      id: uuidv7(), structureId: mine[0], takenLabels: takenLabels(all, record.document.slug, mine[0]),
    });
    await sync.put('framework_version', draft);
    ctx.go('framework', [draft.id], { notice: t('frameworks.draftMade', { version: draft.document.version }) });
  } });
  return [copy];
}

export async function frameworkScreen(ctx, [versionId] = [], { notice: arrived = '' } = {}) {
  const { t } = ctx;
  const { sync } = await ctx.local();
  const record = versionId ? await sync.queries.get('framework_version', versionId) : null;
  if (!record?.document) {
    return h('section', {}, title(t('frameworks.missing')), linkButton(t('frameworks.back'), '#/frameworks'));
  }
  const state = { record, document: record.document, dirty: false };
  const canEdit = editable(ctx, record);
  const message = h('p', { class: 'message', role: 'status', 'aria-live': 'polite', text: arrived });
  const notice = (text) => {
    message.textContent = text;
  };
  const list = h('ol', { class: 'framework-items', 'aria-labelledby': 'framework-statements' });
  let open = null;
  const openTools = async (entry, opener) => {
    open?.panel.remove();
    open?.opener.setAttribute('aria-expanded', 'false');
    if (open?.pointer === entry.pointer) {
      open = null;
      return;
    }
    const panel = await toolsFor(ctx, state, entry, redraw);
    opener.closest('li').append(panel);
    opener.setAttribute('aria-expanded', 'true');
    open = { pointer: entry.pointer, panel, opener };
  };
  const redraw = (focusPointer) => {
    open = null;
    const rows = statements(state.document).map((entry) => statementRow(ctx, state, entry, canEdit, openTools));
    list.replaceChildren(...rows);
    list.querySelector(`li[data-pointer="${focusPointer}"] button`)?.focus();
  };
  redraw();
  const { document } = record;
  return h(
    'section',
    { class: 'framework-version' },
    title(t('frameworks.versionTitle', { title: document.title, version: document.version })),
    h('p', { class: `framework-status framework-status-${record.status}`, text: t(`frameworks.status.${record.status}`) }),
    said('p', t(canEdit ? 'frameworks.draftHelp' : 'frameworks.publishedHelp'), { class: 'help' }),
    message,
    h('div', { class: 'actions' }, ...actionsFor(ctx, sync, state, notice)),
    said('h2', t('frameworks.statements'), { id: 'framework-statements' }),
    list,
    h('div', { class: 'actions' }, linkButton(t('frameworks.back'), '#/frameworks')),
  );
}
