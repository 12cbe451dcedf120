import type { Target } from "@/lib/generated/prisma/client";
import type { ResolvedTarget } from "@/lib/providers/types";
import {
  kubernetesTargetConfigSchema,
  kubernetesTargetSecretsSchema,
  sagemakerTargetConfigSchema,
  sagemakerTargetSecretsSchema,
} from "@/lib/schemas/targets";
import { openSecrets } from "./target-secrets";

/** Decrypts a target's secrets for a provider. The result must stay on the server. */
export function resolveTarget(target: Target): ResolvedTarget {
  const config = target.config as Record<string, unknown>;
  switch (target.kind) {
    case "local":
      return { name: target.name, kind: "local", config: {}, secrets: {} };
    case "kubernetes":
      return {
        name: target.name,
        kind: "kubernetes",
        config: kubernetesTargetConfigSchema.parse(config),
        secrets: kubernetesTargetSecretsSchema.parse(openSecrets(target.secretCiphertext)),
      };
    case "sagemaker":
      return {
        name: target.name,
        kind: "sagemaker",
        config: sagemakerTargetConfigSchema.parse(config),
        secrets: sagemakerTargetSecretsSchema.parse(openSecrets(target.secretCiphertext)),
      };
  }
}
