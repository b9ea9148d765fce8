/* Read-aloud: many candidates do not read, so every text they need can be heard.
 *
 *   row.append(readAloudButton(ctx, { text: statement.easy_text, audioSha256: statement.audio }));
 *
 * In order: the framework's recorded audio (a real voice, the structure's own words), else the
 * device's voices (speechSynthesis, which works with no network on tablets that have one), else a
 * sign in words that this tablet has no voice, so that nobody presses a silent button forever. */

import { h } from './dom.js';
import { mediaSource } from './media-source.js';

const SPEAKER = ['M3 9v6h4l5 5V4L7 9H3z', 'M16.5 12a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4z',
  'M14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z'];
// How long to wait for the device's voices to load; Chromium lists them only after a moment.
const VOICES_WAIT_MS = 1500;

export function canReadAloud() {
  return 'speechSynthesis' in globalThis && 'SpeechSynthesisUtterance' in globalThis;
}

const BCP47 = { fr: 'fr-FR', en: 'en-GB' };

/** The device's voices, once loaded (they arrive with `voiceschanged`); [] when there are none. */
export function loadVoices(synth = globalThis.speechSynthesis, waitMs = VOICES_WAIT_MS) {
  if (!synth) return Promise.resolve([]);
  const now = synth.getVoices();
  if (now.length) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      synth.removeEventListener?.('voiceschanged', done);
      resolve(synth.getVoices());
    };
    const timer = setTimeout(done, waitMs);
    synth.addEventListener?.('voiceschanged', done);
  });
}

/** The best voice for a language ("fr"): its local voice first, then any of that language. */
export function chooseVoice(voices, language) {
  const ofLanguage = voices.filter((voice) => voice.lang?.toLowerCase().startsWith(language));
  const exact = ofLanguage.filter((voice) => voice.lang.toLowerCase() === BCP47[language]?.toLowerCase());
  const pool = exact.length ? exact : ofLanguage;
  return pool.find((voice) => voice.localService) ?? pool[0] ?? null;
}

let playing = null; // the <audio> on the go, so that a new press stops the one before

function stopAll() {
  playing?.pause();
  playing = null;
  if (canReadAloud()) speechSynthesis.cancel();
}

/** Speak `text` with the device's voice for `language`; false when it has none. */
export async function speak(text, language) {
  if (!canReadAloud()) return false;
  const voice = chooseVoice(await loadVoices(), language);
  if (!voice) return false;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = voice;
  utterance.lang = voice.lang;
  utterance.rate = 0.9;
  speechSynthesis.speak(utterance);
  return true;
}

/** Play a recorded medium; false when it cannot be played here (not on the device, no network). */
async function playRecorded(ctx, { audioSha256, audioKey, audioUrl }) {
  const url = audioUrl ?? (await mediaSource(ctx, { key: audioKey, sha256: audioSha256 }));
  if (!url) return false;
  const audio = new Audio(url);
  playing = audio;
  try {
    await audio.play();
    return true;
  } catch {
    if (playing === audio) playing = null;
    return false;
  }
}

function speakerIcon() {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'pictogram');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of SPEAKER) {
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

/**
 * A big speaker button that reads `text` (or plays `audioSha256`, the recorded audio, with
 * `audioKey` its key on the device when it was recorded here; or `audioUrl`, a framework's
 * recorded statement). `label` names what it reads for screen readers when several buttons
 * share a screen ("Écouter : Prendre une photo").
 */
export function readAloudButton(
  ctx, { text, audioSha256 = null, audioKey = null, audioUrl = null, label = null, big = true } = {},
) {
  const sign = h('span', { class: 'read-aloud-sign', role: 'status' });
  const name = label ? `${ctx.t('readAloud.button')} : ${label}` : ctx.t('readAloud.button');
  const button = h(
    'button',
    { type: 'button', class: `button read-aloud-button${big ? ' button-big' : ''}`, 'aria-label': name },
    speakerIcon(),
    h('span', { text: ctx.t('readAloud.button') }),
  );
  button.addEventListener('click', async () => {
    stopAll();
    sign.textContent = '';
    const recorded = audioSha256 || audioKey || audioUrl;
    if (recorded && (await playRecorded(ctx, { audioSha256, audioKey, audioUrl }))) return;
    if (text && (await speak(text, ctx.language))) return;
    sign.textContent = ctx.t('candidate.noVoice');
  });
  return h('span', { class: 'read-aloud' }, button, sign);
}

/** Speak the text of the elements marked data-read-aloud, in order, in the page's language. */
export function readAloud(root, language) {
  const text = [...root.querySelectorAll('[data-read-aloud]')]
    .map((element) => element.textContent.trim())
    .filter(Boolean)
    .join(' ');
  // A second press restarts rather than queueing the same words twice.
  stopAll();
  speak(text, language);
}
