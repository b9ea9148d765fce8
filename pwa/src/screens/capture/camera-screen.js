/* Taking a photo or filming: the camera's live view, one big button to take (or to start and
 * stop filming, with the time elapsed and no limit), a button to turn to the other camera, and
 * the tablet's own camera app when the page cannot use the camera. */

import { h, messageArea, said } from '../../lib/dom.js';
import { pictureButton, showOnly } from '../../lib/capture/buttons.js';
import { countCameras, deviceProblem, openCamera, otherSide, stopStream } from '../../lib/capture/camera.js';
import { filePicker } from '../../lib/capture/file-input.js';
import { baseType, canRecord, kindOf } from '../../lib/capture/formats.js';
import { PHOTO_TYPE, takeStill } from '../../lib/capture/photo.js';
import { clock, startRecording } from '../../lib/capture/recorder.js';
import { readAloudButton } from '../../lib/read-aloud.js';
import { title } from '../parts.js';
import { busyWhileHere, homeButton, onLeave, startDraft, unfinishedOffer } from './common.js';

/** The screen for `kind`: 'photo' or 'video'. */
export async function cameraScreen(ctx, kind) {
  const { t } = ctx;
  const message = messageArea();
  const view = h('video', {
    class: 'capture-view',
    autoplay: true,
    muted: true,
    playsinline: true,
    'aria-label': t('capture.camera.view'),
  });
  view.muted = true; // the attribute alone does not mute a live view in every browser
  const state = h('p', { class: 'capture-state', role: 'status', 'aria-live': 'polite' });
  const time = h('p', { class: 'capture-clock', role: 'timer', 'aria-label': t('capture.voice.elapsed'), hidden: true });
  let stream = null;
  let facing = 'environment';
  let recording = null;
  let ticker = null;

  const release = () => {
    clearInterval(ticker);
    recording?.cancel();
    recording = null;
    stopStream(stream);
    stream = null;
    view.srcObject = null;
  };
  onLeave(release);
  busyWhileHere(`capture-${kind}`);

  const picker = filePicker(ctx, {
    accept: kind === 'photo' ? 'image/*' : 'video/*',
    capture: 'environment',
    label: t(`capture.${kind}.file`),
    picture: kind,
    onFile: (file) => {
      const mediaType = baseType(file.type) || (kind === 'photo' ? PHOTO_TYPE : 'video/mp4');
      const fileKind = ['photo', 'video'].includes(kindOf(mediaType)) ? kindOf(mediaType) : kind;
      release();
      return keep({ kind: fileKind, blob: file, mediaType });
    },
  });
  picker.hidden = true;

  const buttons = {
    take: pictureButton(t('capture.photo.take'), 'photo', { onclick: () => takePhoto() }),
    record: pictureButton(t('capture.video.record'), 'record', { onclick: () => startFilming() }),
    stop: pictureButton(t('capture.video.stop'), 'stop', { onclick: () => stopFilming() }),
    turn: pictureButton(t('capture.camera.turn'), 'turn', { kind: 'secondary', onclick: () => turn() }),
  };
  const ready = kind === 'photo' ? ['take'] : ['record'];

  async function keep(taken) {
    try {
      await startDraft(ctx, taken);
    } catch (error) {
      console.error(error);
      message.problem(t('capture.problem.notKept'));
    }
  }

  async function open() {
    stopStream(stream);
    try {
      if (kind === 'video' && !canRecord()) throw Object.assign(new Error('no MediaRecorder'), { name: 'TypeError' });
      stream = await openCamera({ facing, audio: kind === 'video' });
      view.srcObject = stream;
      await view.play().catch(() => {});
      state.textContent = t(`capture.${kind}.ready`);
      showOnly(buttons, (await countCameras()) > 1 ? [...ready, 'turn'] : ready);
      picker.hidden = true;
    } catch (error) {
      stream = null;
      showOnly(buttons, []);
      view.hidden = true;
      state.textContent = '';
      message.problem(`${t(`capture.device.${deviceProblem(error)}`)} ${t(`capture.${kind}.useFile`)}`);
      picker.hidden = false;
    }
  }

  async function takePhoto() {
    buttons.take.disabled = true;
    try {
      const blob = await takeStill(view);
      release();
      await keep({ kind: 'photo', blob, mediaType: PHOTO_TYPE });
    } catch (error) {
      console.error(error);
      message.problem(t('capture.problem.notKept'));
    } finally {
      buttons.take.disabled = false;
    }
  }

  function startFilming() {
    try {
      recording = startRecording(stream, { kind: 'video' });
    } catch (error) {
      message.problem(`${t(`capture.device.${deviceProblem(error)}`)} ${t('capture.video.useFile')}`);
      picker.hidden = false;
      return;
    }
    time.hidden = false;
    time.textContent = clock(0);
    ticker = setInterval(() => (time.textContent = clock(recording.elapsedSeconds())), 500);
    state.textContent = t('capture.video.recording');
    view.classList.add('capture-view-recording');
    showOnly(buttons, ['stop']);
    buttons.stop.focus();
  }

  async function stopFilming() {
    buttons.stop.disabled = true;
    clearInterval(ticker);
    try {
      const { blob, mediaType } = await recording.stop();
      recording = null;
      release();
      await keep({ kind: 'video', blob, mediaType });
    } catch (error) {
      console.error(error);
      message.problem(t('capture.problem.notKept'));
    } finally {
      buttons.stop.disabled = false;
    }
  }

  async function turn() {
    facing = otherSide(facing);
    await open();
  }

  const instruction = t(`capture.${kind}.instruction`);
  const screen = h(
    'section',
    { class: `capture-screen capture-${kind}` },
    title(t(`capture.${kind}.title`)),
    h('div', { class: 'capture-instruction' }, said('p', instruction), readAloudButton(ctx, { text: instruction, big: false })),
    await unfinishedOffer(ctx),
    message.element,
    h('div', { class: 'capture-frame' }, view),
    state,
    time,
    h('div', { class: 'capture-buttons' }, ...Object.values(buttons)),
    picker,
    h('div', { class: 'capture-buttons' }, homeButton(ctx)),
  );
  showOnly(buttons, []);
  open();
  return screen;
}

export const photoScreen = (ctx) => cameraScreen(ctx, 'photo');
export const videoScreen = (ctx) => cameraScreen(ctx, 'video');
