import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { ConsoleError } from "@/lib/errors/console-error";
import { providerFor } from "@/lib/providers";
import type { ConnectionCheck } from "@/lib/providers/types";
import { resolveTarget } from "./resolve-target";

/** "Test connection": asks the target's backend for real and remembers the answer for the list. */
export async function checkTarget(prisma: PrismaClient, actor: Actor, name: string): Promise<ConnectionCheck> {
  const target = await prisma.target.findUnique({ where: { teamId_name: { teamId: actor.teamId, name } } });
  if (!target) throw new ConsoleError("not_found", `No target named "${name}".`);
  const check = await providerFor(resolveTarget(target)).check();
  await prisma.target.update({
    where: { id: target.id },
    data: { lastCheckAt: new Date(check.checkedAt), lastCheckOk: check.ok, lastCheckMessage: check.summary },
  });
  return check;
}
