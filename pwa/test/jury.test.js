// The jury's offline copy: the media store's rules (over Maps), the download (a fake fetch and a
// fake API), the erasure rules and the reader's model. IndexedDB itself is exercised in Chromium
// (tests/browser/test_jury_offline.py).

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';

import { downloadSession, isOriginalUrl, manifestBytes, mediaOf } from '../src/lib/jury/download.js';
import { eraseWhatMustGo, erasureDecisions, watchCopiesAtStart } from '../src/lib/jury/erasure.js';
import { createMediaStore, dbName, memoryTables } from '../src/lib/jury/media-store.js';
import { readerModel } from '../src/lib/jury/reader.js';
import { mySessions } from '../src/lib/jury/sessions.js';
import { formatBytes, localDate } from '../src/lib/jury/size.js';

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
const S1 = 'session-1';
const D1 = 'dossier-1';
const D2 = 'dossier-2';
const ME = 'person-me';

function files() {
  const video = new Uint8Array(3000).fill(7);
  const audio = new Uint8Array(1200).fill(3);
  const photo = new Uint8Array(800).fill(9);
  const videoSha = sha(video);
  const audioSha = sha(audio);
  const photoSha = sha(photo);
  // The video comes as its `web` derivative (other bytes, other hash); the others as originals.
  const body = {
    [`/api/v1/media/${videoSha}/web`]: new Uint8Array(2500).fill(1),
    [`/api/v1/media/${audioSha}`]: audio,
    [`/api/v1/media/${photoSha}`]: photo,
  };
  const manifest = {
    session_id: S1,
    keep_until: '2027-03-17',
    bytes: 2500 + 1200 + 800,
    dossiers: [
      { dossier_id: D1, candidate_name: 'Léa M.', bytes: 3700, media: [
        { sha256: videoSha, evidence_id: 'e1', use: 'evidence', media_type: 'video/mp4', bytes: 2500, url: `/api/v1/media/${videoSha}/web` },
        { sha256: audioSha, evidence_id: 'e2', use: 'caption_audio', media_type: 'audio/mp4', bytes: 1200, url: `/api/v1/media/${audioSha}` },
      ] },
      { dossier_id: D2, candidate_name: 'Sami D.', bytes: 2000, media: [
        { sha256: photoSha, evidence_id: 'e3', use: 'evidence', media_type: 'image/jpeg', bytes: 800, url: `/api/v1/media/${photoSha}` },
        // The same voice in both dossiers: fetched once, kept for both.
        { sha256: audioSha, evidence_id: 'e4', use: 'testimony_audio', media_type: 'audio/mp4', bytes: 1200, url: `/api/v1/media/${audioSha}` },
      ] },
    ],
  };
  return { manifest, body, videoSha, audioSha, photoSha };
}

/** A fetch answering from `body`, failing the urls of `failing` `times` times first. */
function fakeFetch(body, { failing = {}, corrupt = new Set() } = {}) {
  const calls = [];
  const fetchImpl = async (url) => {
    calls.push(url);
    if (failing[url] > 0) {
      failing[url] -= 1;
      throw new TypeError('Failed to fetch');
    }
    if (!(url in body)) return new Response('gone', { status: 404 });
    const bytes = corrupt.has(url) ? new Uint8Array(body[url].length).fill(0) : body[url];
    return new Response(bytes, { status: 200 });
  };
  return { fetchImpl, calls };
}

const fakeApi = (manifest) => ({
  asked: [],
  async get(path) {
    this.asked.push(path);
    if (!manifest) throw Object.assign(new Error('offline'), { status: 0 });
    return manifest;
  },
});

test('sizes are said in French number format with decimal units', () => {
  assert.equal(formatBytes(0), '0\u00a0o');
  assert.equal(formatBytes(850_000), '850\u00a0ko');
  assert.equal(formatBytes(12_500_000), '12,5\u00a0Mo');
  assert.equal(formatBytes(1_234_000_000), '1,2\u00a0Go');
  assert.equal(formatBytes(12_500_000, 'en'), '12.5\u00a0MB');
  assert.equal(localDate(new Date(2027, 2, 7, 23, 30)), '2027-03-07');
});

test('each person has their own database', () => {
  assert.equal(dbName('abc'), 'preuves-jury-abc');
  assert.notEqual(dbName('abc'), dbName('abd'));
});

test('the media store keeps blobs by session and sha256, and erases a dossier or a session', async () => {
  const store = createMediaStore(memoryTables());
  await store.saveManifest(S1, files().manifest);
  await store.putBlob({ sessionId: S1, sha256: 'a', blob: new Blob(['12345']), dossierIds: [D1] });
  await store.putBlob({ sessionId: S1, sha256: 'b', blob: new Blob(['123']), dossierIds: [D1, D2] });
  await store.putBlob({ sessionId: 'other', sha256: 'a', blob: new Blob(['12345']), dossierIds: ['x'] });
  assert.equal(await store.storedBytes(S1), 8);
  assert.equal(await store.storedBytes(S1, D2), 3);
  assert.equal(await (await store.blob(S1, 'a')).text(), '12345');

  await store.eraseDossier(S1, D1);
  assert.equal(await store.blob(S1, 'a'), null, 'a medium of that dossier only is gone');
  assert.deepEqual((await store.media(S1)).map((m) => [m.sha256, m.dossier_ids]), [['b', [D2]]]);
  assert.deepEqual((await store.entry(S1)).manifest.dossiers.map((d) => d.dossier_id), [D2]);

  await store.eraseDossier(S1, D2);
  assert.equal(await store.entry(S1), undefined, 'no dossier left: the manifest goes too');
  assert.equal((await store.media(S1)).length, 0);
  assert.equal(await store.has('other', 'a'), true, 'another session keeps its copy');
  await store.eraseSession('other');
  assert.deepEqual(await store.entries(), []);
});

test('a medium is a derivative or the original; the manifest lists each medium once', () => {
  const { manifest, videoSha, audioSha } = files();
  assert.equal(isOriginalUrl(`/api/v1/media/${audioSha}`, audioSha), true);
  assert.equal(isOriginalUrl(`/api/v1/media/${videoSha}/web`, videoSha), false);
  const media = mediaOf(manifest);
  assert.equal(media.length, 3);
  assert.deepEqual(media.find((m) => m.sha256 === audioSha).dossierIds, [D1, D2]);
  assert.equal(manifestBytes(manifest), 4500, 'the shared voice counts once');
});

test('download: syncs first, fetches each medium once, checks originals, reports bytes', async () => {
  const { manifest, body, videoSha, audioSha, photoSha } = files();
  const store = createMediaStore(memoryTables());
  const { fetchImpl, calls } = fakeFetch(body);
  const api = fakeApi(manifest);
  const order = [];
  const sync = { client: { syncNow: async () => order.push('sync') } };
  const events = [];
  const result = await downloadSession({
    api, personId: ME, sessionId: S1, sync, store, fetchImpl,
    onProgress: (p) => {
      if (p.phase === 'manifest') order.push('manifest');
      events.push(p);
    },
  });
  assert.deepEqual(order, ['sync', 'manifest']);
  assert.deepEqual(api.asked, [`/jury-sessions/${S1}/offline`]);
  assert.equal(calls.length, 3);
  assert.deepEqual(result, { complete: true, bytes: 4500, files: 3, failed: [] });
  const done = events.at(-1);
  assert.equal(done.phase, 'done');
  assert.equal(done.bytesDone, done.bytesTotal);
  const media = events.filter((e) => e.phase === 'media').map((e) => e.bytesDone);
  assert.ok(media.length > 3 && media.every((value) => value >= 0 && value <= done.bytesTotal));
  // Kept under the manifest's sha256, derivative or not.
  assert.equal((await store.blob(S1, videoSha)).size, 2500);
  assert.equal((await store.blob(S1, photoSha)).size, 800);
  assert.deepEqual((await store.media(S1)).find((m) => m.sha256 === audioSha).dossier_ids, [D1, D2]);
  assert.equal((await store.entry(S1)).complete, true);
});

test('download resumes: what is stored stays, a failed file is tried again, a bad hash is refused', async () => {
  const { manifest, body, audioSha, photoSha, videoSha } = files();
  const store = createMediaStore(memoryTables());
  const audioUrl = `/api/v1/media/${audioSha}`;
  const photoUrl = `/api/v1/media/${photoSha}`;
  // The audio fails once then comes; the photo's bytes never match their hash.
  const first = fakeFetch(body, { failing: { [audioUrl]: 1 }, corrupt: new Set([photoUrl]) });
  const partial = await downloadSession({ api: fakeApi(manifest), personId: ME, sessionId: S1, store, fetchImpl: first.fetchImpl, attempts: 2 });
  assert.equal(partial.complete, false);
  assert.deepEqual(partial.failed.map((f) => f.sha256), [photoSha]);
  assert.equal(partial.bytes, 2500 + 1200, 'the bytes of the refused file are not counted');
  assert.equal(first.calls.filter((url) => url === audioUrl).length, 2);
  assert.equal(await store.has(S1, photoSha), false);
  assert.equal((await store.entry(S1)).complete, false);

  // The page reloads, the button is pressed again: only the photo is fetched.
  const second = fakeFetch(body);
  const resumed = await downloadSession({ api: fakeApi(manifest), personId: ME, sessionId: S1, store, fetchImpl: second.fetchImpl });
  assert.deepEqual(second.calls, [photoUrl]);
  assert.equal(resumed.complete, true);
  assert.equal(resumed.bytes, 4500);
  assert.equal(await store.has(S1, videoSha), true);
});

test('download: a refusal is not tried again; no network throws before anything is stored', async () => {
  const { manifest, body, photoSha } = files();
  const store = createMediaStore(memoryTables());
  const photoUrl = `/api/v1/media/${photoSha}`;
  const gone = { ...body };
  delete gone[photoUrl];
  const { fetchImpl, calls } = fakeFetch(gone);
  const result = await downloadSession({ api: fakeApi(manifest), personId: ME, sessionId: S1, store, fetchImpl });
  assert.equal(result.failed[0].error, 'HTTP 404');
  assert.equal(calls.filter((url) => url === photoUrl).length, 1);

  const empty = createMediaStore(memoryTables());
  await assert.rejects(
    downloadSession({ api: fakeApi(null), personId: ME, sessionId: S1, store: empty, fetchImpl }),
    (error) => error.status === 0,
  );
  assert.deepEqual(await empty.entries(), []);
});

const member = (extra = {}) => ({ id: 'm1', session_id: S1, person_id: ME, jury_role: 'professionnel_metier', ...extra });
const assignment = (dossierId, extra = {}) => ({ id: `a-${dossierId}`, session_id: S1, dossier_id: dossierId, ...extra });
const juryRecords = (session = {}) => ({
  sessions: new Map([[S1, { id: S1, status: 'open', held_on: '2027-02-15', place: 'Cuisine', scheme: 'rae', ...session }]]),
  members: [member()],
  assignments: [assignment(D1), assignment(D2)],
  dossierIds: new Set([D1, D2]),
});

function decide(records, today = '2027-02-15') {
  const entries = [{ session_id: S1, manifest: files().manifest }];
  return erasureDecisions({ entries, personId: ME, today, ...records });
}

test('erasure: nothing goes while the session is open, I sit on it and the day is not past', () => {
  assert.deepEqual(decide(juryRecords()), []);
  assert.deepEqual(decide(juryRecords({ status: 'planned' }), '2027-03-17'), []);
});

test('erasure: a closed or cancelled session, no membership, no session, a past keep_until', () => {
  const whole = (reason) => [{ sessionId: S1, dossierId: null, reason }];
  assert.deepEqual(decide(juryRecords({ status: 'closed' })), whole('closed'));
  assert.deepEqual(decide(juryRecords({ status: 'cancelled' })), whole('cancelled'));
  assert.deepEqual(decide({ ...juryRecords(), members: [member({ person_id: 'someone-else' })] }), whole('not_member'));
  assert.deepEqual(decide({ ...juryRecords(), sessions: new Map() }), whole('no_session'));
  assert.deepEqual(decide(juryRecords(), '2027-03-18'), whole('expired'));
});

test('erasure: a dossier whose assignment or records are gone goes alone', () => {
  const records = juryRecords();
  assert.deepEqual(decide({ ...records, assignments: [assignment(D2)] }), [{ sessionId: S1, dossierId: D1, reason: 'unassigned' }]);
  assert.deepEqual(decide({ ...records, dossierIds: new Set([D1]) }), [{ sessionId: S1, dossierId: D2, reason: 'dossier_gone' }]);
});

/** Queries over plain records, as lib/sync/queries.js answers them. */
function fakeQueries(byType) {
  return {
    listByType: async (type) => byType[type] ?? [],
    get: async (type, id) => (byType[type] ?? []).find((record) => record.id === id),
  };
}

test('eraseWhatMustGo applies the rules to the store; the pull evicting a dossier erases its blobs', async () => {
  const { manifest, body } = files();
  const store = createMediaStore(memoryTables());
  await downloadSession({ api: fakeApi(manifest), personId: ME, sessionId: S1, store, fetchImpl: fakeFetch(body).fetchImpl });
  const records = {
    jury_session: [{ id: S1, status: 'open', held_on: '2027-02-15', place: 'Cuisine', scheme: 'rae' }],
    jury_member: [member()],
    jury_assignment: [assignment(D1), assignment(D2)],
    dossier: [{ id: D1, candidate_id: 'c1' }, { id: D2, candidate_id: 'c2' }],
  };
  assert.deepEqual(await eraseWhatMustGo({ queries: fakeQueries(records), store, personId: ME, today: '2027-02-15' }), []);
  assert.equal((await store.media(S1)).length, 3);

  // The assignment of D1 deleted server side: the pull evicts D1 and its assignment.
  records.jury_assignment = [assignment(D2)];
  records.dossier = [{ id: D2, candidate_id: 'c2' }];
  const first = await eraseWhatMustGo({ queries: fakeQueries(records), store, personId: ME, today: '2027-02-15' });
  assert.deepEqual(first.map((d) => d.dossierId), [D1]);
  const left = await store.media(S1);
  assert.deepEqual(left.map((m) => m.dossier_ids).sort(), [[D2], [D2]], 'the shared voice stays for D2');

  records.jury_session[0].status = 'closed';
  await eraseWhatMustGo({ queries: fakeQueries(records), store, personId: ME, today: '2027-02-15' });
  assert.deepEqual(await store.entries(), []);
  assert.equal((await store.media(S1)).length, 0);
});

test('my sessions come from my jury_member records, with their dossiers and candidates', async () => {
  const queries = fakeQueries({
    jury_session: [
      { id: S1, status: 'open', held_on: '2027-02-15', place: 'Cuisine', scheme: 'rae' },
      { id: 'S0', status: 'planned', held_on: '2027-01-10', place: 'Salle', scheme: 'rsfp' },
      { id: 'S9', status: 'open', held_on: '2027-01-01', place: 'Ailleurs', scheme: 'rae' },
    ],
    jury_member: [member(), member({ id: 'm0', session_id: 'S0' }), member({ id: 'm9', session_id: 'S9', person_id: 'other' }), member({ id: 'mx', session_id: 'S0', deleted: true })],
    jury_assignment: [assignment(D1), assignment(D2, { deleted: true })],
    dossier: [{ id: D1, candidate_id: 'c1' }],
    person: [{ id: 'c1', given_name: 'Léa', family_name: 'Martin' }],
  });
  const rows = await mySessions(queries, ME);
  assert.deepEqual(rows.map((row) => row.session.id), ['S0', S1]);
  assert.deepEqual(rows[1].dossiers.map((d) => [d.id, d.candidate?.given_name]), [[D1, 'Léa']]);
});

test('the reader model: block order, latest positionings, the selection, testimonies by competency', () => {
  const competency = (id, block) => ({ id, block_key: block, official_wording: id });
  const blocks = [
    { key: 'b1', title: 'B1', competencies: [competency('c1', 'b1'), competency('c2', 'b1')] },
    { key: 'b2', title: 'B2', competencies: [competency('c3', 'b2')] },
  ];
  const framework = { blocks, competencies: blocks.flatMap((b) => b.competencies), level: () => null };
  const evidence = [
    { id: 'e1', competency_ids: ['c1'], captured_at: '2027-01-01' },
    { id: 'e2', competency_ids: ['c1'], captured_at: '2027-01-02' },
    { id: 'e3', competency_ids: [], captured_at: '2027-01-03' },
    { id: 'e4', competency_ids: ['c3'], captured_at: '2027-01-04', deleted: true },
  ];
  const positioning = [
    { id: 'p1', kind: 'self', taken_at: '2027-01-01', items: [{ competency_id: 'c1', level_key: 'old' }] },
    { id: 'p2', kind: 'self', taken_at: '2027-01-05', items: [{ competency_id: 'c1', level_key: 'new' }] },
    { id: 'p3', kind: 'co', taken_at: '2027-01-03', items: [{ competency_id: 'c1', level_key: 'co' }] },
  ];
  const testimony = [
    { id: 't1', competency_ids: ['c3'] },
    { id: 't2', competency_ids: [] },
  ];
  const annotation = [{ id: 'a1', evidence_id: 'e2', kind: 'comment', body_text: 'Bien.', changed_at: '2027-01-06' }];
  const records = { evidence, positioning, testimony, annotation };

  const open = readerModel({ dossier: { selection: {} }, framework, records });
  assert.deepEqual(open.blocks.map((b) => b.competencies.map((c) => c.competency.id)), [['c1', 'c2'], ['c3']]);
  const c1 = open.blocks[0].competencies[0];
  assert.equal(c1.self.level_key, 'new');
  assert.equal(c1.co.level_key, 'co');
  assert.deepEqual(c1.evidence.map((e) => e.evidence.id), ['e2', 'e1'], 'no selection: every piece tied, newest first');
  assert.deepEqual(c1.evidence[0].annotations.map((a) => a.id), ['a1']);
  assert.deepEqual(open.otherEvidence.map((e) => e.id), ['e3']);
  assert.deepEqual(open.blocks[1].competencies[0].testimonies.map((t) => t.id), ['t1']);
  assert.deepEqual(open.otherTestimonies.map((t) => t.id), ['t2']);

  const chosen = readerModel({ dossier: { selection: { c1: ['e1', 'missing'], c2: ['e3'] } }, framework, records });
  assert.deepEqual(chosen.blocks[0].competencies.map((c) => c.evidence.map((e) => e.evidence.id)), [['e1'], ['e3']]);
  assert.deepEqual(chosen.otherEvidence, [], 'with a selection, only the chosen pieces');
});

test('at start, a person with no copy on the device gets no jury database created', async () => {
  let opened = 0;
  const indexedDB = {
    databases: async () => [{ name: 'preuves-sync-someone' }],
    open: () => { opened += 1; throw new Error('must not open'); },
  };
  const decisions = await watchCopiesAtStart({ sync: {}, personId: 'p1' }, indexedDB);
  assert.deepEqual(decisions, []);
  assert.equal(opened, 0);
});
