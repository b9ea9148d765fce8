// In-memory stand-ins for the sync modules' collaborators: the store (store.js + queries.js
// counts), an API answering from a script, Web Locks and BroadcastChannel. The IndexedDB store
// itself is tested in Chromium (tests/browser/test_sync_client.py).

import { mayBeSent } from '../src/lib/sync/store.js';

/** The store's interface over plain Maps, with the same rules as store.js. */
export function fakeStore() {
  const outbox = new Map();
  const records = new Map();
  const meta = new Map();
  const conflicts = [];
  let order = 0;
  const key = (type, id) => `${type}/${id}`;
  const pending = (type, id) => [...outbox.values()].some((e) => e.type === type && e.id === id);
  const accept = (type, record) => {
    if (pending(type, record.id)) return false;
    if (record.deleted) records.delete(key(type, record.id));
    else records.set(key(type, record.id), { type, record, seen: meta.get('generation') ?? 0 });
    return true;
  };
  return {
    outbox, records, meta, conflicts,
    calls: [],
    async enqueue(entry, local) {
      const queued = { ...entry, order: ++order };
      outbox.set(entry.mutation_id, queued);
      if (local.deleted) records.delete(key(entry.type, local.id));
      else records.set(key(entry.type, local.id), { type: entry.type, record: local, seen: 0 });
      return queued;
    },
    async sendable(after, limit, personId = null) {
      return [...outbox.values()]
        .filter((e) => e.order > after && mayBeSent(e, personId))
        .sort((a, b) => a.order - b.order)
        .slice(0, limit);
    },
    async markSending(ids) {
      for (const id of ids) {
        const entry = outbox.get(id);
        outbox.set(id, { ...entry, state: 'sending', attempts: entry.attempts + 1 });
      }
    },
    async settle(outcomes) {
      this.calls.push(['settle', outcomes.length]);
      const types = new Set();
      for (const outcome of outcomes) {
        const entry = outbox.get(outcome.mutation_id);
        if (!entry) continue;
        if (outcome.kind !== 'done') {
          outbox.set(entry.mutation_id, { ...entry, state: outcome.kind, last_error: outcome.problem });
          continue;
        }
        outbox.delete(entry.mutation_id);
        if (outcome.conflict) conflicts.push(outcome.conflict);
        if (outcome.record && accept(entry.type, outcome.record)) types.add(entry.type);
      }
      return [...types];
    },
    async applyPage(page) {
      this.calls.push(['page', page.cursor]);
      const types = new Set();
      for (const { type, record } of page.changes) if (accept(type, record)) types.add(type);
      for (const { type, id } of page.evict ?? []) {
        if (!pending(type, id)) records.delete(key(type, id));
        types.add(type);
      }
      meta.set('cursor', page.cursor);
      return [...types];
    },
    async getMeta(name) {
      return meta.get(name);
    },
    async setMeta(name, value) {
      meta.set(name, value);
    },
    async beginResync() {
      this.calls.push(['beginResync']);
      meta.set('generation', (meta.get('generation') ?? 0) + 1);
      meta.set('cursor', null);
      meta.set('resyncing', true);
    },
    async finishResync() {
      this.calls.push(['finishResync']);
      const generation = meta.get('generation');
      const types = new Set();
      for (const [name, entry] of records) {
        if (entry.seen === generation || pending(entry.type, entry.record.id)) continue;
        records.delete(name);
        types.add(entry.type);
      }
      meta.set('resyncing', false);
      return [...types];
    },
    async counts() {
      const all = [...outbox.values()];
      const refused = all.filter((e) => e.state === 'rejected');
      return {
        pending: all.length - refused.length,
        rejected: refused.length,
        rejections: refused.map(({ mutation_id, type, id, last_error }) => ({
          mutation_id, type, id, problem: last_error,
        })),
      };
    },
  };
}

/** An error shaped like lib/api.js's ApiProblem. */
export function apiProblem(status, code, title = '') {
  const error = new Error(`${status} ${code}`);
  Object.assign(error, { status, code, title, problem: { status, code, title } });
  return error;
}

/**
 * An API whose answers come from `handlers.post(path, body)` / `handlers.get(path)`; every call is
 * recorded in `calls` as [method, path, body].
 */
export function fakeApi(handlers) {
  const calls = [];
  return {
    calls,
    async post(path, body) {
      calls.push(['POST', path, body]);
      return handlers.post(path, body);
    },
    async get(path) {
      calls.push(['GET', path]);
      return handlers.get(path);
    },
  };
}

/** A server that applies every mutation once, as the real one does (idempotent by id). */
export function applyingServer() {
  const applied = new Map();
  return {
    applied,
    post(_path, { mutations }) {
      const results = mutations.map((m) => {
        if (!applied.has(m.mutation_id)) applied.set(m.mutation_id, m);
        const record = m.op === 'put'
          ? { ...m.record, rev: (m.base_rev ?? 0) + 1 }
          : { id: m.id, deleted: true };
        return { mutation_id: m.mutation_id, status: 'applied', rev: record.rev ?? 1, record };
      });
      return { results, server_time: '2026-11-23T18:00:00Z' };
    },
    get() {
      return { changes: [], evict: [], cursor: 'c-end', more: false };
    },
  };
}

/** A queued entry as outbox.js makes them. */
export function entry(n, overrides = {}) {
  const id = `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  return {
    mutation_id: `m-${n}`, type: 'journal_entry', op: 'put', id,
    record: { id, body_text: `entrée ${n}` }, base_rev: null, queued_at: '2026-11-23T17:00:00Z',
    attempts: 0, last_error: null, state: 'queued', ...overrides,
  };
}

/** Queue `count` entries in a store. */
export async function queueMany(store, count, overrides = {}) {
  for (let n = 1; n <= count; n += 1) {
    const queued = entry(n, overrides);
    await store.enqueue(queued, queued.record ?? { id: queued.id, deleted: true });
  }
}
