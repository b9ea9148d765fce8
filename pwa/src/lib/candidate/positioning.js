/* Self-positioning as pure steps: a session goes through the framework's competencies one at a
 * time; the candidate may stop anywhere and come back. The session is a draft on the device until
 * the candidate stops or finishes, then one dated positioning record (append-only) is made of it.
 *
 *   let draft = newDraft({ positioningId, dossierId, framework, previous, now });
 *   draft = answer(draft, competencyId, 'seul');
 *   draft = moveTo(draft, draft.index + 1, framework);
 *   const record = snapshotOf(draft, framework, new Date());   // null when nothing was answered
 *
 * A session that resumes an unfinished one carries its answers over and starts at the first
 * statement not answered, so that each snapshot says where the candidate stands on everything
 * they have answered so far. */

/** The competencies in the order the candidate goes through them: the document's. */
export function statementsOf(framework) {
  return framework.competencies;
}

/** The newest self-positioning of a dossier, or null. */
export function latestSelf(positionings) {
  return (
    positionings
      .filter((record) => record.kind === 'self' && !record.deleted)
      .sort((a, b) => String(b.taken_at).localeCompare(String(a.taken_at)))[0] ?? null
  );
}

/** The first statement without an answer, or 0 when all have one. */
export function firstUnanswered(answers, framework) {
  const index = statementsOf(framework).findIndex((competency) => !answers[competency.id]?.level_key);
  return index === -1 ? 0 : index;
}

/**
 * A new session's draft. `previous` is the dossier's latest self-positioning: when it was left
 * unfinished, its answers are carried over (the competencies still in the framework).
 */
export function newDraft({ positioningId, dossierId, framework, previous = null, now = new Date() }) {
  const answers = {};
  if (previous && !previous.complete) {
    for (const item of previous.items ?? []) {
      if (framework.competency(item.competency_id)) answers[item.competency_id] = { ...item };
    }
  }
  return {
    positioningId,
    dossierId,
    startedAt: now.toISOString(),
    index: firstUnanswered(answers, framework),
    answers,
  };
}

/** The draft with `levelKey` as the answer to a competency. */
export function answer(draft, competencyId, levelKey) {
  const before = draft.answers[competencyId] ?? { competency_id: competencyId };
  return { ...draft, answers: { ...draft.answers, [competencyId]: { ...before, competency_id: competencyId, level_key: levelKey } } };
}

/** The draft with a spoken comment (its medium's SHA-256) on a competency. */
export function comment(draft, competencyId, sha256) {
  const before = draft.answers[competencyId] ?? { competency_id: competencyId };
  return { ...draft, answers: { ...draft.answers, [competencyId]: { ...before, comment_audio_sha256: sha256 } } };
}

/** The draft showing statement `index`, kept within the framework. */
export function moveTo(draft, index, framework) {
  const last = statementsOf(framework).length - 1;
  return { ...draft, index: Math.max(0, Math.min(index, last)) };
}

/** "3 sur 12": {current, total, answered} for the statement on show. */
export function progressOf(draft, framework) {
  const statements = statementsOf(framework);
  const answered = statements.filter((competency) => draft.answers[competency.id]?.level_key).length;
  return { current: draft.index + 1, total: statements.length, answered };
}

/** Is every statement answered? */
export function isComplete(draft, framework) {
  const { answered, total } = progressOf(draft, framework);
  return total > 0 && answered === total;
}

/**
 * The positioning record of a session, dated `takenAt`, or null when nothing was answered. Only
 * answered statements are items (a level is what a positioning says); in the framework's order.
 */
export function snapshotOf(draft, framework, takenAt = new Date()) {
  const items = statementsOf(framework)
    .map((competency) => draft.answers[competency.id])
    .filter((item) => item?.level_key)
    .map(({ competency_id, level_key, comment_audio_sha256 }) =>
      comment_audio_sha256 ? { competency_id, level_key, comment_audio_sha256 } : { competency_id, level_key },
    );
  if (items.length === 0) return null;
  return {
    id: draft.positioningId,
    dossier_id: draft.dossierId,
    kind: 'self',
    taken_at: takenAt.toISOString(),
    items,
    complete: isComplete(draft, framework),
  };
}
