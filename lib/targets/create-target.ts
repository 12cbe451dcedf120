import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { auditBy } from "@/lib/audit/record-audit-event";
import { ConsoleError, isUniqueViolation } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { createTargetSchema, type TargetView } from "@/lib/schemas/targets";
import { sealSecrets } from "./target-secrets";
import { toTargetView } from "./target-view";
import { validateKubeconfig } from "./validate-kubeconfig";

export async function createTarget(prisma: PrismaClient, actor: Actor, rawInput: unknown): Promise<TargetView> {
  const input = parseInput(createTargetSchema, rawInput);
  if (input.name === "local") throw new ConsoleError("conflict", 'The name "local" belongs to this machine.', { name: ["Reserved name"] });
  if (input.kind === "kubernetes") validateKubeconfig(input.config, input.secrets);
  if (input.kind === "sagemaker" && Boolean(input.secrets.accessKeyId) !== Boolean(input.secrets.secretAccessKey)) {
    throw new ConsoleError("bad_request", "Give both the access key ID and the secret access key, or neither to use the default credential chain.", {
      "secrets.secretAccessKey": ["Both keys or neither"],
    });
  }
  const { ciphertext, names } = sealSecrets(input.secrets);
  try {
    const target = await prisma.$transaction(async (tx) => {
      const created = await tx.target.create({
        data: {
          teamId: actor.teamId,
          name: input.name,
          kind: input.kind,
          config: { ...input.config, secretNames: names },
          secretCiphertext: ciphertext,
          createdById: actor.userId,
        },
      });
      await auditBy(tx, actor, {
        action: "target.create",
        objectType: "target",
        objectId: created.id,
        details: { name: created.name, kind: created.kind, secretsSet: names },
      });
      return created;
    });
    return toTargetView(target);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConsoleError("conflict", `A target named "${input.name}" already exists.`, { name: ["This name is taken"] });
    }
    throw error;
  }
}
