/* The AFEST reflexive journal as a timeline: entries grouped by phase (before, during, after a
 * work situation, or free), each group in date order, the newest group's entries last. */

export const PHASES = ['before', 'during', 'after', 'free'];

/** [{phase, entries}] for every phase that has entries, in PHASES order; entries by written_at. */
export function byPhase(entries) {
  const live = entries.filter((entry) => !entry.deleted);
  return PHASES.map((phase) => ({
    phase,
    entries: live
      .filter((entry) => entry.phase === phase)
      .sort((a, b) => String(a.written_at).localeCompare(String(b.written_at))),
  })).filter((group) => group.entries.length);
}

/** The work situations already named in the journal, for the next entry to pick again. */
export function workSituations(entries) {
  const seen = new Set();
  for (const entry of entries) if (entry.work_situation && !entry.deleted) seen.add(entry.work_situation);
  return [...seen].sort((a, b) => a.localeCompare(b, 'fr'));
}

/** A journal_entry record ready for sync.put (append-only: created once). */
export function journalEntry({ id, dossierId, authorRole, phase, workSituation, text, audioSha256, now = new Date() }) {
  if (!PHASES.includes(phase)) throw new Error(`unknown phase ${phase}`);
  const body = (text ?? '').trim();
  if (!body && !audioSha256) throw new Error('a journal entry needs words or a voice');
  return {
    id,
    dossier_id: dossierId,
    author_role: authorRole,
    phase,
    work_situation: (workSituation ?? '').trim() || null,
    body_text: body || null,
    body_audio_sha256: audioSha256 ?? null,
    written_at: now.toISOString(),
  };
}
