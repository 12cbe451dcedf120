import { redirect } from "next/navigation";
import type { Actor } from "./actor";
import { requestActor } from "./request-actor";

/** For pages: the signed-in actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await requestActor();
  if (!actor) redirect("/sign-in");
  return actor;
}
