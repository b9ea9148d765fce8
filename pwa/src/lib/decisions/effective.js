/* The effective decision per competency, and overall, of one dossier before one jury session.
 *
 * Decisions are append-only: changing one records a new one, and the last one recorded counts
 * (docs/jury.md, the server's preuves.juries.results). The server orders by `changed_at`, then
 * `id`; the device does the same for the decisions it got back from the server, then puts its
 * own unsent ones after them, in the outbox's queue order. A decision the server refused for good
 * (a rejected outbox entry: the session was not open) never reaches it, so it does not count:
 * the screens show it apart, with the server's words. */

/** A sortable number for a server timestamp, to the microsecond ('...T10:00:00.123456Z'). */
export function instantKey(timestamp) {
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/.exec(String(timestamp ?? ''));
  if (!match) return Number.NEGATIVE_INFINITY;
  const [, seconds, fraction = '', zone = 'Z'] = match;
  const micros = Number(fraction.padEnd(6, '0').slice(0, 6));
  return Date.parse(`${seconds}${zone}`) * 1000 + micros;
}

// Ids compared as the server compares UUIDs: lowercase hex, character by character.
const byId = (a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0);
const byServerOrder = (a, b) => instantKey(a.changed_at) - instantKey(b.changed_at) || byId(a, b);

/**
 * The decisions of (session, dossier) in the order they were recorded, and the refused ones:
 * {ordered: [record], refused: [{record, problem}]}. `outbox` is queries.outbox() (queue order).
 */
export function decisionsInOrder(decisions, outbox, { sessionId, dossierId }) {
  const mine = (record) => record && !record.deleted && record.session_id === sessionId
    && record.dossier_id === dossierId;
  const queued = outbox.filter((entry) => entry.type === 'decision' && entry.op === 'put'
    && mine(entry.record));
  const waiting = new Set(queued.map((entry) => entry.id));
  const synced = decisions.filter((record) => mine(record) && !waiting.has(record.id)).sort(byServerOrder);
  const unsent = queued.filter((entry) => entry.state !== 'rejected')
    .sort((a, b) => a.order - b.order).map((entry) => entry.record);
  const refused = queued.filter((entry) => entry.state === 'rejected')
    .map((entry) => ({ record: entry.record, problem: entry.last_error }));
  return { ordered: [...synced, ...unsent], refused, unsentIds: new Set(unsent.map((r) => r.id)) };
}

/**
 * {competencies: Map(competencyId -> decision), overall: decision | null, refused, unsentIds}:
 * the last recorded decision of each competency, and the last overall one.
 */
export function effectiveDecisions(decisions, outbox, which) {
  const { ordered, refused, unsentIds } = decisionsInOrder(decisions, outbox, which);
  const competencies = new Map();
  let overall = null;
  for (const record of ordered) {
    if (record.competency_id) competencies.set(record.competency_id, record);
    else if (record.overall_outcome) overall = record;
  }
  return { competencies, overall, refused, unsentIds };
}
