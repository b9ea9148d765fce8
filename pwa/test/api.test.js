// The API client: CSRF header on changes only, problems parsed, the network's absence named.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ApiProblem, createApi } from '../src/lib/api.js';

function fakeFetch(responses) {
  const calls = [];
  const fetchImpl = async (url, init) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (next instanceof Error) throw next;
    return next;
  };
  return { calls, fetchImpl };
}

const json = (status, body, type = 'application/json') =>
  new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });

test('a sign-in answer gives the CSRF token that every later change carries, and reads do not', async () => {
  const { calls, fetchImpl } = fakeFetch([
    json(200, { person: { id: 'p' }, csrf_token: 'tok' }),
    json(200, { ok: true }),
    new Response(null, { status: 204 }),
  ]);
  const api = createApi(fetchImpl);
  await api.post('/auth/passkeys/login/verify', { ceremony_id: 'c' });
  assert.equal(calls[0].init.headers['X-CSRF-Token'], undefined);
  assert.equal(api.csrfToken, 'tok');
  await api.get('/me');
  assert.equal(calls[1].init.headers['X-CSRF-Token'], undefined);
  assert.equal(await api.delete('/auth/passkeys/1'), null);
  assert.equal(calls[2].init.headers['X-CSRF-Token'], 'tok');
  for (const call of calls) {
    assert.equal(call.init.credentials, 'same-origin');
    assert.equal(call.init.cache, 'no-store');
    assert.match(call.url, /^\/api\/v1\//);
  }
  assert.equal(calls[0].init.body, JSON.stringify({ ceremony_id: 'c' }));
});

test('a problem becomes an ApiProblem with its French title and extra members', async () => {
  const seen = [];
  const { fetchImpl } = fakeFetch([
    json(
      401,
      { code: 'picture_wrong', title: 'Ce ne sont pas les bonnes images.', tries_left: 2 },
      'application/problem+json',
    ),
  ]);
  const api = createApi(fetchImpl);
  api.onProblem((problem) => seen.push(problem.code));
  await assert.rejects(api.post('/devices/me/sign-in', {}), (error) => {
    assert.ok(error instanceof ApiProblem);
    assert.equal(error.status, 401);
    assert.equal(error.code, 'picture_wrong');
    assert.equal(error.title, 'Ce ne sont pas les bonnes images.');
    assert.equal(error.problem.tries_left, 2);
    return true;
  });
  assert.deepEqual(seen, ['picture_wrong']);
});

test('no network is a problem of its own, and a non-JSON error still has a status', async () => {
  const { fetchImpl } = fakeFetch([new TypeError('Failed to fetch'), new Response('oops', { status: 502 })]);
  const api = createApi(fetchImpl);
  await assert.rejects(api.get('/me'), (error) => error.status === 0 && error.code === 'offline');
  await assert.rejects(api.get('/me'), (error) => error.status === 502 && error.title === '');
});

test('forgetting the token stops sending it', async () => {
  const { calls, fetchImpl } = fakeFetch([json(200, { csrf_token: 'a' }), json(200, {})]);
  const api = createApi(fetchImpl);
  await api.get('/me');
  api.setCsrfToken(null);
  await api.post('/auth/logout');
  assert.equal(calls[1].init.headers['X-CSRF-Token'], undefined);
});
