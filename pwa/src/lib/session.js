/* Who is signed in on this page, in memory only. Nothing about a person is written to storage
 * here: on a shared tablet, switching candidate must leave no trace of the one before. */

export const STAFF_ROLES = new Set(['support_worker', 'lead', 'admin']);
export const MANAGER_ROLES = new Set(['lead', 'admin']);

/** The roles of /me ({ structure_id: [role, ...] }) as one flat list. */
export function roleNames(roles) {
  return Object.values(roles ?? {}).flat();
}

/** Structure ids where the person holds one of `wanted` (staff enrol tablets, managers invite). */
export function structuresWhere(roles, wanted = STAFF_ROLES) {
  return Object.entries(roles ?? {})
    .filter(([, names]) => names.some((name) => wanted.has(name)))
    .map(([structureId]) => structureId);
}

export function createSession() {
  const state = { person: null, roles: {}, kind: null, deviceId: null };
  return {
    get person() {
      return state.person;
    },
    get roles() {
      return state.roles;
    },
    /** How this person signed in: "passkey", or "picture" (a candidate on a shared tablet). */
    get kind() {
      return state.kind;
    },
    /** The enrolled tablet this browser is, if it is one. */
    get deviceId() {
      return state.deviceId;
    },
    get signedIn() {
      return state.person !== null;
    },
    /** On a shared tablet: a candidate signed in by their picture. */
    get onTablet() {
      return state.kind === 'picture';
    },
    get isStaff() {
      return roleNames(state.roles).some((name) => STAFF_ROLES.has(name));
    },
    get isManager() {
      return roleNames(state.roles).some((name) => MANAGER_ROLES.has(name));
    },
    /** Take what /me (or a sign-in answer) says. */
    update({ person, roles, session, device_id: deviceId } = {}) {
      if (person !== undefined) state.person = person;
      if (roles !== undefined) state.roles = roles;
      // /me names the enrolled tablet this browser is, whoever is signed in on it.
      if (deviceId !== undefined) state.deviceId = deviceId;
      if (session) {
        state.kind = session.kind ?? state.kind;
        state.deviceId = session.device_id ?? state.deviceId;
      }
    },
    /** Forget everyone: sign-out, candidate switch, revoked tablet. */
    clear() {
      state.person = null;
      state.roles = {};
      state.kind = null;
      state.deviceId = null;
    },
  };
}
