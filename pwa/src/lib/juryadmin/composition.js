/* Who sits on a jury, read from the one rules file the server reads too
 * (shared_schemas/rules/jury-composition.json, shipped by the build at /rules/): which roles a
 * scheme and modality need, which are still missing, which a member may not hold. No role list
 * is written here: a new scheme or role in the file reaches the screens unchanged.
 *
 *   const rules = await loadRules();
 *   const state = composition(rules, session, members);   // {required, missing, notAllowed...} */

export const RULES_URL = '/rules/jury-composition.json';

let loading = null;

/** The rules file, fetched once (precached by the service worker, so it loads offline). */
export function loadRules(fetchJson = async (url) => (await fetch(url)).json()) {
  loading ??= fetchJson(RULES_URL).catch((error) => {
    loading = null;
    throw error;
  });
  return loading;
}

/**
 * The make-up a scheme and modality need: {required, allowed, anyRole, needsModality}.
 * A scheme with no entry takes any role (at least one member); a scheme whose entries are by
 * modality needs the modality chosen first.
 */
export function makeUp(rules, scheme, modality) {
  const everyRole = Object.keys(rules.roles);
  const entry = rules.schemes?.[scheme];
  if (!entry) return { required: [], allowed: everyRole, anyRole: true, needsModality: false };
  const need = entry[modality ?? ''] ?? entry['*'];
  if (!need) return { required: [], allowed: [], anyRole: false, needsModality: true };
  return { required: [...need.required], allowed: [...need.required], anyRole: false, needsModality: false };
}

/**
 * The roles a person may take in this make-up: `outside` when they hold no role in the session's
 * structure (invited from elsewhere), `lead` when they lead it.
 */
export function rolesFor(rules, need, { outside, lead = false }) {
  return need.allowed.filter((role) => {
    const rule = rules.roles[role] ?? {};
    if (rule.outside && !outside) return false;
    if (rule.lead_of_structure && (outside || !lead)) return false;
    return true;
  });
}

/**
 * Where a session's jury stands: the roles required and those still missing, the members whose
 * role this make-up does not allow, and whether the session may open (every required role held,
 * at least one member, no member out of place).
 */
export function composition(rules, session, members) {
  const need = makeUp(rules, session.scheme, session.modality);
  const live = members.filter((member) => !member.deleted);
  const held = new Set(live.map((member) => member.jury_role));
  const missing = need.required.filter((role) => !held.has(role));
  const notAllowed = live.filter((member) => !need.allowed.includes(member.jury_role));
  const complete = !need.needsModality && live.length > 0 && missing.length === 0 && notAllowed.length === 0;
  return { ...need, missing, notAllowed, complete };
}
