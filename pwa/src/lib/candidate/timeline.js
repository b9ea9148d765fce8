/* "My proofs" as pure data: the candidate's evidence grouped by competency (the framework's
 * order), then by the task they named, then the rest; newest first in each group; each with what
 * the support worker said (annotations) and whether it still waits to be sent. */

const newestFirst = (a, b) => String(b.captured_at).localeCompare(String(a.captured_at));

/** Evidence still worth showing: not deleted, and not replaced by a newer take (supersedes_id). */
export function currentEvidence(evidence) {
  const replaced = new Set(evidence.map((item) => item.supersedes_id).filter(Boolean));
  return evidence.filter((item) => !item.deleted && !replaced.has(item.id));
}

/** Annotations by evidence id, oldest first (the conversation's order). */
export function annotationsByEvidence(annotations) {
  const by = new Map();
  const ordered = [...annotations].sort((a, b) =>
    String(a.changed_at ?? a.client_changed_at ?? '').localeCompare(String(b.changed_at ?? b.client_changed_at ?? '')),
  );
  for (const annotation of ordered) {
    if (annotation.deleted) continue;
    if (!by.has(annotation.evidence_id)) by.set(annotation.evidence_id, []);
    by.get(annotation.evidence_id).push(annotation);
  }
  return by;
}

/** The newest verdict on a piece of evidence: 'a_refaire', 'validated' or null. */
export function verdictOf(annotations = []) {
  const verdicts = annotations.filter((annotation) => annotation.kind !== 'comment');
  return verdicts.at(-1)?.kind ?? null;
}

/**
 * [{key, competency | null, task | null, items: [evidence]}]: one group per competency with
 * evidence, in the framework's order; then one per task named without a competency; then the rest.
 * Evidence tied to two competencies shows in both.
 */
export function timelineGroups(evidence, framework) {
  const current = currentEvidence(evidence).sort(newestFirst);
  const groups = [];
  for (const competency of framework?.competencies ?? []) {
    const items = current.filter((item) => (item.competency_ids ?? []).includes(competency.id));
    if (items.length) groups.push({ key: competency.id, competency, task: null, items });
  }
  const loose = current.filter(
    (item) => !(item.competency_ids ?? []).some((id) => framework?.competency(id)),
  );
  const tasks = [...new Set(loose.map((item) => item.task).filter(Boolean))];
  for (const task of tasks) {
    groups.push({ key: `task:${task}`, competency: null, task, items: loose.filter((item) => item.task === task) });
  }
  const rest = loose.filter((item) => !item.task);
  if (rest.length) groups.push({ key: 'other', competency: null, task: null, items: rest });
  return groups;
}

/** Ids of records still on the device only: queued in the outbox, or media not yet confirmed. */
export function waitingIds(outbox, uploadEntries) {
  const ids = new Set(outbox.map((entry) => entry.id));
  for (const entry of uploadEntries) {
    if (entry.state !== 'done') ids.add(String(entry.recordId).split('/')[0]);
  }
  return ids;
}
