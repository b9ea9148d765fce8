// Recording formats and the recorder's bookkeeping, with a fake MediaRecorder: which type is
// asked for, what the blob is called, how long it lasted.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { deviceProblem, otherSide } from '../src/lib/capture/camera.js';
import {
  AUDIO_TYPES, VIDEO_TYPES, baseType, chooseRecordingType, extensionOf, filenameFor, kindOf,
} from '../src/lib/capture/formats.js';
import { RecordingUnsupportedError, clock, startRecording } from '../src/lib/capture/recorder.js';

/** A MediaRecorder class that supports `types` and records the chunks handed to it. */
function fakeRecorder(types, chunks = []) {
  return class FakeRecorder extends EventTarget {
    static isTypeSupported = (type) => types.includes(type);
    static last = null;
    constructor(stream, options) {
      super();
      this.options = options;
      this.mimeType = options.mimeType ? `${options.mimeType}` : 'audio/webm;codecs=opus';
      this.state = 'inactive';
      FakeRecorder.last = this;
    }
    start(timeslice) {
      this.timeslice = timeslice;
      this.state = 'recording';
    }
    stop() {
      this.state = 'inactive';
      for (const data of chunks) this.dispatchEvent(Object.assign(new Event('dataavailable'), { data }));
      this.dispatchEvent(new Event('stop'));
    }
  };
}

test('the first supported type in order of preference is chosen', () => {
  const chromium = fakeRecorder(['audio/webm;codecs=opus', 'audio/webm', 'video/webm;codecs=vp8,opus', 'video/mp4']);
  assert.equal(chooseRecordingType('audio', chromium), 'audio/webm;codecs=opus');
  assert.equal(chooseRecordingType('video', chromium), 'video/webm;codecs=vp8,opus');
  const safari = fakeRecorder(['audio/mp4', 'video/mp4']);
  assert.equal(chooseRecordingType('audio', safari), 'audio/mp4');
  assert.equal(chooseRecordingType('video', safari), 'video/mp4');
  assert.equal(chooseRecordingType('video', fakeRecorder([])), '', 'none known: the browser picks');
  assert.equal(chooseRecordingType('audio', undefined), null, 'no MediaRecorder at all');
  assert.ok(AUDIO_TYPES.every((type) => type.startsWith('audio/')));
  assert.ok(VIDEO_TYPES.every((type) => type.startsWith('video/')));
});

test('media types name their kind, extension and file', () => {
  assert.equal(baseType('video/webm;codecs=vp9,opus'), 'video/webm');
  assert.equal(kindOf('image/jpeg'), 'photo');
  assert.equal(kindOf('video/mp4'), 'video');
  assert.equal(kindOf('audio/ogg;codecs=opus'), 'audio');
  assert.equal(kindOf('application/pdf'), 'document');
  assert.equal(extensionOf('audio/mp4'), 'm4a');
  assert.equal(extensionOf('video/webm;codecs=vp8'), 'webm');
  assert.equal(extensionOf('application/pdf'), 'pdf');
  assert.equal(extensionOf(''), 'bin');
  assert.equal(filenameFor('video', 'video/mp4', new Date('2026-11-23T10:00:00Z')), 'video-2026-11-23.mp4');
});

test('a recording gathers its chunks into one blob of the recorded type', async () => {
  const Recorder = fakeRecorder(['video/webm;codecs=vp8,opus'], [new Blob(['ab']), new Blob(['cde'])]);
  let clockMs = 1000;
  const recording = startRecording({}, { kind: 'video', Recorder, now: () => clockMs });
  assert.deepEqual(Recorder.last.options, { mimeType: 'video/webm;codecs=vp8,opus' });
  assert.equal(Recorder.last.timeslice, 1000);
  clockMs += 12_400;
  assert.equal(recording.elapsedSeconds(), 12);
  const { blob, mediaType, seconds } = await recording.stop();
  assert.equal(mediaType, 'video/webm');
  assert.equal(blob.type, 'video/webm');
  assert.equal(await blob.text(), 'abcde');
  assert.equal(seconds, 12);
});

test('no MediaRecorder: recording says it is unsupported', () => {
  assert.throws(() => startRecording({}, { kind: 'audio', Recorder: undefined }), RecordingUnsupportedError);
});

test('device errors become one of four words', () => {
  const named = (name) => Object.assign(new Error(name), { name });
  assert.equal(deviceProblem(named('NotAllowedError')), 'refused');
  assert.equal(deviceProblem(named('NotFoundError')), 'missing');
  assert.equal(deviceProblem(named('NotReadableError')), 'busy');
  assert.equal(deviceProblem(new RecordingUnsupportedError('audio')), 'unsupported');
  assert.equal(otherSide('user'), 'environment');
  assert.equal(otherSide('environment'), 'user');
});

test('the clock shows minutes and seconds, hours past an hour', () => {
  assert.equal(clock(0), '0:00');
  assert.equal(clock(65), '1:05');
  assert.equal(clock(3723), '1:02:03');
});
