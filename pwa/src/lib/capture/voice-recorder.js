/* The voice recorder every area uses (a voice note, a spoken caption, an answer by voice, a
 * comment): big record / stop / listen / redo buttons, the time elapsed in view, no time limit.
 *
 *   box.append(createVoiceRecorder(ctx, {
 *     onRecorded(blob, { mediaType, seconds }) { ... },   // each time a recording ends
 *     onCleared() { ... },                                 // optional: "redo" threw it away
 *   }));
 *
 * With no microphone, or when the permission is refused, a sentence says so, and a button
 * offers a sound file from the tablet instead (<input type="file" accept="audio/*" capture>). */

import { h } from '../dom.js';
import { markBusy, markIdle } from '../shell/activity.js';
import { pictureButton, showOnly } from './buttons.js';
import { deviceProblem, openMicrophone, stopStream } from './camera.js';
import { filePicker } from './file-input.js';
import { baseType } from './formats.js';
import { clock, startRecording } from './recorder.js';

let counter = 0;

/** The recorder element; `element.reset()` brings it back to its first state. */
export function createVoiceRecorder(ctx, { onRecorded = () => {}, onCleared = () => {}, label = null } = {}) {
  const { t } = ctx;
  const busyName = `voice-${++counter}`;
  const state = h('p', { class: 'capture-state', role: 'status', 'aria-live': 'polite' });
  const time = h('p', { class: 'capture-clock', role: 'timer', 'aria-label': t('capture.voice.elapsed') }, '0:00');
  const player = h('audio', { class: 'capture-player', preload: 'auto' });
  let recording = null;
  let stream = null;
  let ticker = null;
  let url = null;

  const setState = (name, words) => {
    element.dataset.state = name;
    state.textContent = words;
  };
  const release = () => {
    clearInterval(ticker);
    ticker = null;
    stopStream(stream);
    stream = null;
    markIdle(busyName);
  };

  const buttons = {
    record: pictureButton(t('capture.voice.record'), 'record', { onclick: () => record() }),
    stop: pictureButton(t('capture.voice.stop'), 'stop', { onclick: () => stop() }),
    listen: pictureButton(t('capture.voice.listen'), 'listen', { onclick: () => listen() }),
    redo: pictureButton(t('capture.voice.redo'), 'redo', { kind: 'secondary', onclick: () => redo() }),
  };
  const picker = filePicker(ctx, {
    accept: 'audio/*',
    capture: true,
    label: t('capture.voice.file'),
    picture: 'file',
    onFile: (file) => delivered(file, baseType(file.type) || 'audio/mpeg', null),
  });
  picker.hidden = true;

  let starting = false;

  async function record() {
    if (starting || recording) return; // a second press while starting starts nothing more
    starting = true;
    player.pause();
    buttons.record.disabled = true;
    markBusy(busyName);
    try {
      stream = await openMicrophone();
      recording = startRecording(stream, { kind: 'audio' });
    } catch (error) {
      release();
      buttons.record.disabled = false;
      return problem(deviceProblem(error));
    } finally {
      starting = false;
    }
    buttons.record.disabled = false;
    time.textContent = clock(0);
    const shown = recording;
    clearInterval(ticker);
    ticker = setInterval(() => (time.textContent = clock(shown.elapsedSeconds())), 500);
    setState('recording', t('capture.voice.recording'));
    showOnly(buttons, ['stop']);
    buttons.stop.focus();
    // Leaving the screen while recording lets the microphone go (nothing is kept).
    window.addEventListener('hashchange', abandon, { once: true });
  }

  async function stop() {
    window.removeEventListener('hashchange', abandon);
    buttons.stop.disabled = true;
    const ending = recording;
    recording = null;
    let made;
    try {
      made = await ending.stop();
    } finally {
      // The microphone and the clock go before "Refaire" shows: a new recording started at once
      // must not be stopped by this one's end.
      buttons.stop.disabled = false;
      release();
    }
    time.textContent = clock(made.seconds);
    await delivered(made.blob, made.mediaType, made.seconds);
  }

  async function delivered(blob, mediaType, seconds) {
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(blob);
    player.src = url;
    setState('recorded', t('capture.voice.recorded'));
    showOnly(buttons, ['listen', 'redo']);
    picker.hidden = true;
    buttons.listen.focus();
    await onRecorded(blob, { mediaType, seconds: seconds ?? (Number.isFinite(player.duration) ? player.duration : null) });
  }

  function listen() {
    player.currentTime = 0;
    player.play().catch(() => setState('recorded', t('capture.voice.cannotPlay')));
  }

  function redo() {
    player.pause();
    onCleared();
    reset();
    record();
  }

  function abandon() {
    recording?.cancel();
    recording = null;
    release();
    reset();
  }

  function problem(kind) {
    setState('problem', t(`capture.device.${kind}`));
    state.setAttribute('role', 'alert');
    showOnly(buttons, ['record']);
    picker.hidden = false;
  }

  function reset() {
    player.removeAttribute('src');
    if (url) URL.revokeObjectURL(url);
    url = null;
    time.textContent = clock(0);
    state.setAttribute('role', 'status');
    setState('ready', t('capture.voice.ready'));
    showOnly(buttons, ['record']);
    picker.hidden = true;
  }

  const element = h(
    'div',
    { class: 'voice-recorder', role: 'group', 'aria-label': label ?? t('capture.voice.group') },
    state,
    time,
    h('div', { class: 'capture-buttons' }, ...Object.values(buttons)),
    picker,
    player,
  );
  element.reset = reset;
  reset();
  return element;
}
