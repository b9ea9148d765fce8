// A capture's draft from the medium taken to the evidence record: the steps in order, the draft
// store (over a Map standing in for IndexedDB), and the record, valid against its schema.
import assert from 'node:assert/strict';
import { createHash, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { draftStore, unfinishedCaptures } from '../src/lib/capture/drafts.js';
import {
  captionKey, currentStep, evidenceRecord, newDraft, questionSteps, sha256Hex,
} from '../src/lib/capture/evidence.js';
import { ajv } from './helpers.js';

const PERSON = '0190a6a4-1c2b-7def-8a00-000000000001';
const DOSSIER = '0190a6a4-1c2b-7def-8a00-000000000002';
const COMPETENCY = '0190a6a4-1c2b-7def-8a00-000000000003';
const SHA = 'a'.repeat(64);

function draftOf(kind, extra = {}) {
  return {
    ...newDraft({
      id: '0190a6a4-1c2b-7def-8a00-0000000000aa',
      personId: PERSON,
      kind,
      blob: new Blob(['x']),
      mediaType: kind === 'photo' ? 'image/jpeg' : `${kind === 'audio' ? 'audio' : 'video'}/webm`,
      filename: 'f',
      capturedAt: new Date('2026-11-23T10:00:00Z'),
    }),
    ...extra,
  };
}

/** A Map with the IndexedDB backend's interface. */
function memoryBackend() {
  const rows = new Map();
  return {
    rows,
    get: async (id) => rows.get(id),
    put: async (draft) => void rows.set(draft.id, structuredClone(draft)),
    delete: async (id) => void rows.delete(id),
    all: async () => [...rows.values()],
  };
}

function evidenceValidator() {
  const root = new URL('../../shared_schemas/', import.meta.url);
  const read = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
  const validator = new ajv.Ajv2020({ allErrors: true, strict: false });
  ajv.addFormats(validator);
  validator.addSchema(read('common.schema.json'));
  return validator.compile(read('records/evidence.schema.json'));
}

test('a photo goes preview, dossier, upload, competency, people, caption, done', () => {
  let draft = draftOf('photo');
  const seen = [];
  const answers = {
    preview: { kept: true },
    dossier: { dossierId: DOSSIER },
    upload: { sha256: SHA, blob: null },
    competency: { competencyIds: [COMPETENCY] },
    people: { peopleInPicture: 'someone_consenting' },
    caption: { captionDone: true },
  };
  while (currentStep(draft) !== 'done') {
    const step = currentStep(draft);
    seen.push(step);
    draft = { ...draft, ...answers[step] };
  }
  assert.deepEqual(seen, ['preview', 'dossier', 'upload', 'competency', 'people', 'caption']);
  assert.deepEqual(questionSteps(draft), ['competency', 'people', 'caption']);
});

test('a voice message is not asked who is in the picture', () => {
  const draft = draftOf('audio', { kept: true, dossierId: DOSSIER, sha256: SHA, competencyIds: [] });
  assert.equal(draft.peopleInPicture, 'nobody');
  assert.equal(currentStep(draft), 'caption');
  assert.deepEqual(questionSteps(draft), ['competency', 'caption']);
});

test('"I do not know" answers the competency question with an empty list', () => {
  const draft = draftOf('video', { kept: true, dossierId: DOSSIER, sha256: SHA, competencyIds: [] });
  assert.equal(currentStep(draft), 'people');
});

test('the record built is a valid evidence, named by the hash of its medium', async () => {
  const validate = evidenceValidator();
  const bytes = new TextEncoder().encode('a photo');
  const sha256 = await sha256Hex(new Blob([bytes]), webcrypto.subtle);
  assert.equal(sha256, createHash('sha256').update(bytes).digest('hex'));
  const draft = draftOf('photo', {
    kept: true, dossierId: DOSSIER, sha256, blob: null, competencyIds: [COMPETENCY],
    peopleInPicture: 'someone_not_asked', captionText: '  Je coupe.  ', captionAudioSha256: SHA,
    captionDone: true,
  });
  const record = evidenceRecord(draft);
  assert.ok(validate(record), JSON.stringify(validate.errors));
  assert.deepEqual(record, {
    id: draft.id,
    dossier_id: DOSSIER,
    author_id: PERSON,
    kind: 'photo',
    media_sha256: sha256,
    media_type: 'image/jpeg',
    caption_text: 'Je coupe.',
    caption_audio_sha256: SHA,
    task: null,
    competency_ids: [COMPETENCY],
    people_in_picture: 'someone_not_asked',
    captured_at: '2026-11-23T10:00:00.000Z',
    supersedes_id: null,
  });
  const silent = evidenceRecord({ ...draft, captionText: '   ', captionAudioSha256: null, competencyIds: [] });
  assert.ok(validate(silent), JSON.stringify(validate.errors));
  assert.equal(silent.caption_text, null);
  assert.deepEqual(silent.competency_ids, []);
  assert.equal(captionKey(draft.id), `${draft.id}/caption_audio_sha256`);
});

test('drafts are kept per person, the newest first, and removed when done', async () => {
  const backend = memoryBackend();
  const store = draftStore(backend);
  const first = draftOf('photo', { id: 'one', capturedAt: '2026-11-23T09:00:00.000Z' });
  const second = draftOf('video', { id: 'two', capturedAt: '2026-11-23T11:00:00.000Z' });
  const someoneElse = draftOf('audio', { id: 'three', personId: 'other' });
  for (const draft of [first, second, someoneElse]) await store.save(draft, new Date('2026-11-23T12:00:00Z'));
  assert.deepEqual((await store.of(PERSON)).map((draft) => draft.id), ['two', 'one']);
  assert.equal((await store.get('one')).updatedAt, '2026-11-23T12:00:00.000Z');
  assert.equal(await (await store.get('one')).blob.text(), 'x', 'the medium is kept in the draft');
  await store.remove('one');
  assert.equal(await store.get('one'), null);
  assert.deepEqual((await unfinishedCaptures(PERSON, store)).map((draft) => draft.id), ['two']);
});

test('an unreadable drafts database offers nothing rather than breaking the screen', async () => {
  const broken = draftStore({ all: async () => { throw new Error('blocked'); } });
  const errors = [];
  const original = console.error;
  console.error = (...args) => errors.push(args);
  try {
    assert.deepEqual(await unfinishedCaptures(PERSON, broken), []);
  } finally {
    console.error = original;
  }
  assert.equal(errors.length, 1);
});
