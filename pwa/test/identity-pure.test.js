// Small pure pieces of the identity screens: routes, roles, pending counts, pictures, QR codes,
// what a tablet's state says.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

import { createTranslator } from '../src/lib/i18n.js';
import { cachesToErase, countPending, kindOf } from '../src/lib/local-data.js';
import { PICTURES, picture } from '../src/lib/pictures.js';
import { hashFor, hashFromPath, parseHash } from '../src/lib/router.js';
import { createSession, MANAGER_ROLES, roleNames, structuresWhere } from '../src/lib/session.js';
import { qrImageSource } from '../src/screens/invitations.js';
import { tabletFacts } from '../src/screens/tablets.js';
import { readLocale } from '../scripts/locales.mjs';

test('hash routes: home, an invitation token, and back again', () => {
  assert.deepEqual(parseHash(''), { name: '', params: [] });
  assert.deepEqual(parseHash('#/'), { name: '', params: [] });
  assert.deepEqual(parseHash('#/invitation/a-b_c'), { name: 'invitation', params: ['a-b_c'] });
  assert.deepEqual(parseHash('#/passkeys/'), { name: 'passkeys', params: [] });
  assert.equal(hashFor('invitation', 'x/y'), '#/invitation/x%2Fy');
  assert.deepEqual(parseHash(hashFor('invitation', 'x/y')), { name: 'invitation', params: ['x/y'] });
  assert.equal(hashFor(''), '#/');
});

test('roles from /me say who is staff, who manages, and where', () => {
  const byStructure = { s1: ['candidate'], s2: ['support_worker'], s3: ['lead', 'jury_member'] };
  assert.deepEqual(structuresWhere(byStructure), ['s2', 's3']);
  assert.deepEqual(structuresWhere(byStructure, MANAGER_ROLES), ['s3']);
  assert.deepEqual(roleNames(byStructure).sort(), ['candidate', 'jury_member', 'lead', 'support_worker']);
  const session = createSession();
  session.update({
    person: { given_name: 'Léa' },
    roles: { s1: ['candidate'] },
    session: { kind: 'picture', device_id: 'd' },
  });
  assert.ok(session.signedIn && session.onTablet && !session.isStaff && !session.isManager);
  session.clear();
  assert.ok(!session.signedIn && !session.onTablet);
  assert.equal(session.person, null);
  session.update({ person: { given_name: 'Claire' }, roles: byStructure, session: { kind: 'passkey' } });
  assert.ok(session.isStaff && session.isManager && !session.onTablet);
});

test('pending counts: records by kind and media, whatever the outbox calls the kind', () => {
  const outbox = [{ type: 'evidence' }, { type: 'evidence' }, { record_type: 'positioning' }, {}];
  assert.deepEqual(countPending(outbox, [{}, {}]), {
    records: 4,
    media: 2,
    by_kind: { evidence: 2, positioning: 1, unknown: 1 },
  });
  assert.deepEqual(countPending([], []), { records: 0, media: 0, by_kind: {} });
  assert.equal(kindOf({ kind: 'journal_entry' }), 'journal_entry');
});

test('erasing keeps the app shell precache only', () => {
  assert.deepEqual(
    cachesToErase(['preuves-precache-v1', 'preuves-runtime-v1', 'media-thumbs', 'workbox-precache-v2-x']),
    ['preuves-runtime-v1', 'media-thumbs'],
  );
});

test('the twelve pictures each have a drawing and a name in French and English', () => {
  assert.equal(PICTURES.length, 12);
  assert.equal(new Set(PICTURES).size, 12);
  const fr = readLocale('fr');
  const en = readLocale('en');
  for (const id of PICTURES) {
    const svg = new URL(`../src/pictures/${id}.svg`, import.meta.url);
    assert.ok(existsSync(svg), `${id}.svg`);
    const drawing = readFileSync(svg, 'utf8');
    assert.match(drawing, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 96 96"/);
    assert.ok(fr[`picture.${id}`] && en[`picture.${id}`], id);
    const expected = { id, src: `/pictures/${id}.svg`, label: fr[`picture.${id}`] };
    assert.deepEqual(picture(id, (key) => fr[key]), expected);
  }
  assert.deepEqual(picture('mystere', (key) => key), { id: 'mystere', src: null, label: 'mystere' });
});

test('an invitation link in path form is read as its hash route', () => {
  assert.equal(hashFromPath('/invitation/abc_-1'), '#/invitation/abc_-1');
  assert.equal(hashFromPath('/invitation/abc/'), '#/invitation/abc');
  assert.equal(hashFromPath('/'), null);
  assert.equal(hashFromPath('/dossier/123'), null);
});

test("the server's inline QR code becomes a scalable image", () => {
  const source = qrImageSource('<svg width="132" height="132" class="segno"><path d="M4 4h7"/></svg>');
  const svg = decodeURIComponent(source.replace('data:image/svg+xml;charset=utf-8,', ''));
  assert.match(svg, /^<svg viewBox="0 0 132 132" xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="132"/);
  const already = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 5 5" width="5" height="5"/>';
  assert.equal(decodeURIComponent(qrImageSource(already).split(',')[1]), already);
});

test("a tablet's state in words: seen, revoked, erased with or without things left to send", () => {
  const fr = readLocale('fr');
  const t = createTranslator(fr);
  const device = { enrolled_at: '2026-11-02T09:30:00+00:00', last_seen_at: null, revoked_at: null };
  assert.equal(tabletFacts(t, device, 'fr').length, 1);
  assert.match(tabletFacts(t, device, 'fr')[0], /^Préparée le 2 novembre 2026/);
  const revoked = { ...device, revoked_at: '2026-11-20T10:00:00+00:00' };
  assert.equal(tabletFacts(t, revoked, 'fr').at(-1), fr['tablets.notErasedYet']);
  const empty = { ...revoked, last_wipe_report: { records: 0, media: 0, by_kind: {} } };
  assert.equal(tabletFacts(t, empty, 'fr').at(-1), fr['tablets.erasedNothingLeft']);
  const left = { ...revoked, last_wipe_report: { records: 3, media: 1, by_kind: { evidence: 3 } } };
  assert.match(tabletFacts(t, left, 'fr').at(-1), /Changements pas envoyés : 3\. .* pas envoyés : 1\./);
});
