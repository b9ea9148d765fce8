/* Push: send the outbox in queue order, in batches of at most 500, and turn each result into
 * what the store must do. An entry leaves the outbox only once its result has arrived: a tab
 * killed mid-push sends it again, and the server's idempotency by mutation_id makes that harmless.
 *
 * Outcomes handed to store.settle():
 *   {kind: 'done', mutation_id, record, served, conflict?}
 *                                                    applied, merged or conflict: drop the entry;
 *                                                    `served`: what the server set on a new
 *                                                    append-only record (instead of `record`)
 *   {kind: 'queued', mutation_id, problem}           refused for now (retryable): send later
 *   {kind: 'rejected', mutation_id, problem}         refused for good: keep it and show why */

export const MAX_BATCH = 500;
export const PUSH_PATH = '/sync/push';

const RETRYABLE_CODES = new Set([
  'media_not_uploaded', 'too_many_requests', 'unavailable', 'offline',
]);

/** The part of a problem the outbox keeps: the code, the French title, the status, the detail. */
export function problemOf(error) {
  // lib/api.js throws an ApiProblem (code, title, status on the error, the body in .problem).
  const body = error?.problem && typeof error.problem === 'object' ? error.problem : {};
  const source = { ...body, ...(error ?? {}) };
  return {
    code: source.code ?? 'unknown_error',
    title: source.title ?? '',
    status: source.status ?? null,
    detail: source.detail ?? error?.message ?? '',
  };
}

/** May a refused mutation or a failed request succeed later, unchanged? */
export function isRetryable(problem) {
  const status = problem?.status ?? 0;
  return RETRYABLE_CODES.has(problem?.code) || status === 0 || status === 429 || status >= 500;
}

/** The mutation as the protocol sends it. */
export function toWire(entry) {
  const { mutation_id, type, op, base_rev } = entry;
  return op === 'put'
    ? { mutation_id, type, op, record: entry.record, base_rev }
    : { mutation_id, type, op, id: entry.id, base_rev };
}

/** What to do with one entry given the server's result for it (undefined: nothing came back). */
export function outcomeOf(entry, result, now = () => new Date()) {
  const mutation_id = entry.mutation_id;
  if (!result) {
    const detail = 'the server sent no result for this mutation';
    const problem = { code: 'no_result', title: '', status: null, detail };
    return { kind: 'queued', mutation_id, problem };
  }
  if (result.status === 'applied' || result.status === 'merged') {
    return { kind: 'done', mutation_id, record: result.record ?? null, served: result.served ?? null };
  }
  if (result.status === 'conflict') {
    const conflict = {
      conflict_id: result.conflict_id,
      mutation_id,
      type: entry.type,
      id: entry.id,
      fields: result.fields ?? [],
      server_record: result.record ?? null,
      local_record: entry.record ?? null,
      reported_at: now().toISOString(),
    };
    return { kind: 'done', mutation_id, record: result.record ?? null, conflict };
  }
  const problem = problemOf(
    result.problem ?? { code: 'unknown_result', detail: `status ${result.status}` },
  );
  return { kind: isRetryable(problem) ? 'queued' : 'rejected', mutation_id, problem };
}

// A batch refused as a whole for its size or its shape is split, down to the one mutation at
// fault, which is then kept as rejected; the others go through.
function splittable(problem) {
  return problem.status === 413 || (problem.status === 400 && problem.code === 'invalid_batch');
}

async function sendBatch(api, entries) {
  let response;
  try {
    response = await api.post(PUSH_PATH, { mutations: entries.map(toWire) });
  } catch (error) {
    const problem = problemOf(error);
    if (!splittable(problem)) throw error;
    if (entries.length === 1) {
      return [{ kind: 'rejected', mutation_id: entries[0].mutation_id, problem }];
    }
    const half = Math.ceil(entries.length / 2);
    const first = await sendBatch(api, entries.slice(0, half));
    return [...first, ...(await sendBatch(api, entries.slice(half)))];
  }
  const results = new Map((response?.results ?? []).map((result) => [result.mutation_id, result]));
  return entries.map((entry) => outcomeOf(entry, results.get(entry.mutation_id)));
}

/**
 * Send every sendable entry once, batch after batch (with `personId`, only that person's and
 * untagged ones). A failed request (network, 5xx, 401, 403...) throws: the entries stay in the
 * outbox. Resolves {sent, types, retryLater}: how many results arrived, the record types whose
 * local copy changed, and whether some must be tried again.
 */
export async function push({
  store, api, personId = null, batchSize = MAX_BATCH, total = null, onProgress = () => {},
}) {
  const types = new Set();
  let after = 0;
  let sent = 0;
  let retryLater = false;
  for (;;) {
    const entries = await store.sendable(after, Math.min(batchSize, MAX_BATCH), personId);
    if (entries.length === 0) break;
    after = entries.at(-1).order;
    await store.markSending(entries.map((entry) => entry.mutation_id));
    const outcomes = await sendBatch(api, entries);
    for (const type of await store.settle(outcomes)) types.add(type);
    retryLater ||= outcomes.some((outcome) => outcome.kind === 'queued');
    sent += outcomes.length;
    onProgress({ phase: 'push', done: sent, total: Math.max(total ?? 0, sent) });
  }
  return { sent, types: [...types], retryLater };
}
