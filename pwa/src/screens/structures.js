/* The structures a staff member works for, with their names, for the screens that ask "which
 * structure?" (tablet enrolment, the tablets list, invitations). */

import { STAFF_ROLES, structuresWhere } from '../lib/session.js';

/** [{ id, name, workshops: [{ id, name }] }] where the signed-in person holds a `wanted` role. */
export async function staffStructures(ctx, wanted = STAFF_ROLES) {
  return Promise.all(
    structuresWhere(ctx.session.roles, wanted).map(async (id) => {
      try {
        const structure = await ctx.api.get(`/records/structure/${id}`);
        return { id, name: structure.name ?? id, workshops: structure.workshops ?? [] };
      } catch {
        return { id, name: id, workshops: [] };
      }
    }),
  );
}
