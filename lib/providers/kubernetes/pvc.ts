import { apiVersionOf, KINDS, type Manifest } from "./manifests";

// The run's shared volume, as the seed's `dsl.VolumeOp` makes it: ReadWriteMany so every step's pods
// (PaddleJob workers, VisualDL, export, model hub) mount it at /mnt/task-center.

export function volumeClaimManifest(input: { name: string; namespace: string; size: string; storageClass: string | null; labels: Record<string, string> }): Manifest {
  return {
    apiVersion: apiVersionOf(KINDS.pvc),
    kind: KINDS.pvc.kind,
    metadata: { name: input.name, namespace: input.namespace, labels: input.labels },
    spec: {
      accessModes: ["ReadWriteMany"],
      resources: { requests: { storage: input.size } },
      ...(input.storageClass ? { storageClassName: input.storageClass } : {}),
    },
  };
}

/** `Bound`, `Pending` or `Lost`, with the capacity it got. */
export function volumePhase(claim: Manifest): { phase: string; capacity: string | null } {
  const status = (claim.status ?? {}) as { phase?: string; capacity?: { storage?: string } };
  return { phase: status.phase ?? "Pending", capacity: status.capacity?.storage ?? null };
}
