import type { Role } from "@/lib/generated/prisma/enums";

/** Who is acting: a signed-in user in the browser, or an API token's owner. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  teamId: string;
  via: "session" | "api-token";
}

export function actorLabel(actor: Actor): string {
  return actor.via === "api-token" ? `${actor.email} (API token)` : actor.email;
}
