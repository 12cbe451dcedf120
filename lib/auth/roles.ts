import type { Role } from "@/lib/generated/prisma/enums";

export const ROLES = ["viewer", "editor", "admin"] as const satisfies readonly Role[];

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Roles are ordered: an admin may do what an editor may, an editor what a viewer may. */
export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}
