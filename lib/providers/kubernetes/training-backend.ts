import { ConsoleError } from "@/lib/errors/console-error";
import type { RunOutputs, RunRef, RunWorkloads, TrainingBackend } from "@/lib/providers/training";
import type { KubernetesContext } from "./context";
import type { KubeObjects } from "./kube-objects";
import { isStatus } from "./kube-errors";
import { KINDS, type KindRef, type Manifest } from "./manifests";
import { modelObjectUri } from "./model-hub";
import { ANNOTATION_MODEL_VERSION, ANNOTATION_STOP, runObjectNames, runVolumeName } from "./names";
import { planOf, type RunPlan } from "./paddle-job";
import { volumePhase } from "./pvc";
import { buildRunManifests, renderedRequest } from "./run-manifests";
import { belongsTo, observeRun, runNamespace, runOutputs } from "./run-observer";
import { runLogs, runLogStreams, runPods, type RunPod } from "./run-logs";
import { watchRuns } from "./run-watch";
import { discoverApis } from "./cluster-apis";
import { runVisualDlProxy, runVisualDlSource } from "./visualdl-access";

/** The training backend plus the run's pods on their own. */
export interface KubernetesTrainingBackend extends TrainingBackend {
  /** The run's pods by role, with phase and restarts. */
  pods(run: RunRef): Promise<RunPod[]>;
  workloads(run: RunRef): Promise<RunWorkloads>;
}

/** PaddleCloud training: a PaddleJob on the run's volume, VisualDL beside it, then export, model hub and registration. */
export function kubernetesTraining(ctx: KubernetesContext): KubernetesTrainingBackend {
  return {
    async readiness() {
      try {
        const apis = await discoverApis(ctx.session(), AbortSignal.timeout(10_000));
        const ok = apis.served.get("batch.paddlepaddle.org/v1")?.has("paddlejobs") ?? false;
        return ok
          ? { ok, message: `PaddleJob is installed; runs go to namespace ${ctx.namespace}.` }
          : { ok, message: "The cluster has no PaddleJob API (batch.paddlepaddle.org/v1): install paddle-operator." };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },

    async render(spec) {
      return renderedRequest(buildRunManifests(spec, ctx.target.config));
    },

    async launch(spec) {
      const run = buildRunManifests(spec, ctx.target.config);
      const objects = ctx.objects(run.namespace);
      const ref: RunRef = { runId: spec.runId, name: spec.name, attempt: spec.attempt, externalId: null, request: null };
      if (run.reusesClaim && !(await objects.get(KINDS.pvc, run.plan.claimName))) {
        throw new ConsoleError(
          "bad_request",
          `The volume ${run.plan.claimName} does not exist in namespace ${run.namespace}.`,
          { "targetOptions.volume.claimName": ["No such PersistentVolumeClaim"] },
        );
      }
      for (const { kind, manifest } of run.objects) {
        // The volume is shared by the run's attempts: a retry adopts the one its first attempt made.
        const owns = kind === KINDS.pvc ? (existing: Manifest) => existing.metadata.labels?.["ocr-console/run-id"] === spec.runId : (existing: Manifest) => belongsTo(existing, ref);
        await objects.ensure(kind, manifest, owns);
      }
      return { externalId: `${run.namespace}/${run.names.paddleJob}`, request: renderedRequest(run) };
    },

    async stop(run) {
      const namespace = runNamespace(ctx, run);
      const objects = ctx.objects(namespace);
      const names = runObjectNames(run.name, run.attempt);
      // Marked first, so a status read between the two calls says Stopping rather than Failed.
      await objects.update(KINDS.paddleJob, names.paddleJob, (job) =>
        belongsTo(job, run) && !job.metadata.annotations?.[ANNOTATION_STOP] ? { metadata: { annotations: { [ANNOTATION_STOP]: new Date().toISOString() } } } : null,
      );
      const job = await objects.get(KINDS.paddleJob, names.paddleJob);
      if (job && belongsTo(job, run)) await objects.delete(KINDS.paddleJob, names.paddleJob);
      for (const name of [names.exportJob, names.modelHubJob]) {
        const step = await objects.get(KINDS.job, name);
        if (step && belongsTo(step, run) && !isFinished(step)) await objects.delete(KINDS.job, name);
      }
    },

    status: (run) => observeRun(ctx, run),

    watch: (runs, onChange, signal) => watchRuns(ctx, runs, onChange, signal),

    logStreams: (run) => runLogStreams(ctx, run),

    logs: (run, options) => runLogs(ctx, run, options),

    pods: (run) => runPods(ctx, run),

    async workloads(run) {
      const objects = ctx.objects(runNamespace(ctx, run));
      const plan = await launchedPlan(objects, run);
      const claimName = plan?.claimName ?? runVolumeName(run.name);
      const [claim, pods] = await Promise.all([objects.get(KINDS.pvc, claimName), runPods(ctx, run)]);
      return { volume: claim ? { name: claimName, ...volumePhase(claim) } : null, pods };
    },

    async outputs(run) {
      const namespace = runNamespace(ctx, run);
      const objects = ctx.objects(namespace);
      const names = runObjectNames(run.name, run.attempt);
      const plan = await launchedPlan(objects, run);
      const outputs: RunOutputs = plan ? runOutputs(namespace, plan) : { volume: runVolumeName(run.name) };
      const hub = await objects.get(KINDS.job, names.modelHubJob);
      const version = hub && belongsTo(hub, run) ? hub.metadata.annotations?.[ANNOTATION_MODEL_VERSION] : undefined;
      if (plan && version && isFinished(hub!)) outputs.modelUri = modelObjectUri(plan.modelName, version);
      return outputs;
    },

    async remove(run, { deleteOutputs }) {
      const namespace = runNamespace(ctx, run);
      const objects = ctx.objects(namespace);
      const names = runObjectNames(run.name, run.attempt);
      const job = await objects.get(KINDS.paddleJob, names.paddleJob);
      const plan = job ? planOf(job) : null;
      const mine = async (kind: KindRef, name: string) => {
        const found = await objects.get(kind, name);
        if (found && belongsTo(found, run)) await objects.delete(kind, name);
      };
      await mine(KINDS.paddleJob, names.paddleJob);
      await mine(KINDS.job, names.exportJob);
      await mine(KINDS.job, names.modelHubJob);
      await mine(KINDS.deployment, names.visualdl);
      await mine(KINDS.service, names.visualdl);
      if (deleteOutputs) {
        // Only a volume the run made: a reused claim belongs to whoever made it.
        const claim = plan?.claimName ?? runVolumeName(run.name);
        const volume = await objects.get(KINDS.pvc, claim);
        if (volume && volume.metadata.labels?.["ocr-console/run-id"] === run.runId) {
          try {
            await objects.delete(KINDS.pvc, claim);
          } catch (error) {
            if (!isStatus((error as { kube?: unknown }).kube, 404)) throw error;
          }
        }
      }
    },

    visualdlSource: (run) => runVisualDlSource(ctx, run),

    visualdlProxy: (run) => runVisualDlProxy(ctx, run),
  };
}

function isFinished(job: Manifest): boolean {
  const conditions = ((job.status ?? {}) as { conditions?: Array<{ type: string; status: string }> }).conditions ?? [];
  return conditions.some((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
}

/** What this run's PaddleJob was launched with, when the PaddleJob exists and is this run's. */
async function launchedPlan(objects: KubeObjects, run: RunRef): Promise<RunPlan | null> {
  const job = await objects.get(KINDS.paddleJob, runObjectNames(run.name, run.attempt).paddleJob);
  return job && belongsTo(job, run) ? planOf(job) : null;
}
