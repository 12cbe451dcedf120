import { redirect } from "next/navigation";
import { prisma } from "@/lib/db";
import type { Actor } from "./actor";
import { requestActor } from "./request-actor";

/** For pages: the signed-in actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await requestActor(await prisma());
  if (!actor) redirect("/sign-in");
  return actor;
}
