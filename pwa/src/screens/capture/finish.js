/* #/capture/<evidenceId>: a capture from its preview to "C'est gardé !". Each answer is saved in
 * the draft at once, so this screen also finishes a capture left half-way (a reload, a killed
 * tab): it opens at the first question not yet answered. When all is answered the evidence is
 * put once (append-only) and the draft removed. */

import { h, messageArea, said } from '../../lib/dom.js';
import { pictureButton } from '../../lib/capture/buttons.js';
import { draftStore } from '../../lib/capture/drafts.js';
import { captionKey, currentStep, evidenceRecord, sha256Hex } from '../../lib/capture/evidence.js';
import { extensionOf } from '../../lib/capture/formats.js';
import { ACTIVE_STATUSES, dossiersOf, frameworkOf } from '../../lib/dossier-data.js';
import { markIdle } from '../../lib/shell/activity.js';
import { title } from '../parts.js';
import { ROUTE_OF_KIND, busyWhileHere, homeButton } from './common.js';
import { blockStep, competencyStep, dossierStep } from './link.js';
import { previewStep } from './preview.js';
import { captionStep, peopleStep } from './questions.js';
import { keptOnDevice } from '../../lib/uploads/kept.js';

export async function finishScreen(ctx, [evidenceId] = []) {
  const { t } = ctx;
  const store = draftStore();
  const message = messageArea();
  const body = h('div', { class: 'capture-body' });
  const screen = h('section', { class: 'capture-screen capture-finish' }, message.element, body);
  let draft = await store.get(evidenceId);
  if (!draft || draft.personId !== ctx.session.person.id) {
    body.append(title(t('capture.finish.missingTitle')), said('p', t('capture.finish.missing')), homeButton(ctx));
    return screen;
  }
  busyWhileHere(`capture-${evidenceId}`);
  const local = await ctx.local();

  // Saves in order, each with the draft as it is then: a word typed just before "J'ai fini" is
  // not overwritten by an older copy.
  let writing = Promise.resolve();
  const persist = () => (writing = writing.then(() => store.save(draft)));
  const save = async (changes) => {
    draft = { ...draft, ...changes };
    await persist();
    return show();
  };
  const activeDossiers = async () => {
    const dossiers = await dossiersOf(local.sync.queries, draft.personId);
    const open = dossiers.filter((dossier) => ACTIVE_STATUSES.has(dossier.status));
    return Promise.all(open.map(async (dossier) => ({ dossier, framework: await frameworkOf(local.sync.queries, dossier) })));
  };
  const dossierOfDraft = async () => {
    const dossier = await local.sync.queries.get('dossier', draft.dossierId);
    return { dossier, framework: dossier ? await frameworkOf(local.sync.queries, dossier) : null };
  };

  const steps = {
    preview: () =>
      previewStep(ctx, draft, {
        onKeep: async () => {
          const dossiers = await activeDossiers();
          await save({ kept: true, dossierId: dossiers.length === 1 ? dossiers[0].dossier.id : null });
        },
        onRetake: async () => {
          await store.remove(draft.id);
          ctx.go(ROUTE_OF_KIND[draft.kind], [], { replace: true });
        },
      }),
    dossier: async () => dossierStep(ctx, await activeDossiers(), { onChoose: (dossierId) => save({ dossierId }) }),
    upload: async () => {
      const sha256 = await sha256Hex(draft.blob);
      await toUploads(draft.id, draft.blob, sha256, { filename: draft.filename, mediaType: draft.mediaType });
      return save({ sha256, blob: null });
    },
    competency: async () => {
      const { framework } = await dossierOfDraft();
      const block = framework?.blocks.find((candidate) => candidate.key === draft.blockKey);
      const onCompetencies = (competencyIds) => save({ competencyIds, blockKey: null });
      if (!framework?.blocks.length) return save({ competencyIds: [] });
      if (block) return competencyStep(ctx, block, { onCompetencies, onBack: () => save({ blockKey: null }) });
      return blockStep(ctx, framework, { onBlock: (blockKey) => save({ blockKey }), onCompetencies });
    },
    people: () => peopleStep(ctx, { onAnswer: (peopleInPicture) => save({ peopleInPicture }) }),
    caption: () =>
      captionStep(ctx, draft, {
        onVoice: (blob, { mediaType }) => keepCaptionVoice(blob, mediaType),
        onVoiceCleared: () => {
          // Not redrawn: the recorder is already recording the new message.
          draft = { ...draft, captionBlob: null, captionAudioSha256: null };
          persist().catch((error) => console.error('caption not saved', error));
        },
        // Typed words are saved as they come, without redrawing the screen under the fingers.
        onText: (captionText) => {
          draft = { ...draft, captionText };
          persist().catch((error) => console.error('caption not saved', error));
        },
        onDone: () => save({ captionDone: true }),
      }),
    done: async () => {
      if (draft.captionBlob) {
        const { captionBlob: blob, captionAudioSha256: sha256, captionMediaType: mediaType } = draft;
        const filename = `legende.${extensionOf(mediaType)}`;
        await toUploads(captionKey(draft.id), blob, sha256, { filename, mediaType });
        draft = { ...draft, captionBlob: null };
        await persist();
      }
      // A reload between the put and the draft's removal must not put the same evidence twice.
      if (!(await local.sync.queries.get('evidence', draft.id))) {
        await local.sync.put('evidence', evidenceRecord(draft));
      }
      await store.remove(draft.id);
      markIdle(`capture-${evidenceId}`); // nothing left half-way: an update may come now
      return doneView();
    },
  };

  /**
   * A medium moves to the upload queue, which keeps it in its own database and sends it; not
   * twice when a reload came between the move and the draft's saving.
   */
  async function toUploads(key, blob, sha256, { filename, mediaType }) {
    const known = await local.uploads.status(key);
    if (known?.sha256 === sha256) return;
    await keptOnDevice(local.uploads, key, blob, { dossierId: draft.dossierId, filename, mediaType });
  }

  /**
   * The spoken caption stays in the draft until "J'ai fini", so that one told again replaces it
   * on the tablet and only the last one is sent. Not redrawn: the recorder stays, to listen or
   * to redo.
   */
  async function keepCaptionVoice(blob, mediaType) {
    const sha256 = await sha256Hex(blob);
    const type = (mediaType || blob.type || 'audio/webm').split(';')[0];
    draft = { ...draft, captionBlob: blob, captionMediaType: type, captionAudioSha256: sha256 };
    await persist();
  }

  function doneView() {
    const again = ROUTE_OF_KIND[draft.kind];
    return h(
      'div',
      { class: 'capture-step capture-done' },
      title(t('capture.done.title')),
      said('p', t('capture.done.text')),
      h(
        'div',
        { class: 'capture-buttons' },
        homeButton(ctx, t('capture.done.home')),
        pictureButton(t(`capture.done.again.${again}`), again, { kind: 'secondary', onclick: () => ctx.go(again) }),
      ),
    );
  }

  let drawn = false;
  async function show() {
    message.clear();
    try {
      const node = await steps[currentStep(draft)]();
      if (!node) return; // the step moved on by itself (saved and showed the next one)
      body.replaceChildren(node);
      if (drawn) body.querySelector('h1')?.focus();
      drawn = true;
    } catch (error) {
      console.error(error);
      message.problem(t('capture.problem.notKept'));
      body.replaceChildren(retryView());
    }
  }

  function retryView() {
    return h(
      'div',
      { class: 'capture-step' },
      title(t('capture.problem.title')),
      h('div', { class: 'capture-buttons' }, pictureButton(t('capture.problem.retry'), 'redo', { onclick: () => show() }), homeButton(ctx)),
    );
  }

  await show();
  return screen;
}
