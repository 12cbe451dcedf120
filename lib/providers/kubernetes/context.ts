import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { RegistryStore } from "@/lib/registry/registry-store";
import type { ResolvedTarget } from "../types";
import { KubeObjects } from "./kube-objects";
import { KubeSession } from "./kube-session";
import { sleep } from "@/lib/async/sleep";

export type KubernetesTarget = Extract<ResolvedTarget, { kind: "kubernetes" }>;

/** What the Kubernetes backends take from outside, replaceable in tests. */
export interface KubernetesDeps {
  /** The console's database (runs' teams, metrics and lineage for registration). */
  prisma?: () => Promise<PrismaClient>;
  /** Where model versions are registered; the configured registry bucket by default. */
  registryStore?: () => RegistryStore;
  /** Pause between reads while a dataset is being cached (default 2 s). */
  pollIntervalMs?: number;
  /** First pause before a dropped watch reconnects; doubled on each failure up to 30 s (default 1 s). */
  watchBackoffMs?: number;
  /** Picks a variant for a request by traffic share (Math.random by default). */
  random?: () => number;
}

/** One target's connection, opened on first use and shared by its training, dataset and serving backends. */
export class KubernetesContext {
  private opened: KubeSession | null = null;

  constructor(
    readonly target: KubernetesTarget,
    readonly deps: KubernetesDeps = {},
  ) {}

  get namespace(): string {
    return this.target.config.namespace;
  }

  session(): KubeSession {
    this.opened ??= new KubeSession(this.target.config, this.target.secrets);
    return this.opened;
  }

  objects(namespace: string = this.namespace): KubeObjects {
    return new KubeObjects(this.session(), namespace);
  }

  async prisma(): Promise<PrismaClient> {
    if (this.deps.prisma) return this.deps.prisma();
    const { prisma } = await import("@/lib/db");
    return prisma();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleep(ms, signal);
  }
}
