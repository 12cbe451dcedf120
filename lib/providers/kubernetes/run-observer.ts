import type { RunObservation, RunOutputs, RunRef } from "@/lib/providers/training";
import type { KubernetesContext } from "./context";
import { KINDS, type Manifest } from "./manifests";
import { exportJobManifest, jobState, modelHubJobManifest, modelObjectUri } from "./model-hub";
import { ANNOTATION_MODEL_VERSION, LABEL_ATTEMPT, LABEL_RUN, runObjectNames } from "./names";
import { observePaddleJob, planOf, type RunPlan } from "./paddle-job";
import { nextModelVersion, registerRunModelObject } from "./register-model";
import { VDL_LOG_DIR } from "./visualdl";
import { TASK_CENTER } from "./paddle-job";

// A run's state read from the cluster: the PaddleJob's phase, and after it succeeds the export and
// model hub Jobs the console starts, then the registration. Every step is idempotent (deterministic
// names, create-or-adopt, registration looked up by run), so a watch event, a status call and a
// restarted console all move a run on the same way without doing anything twice.

/** The namespace a run was launched in (`<namespace>/<name>` externalId), else the target's. */
export function runNamespace(ctx: KubernetesContext, run: RunRef): string {
  const slash = run.externalId?.indexOf("/") ?? -1;
  return slash > 0 ? run.externalId!.slice(0, slash) : ctx.namespace;
}

export function belongsTo(object: Manifest, run: RunRef): boolean {
  const labels = object.metadata.labels ?? {};
  return labels[LABEL_RUN] === run.runId && labels[LABEL_ATTEMPT] === String(run.attempt);
}

/**
 * Reads of one run attempt in this process run one after the other (a watch event and a status call
 * may race): never two registrations at once, and never a stale answer handed to a later caller.
 */
const queues = new Map<string, Promise<RunObservation>>();

/**
 * The run as the cluster has it now. `known` is the PaddleJob when the caller has it already (a
 * watch event), null when it is known to be gone.
 */
export function observeRun(ctx: KubernetesContext, run: RunRef, known?: Manifest | null): Promise<RunObservation> {
  const key = `${ctx.target.name}/${run.runId}#${run.attempt}`;
  const previous = queues.get(key) ?? Promise.resolve(null);
  const work = previous.catch(() => null).then(() => observe(ctx, run, known));
  queues.set(key, work);
  void work.catch(() => undefined).finally(() => {
    if (queues.get(key) === work) queues.delete(key);
  });
  return work;
}

async function observe(ctx: KubernetesContext, run: RunRef, known: Manifest | null | undefined): Promise<RunObservation> {
  const namespace = runNamespace(ctx, run);
  const objects = ctx.objects(namespace);
  const names = runObjectNames(run.name, run.attempt);
  const job = known !== undefined ? known : await objects.get(KINDS.paddleJob, names.paddleJob);
  if (!job) {
    if (!run.externalId) return { state: "Queued", phase: null, message: "Not launched on the cluster yet." };
    return { state: "Stopped", phase: null, reason: "Deleted", message: `The PaddleJob ${namespace}/${names.paddleJob} no longer exists.` };
  }
  if (!belongsTo(job, run)) {
    return { state: "Failed", phase: null, reason: "NameTaken", message: `The PaddleJob ${namespace}/${names.paddleJob} belongs to another run; rename this run.` };
  }
  const plan = planOf(job);
  const observation: RunObservation = { ...observePaddleJob(job), outputs: plan ? runOutputs(namespace, plan) : {} };
  if (observation.state === "Failed") Object.assign(observation, await exitOf(ctx, namespace, run));
  if (observation.state !== "Succeeded" || !plan?.registerModel) return observation;
  return advanceModel(ctx, run, namespace, plan, observation);
}

/** Where the run's files are: on its volume (`pvc://<namespace>/<claim>/…`). */
export function runOutputs(namespace: string, plan: RunPlan): RunOutputs {
  const volume = `pvc://${namespace}/${plan.claimName}`;
  return {
    checkpointsUri: `${volume}/models/`,
    inferenceModelUri: `${volume}/inference/`,
    ...(plan.visualdl ? { visualdlUri: `${volume}${VDL_LOG_DIR.slice(TASK_CENTER.length)}/` } : {}),
    volume: plan.claimName,
  };
}

/** The exit code of the worker that failed, from its pod's last terminated container. */
async function exitOf(ctx: KubernetesContext, namespace: string, run: RunRef): Promise<Partial<RunObservation>> {
  const pods = await ctx.objects(namespace).list(KINDS.pod, { labelSelector: `${LABEL_RUN}=${run.runId},${LABEL_ATTEMPT}=${run.attempt}` }).catch(() => ({ items: [] as Manifest[] }));
  for (const pod of pods.items) {
    const statuses = ((pod.status ?? {}) as { containerStatuses?: Array<{ state?: { terminated?: { exitCode?: number; reason?: string; signal?: number } } }> }).containerStatuses ?? [];
    for (const status of statuses) {
      const terminated = status.state?.terminated;
      if (terminated && terminated.exitCode !== undefined && terminated.exitCode !== 0) {
        return { exitCode: terminated.exitCode, ...(terminated.signal ? { exitSignal: String(terminated.signal) } : {}), message: `${pod.metadata.name} exited with code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ""}` };
      }
    }
  }
  return {};
}

/**
 * Export → model hub upload → registration, after the PaddleJob succeeded. Until the version is
 * registered the run is still Running (phase Exporting / Uploading model), so it is not reported
 * done before its model is.
 */
async function advanceModel(ctx: KubernetesContext, run: RunRef, namespace: string, plan: RunPlan, trained: RunObservation): Promise<RunObservation> {
  const objects = ctx.objects(namespace);
  const names = runObjectNames(run.name, run.attempt);
  const owns = (existing: Manifest) => belongsTo(existing, run);
  const pullSecret = ctx.target.config.imagePullSecret ?? null;
  const step = (phase: string, message: string): RunObservation => ({ ...trained, state: "Running", phase, message, finishedAt: null });

  const exported = await objects.get(KINDS.job, names.exportJob);
  if (!exported) {
    await objects.ensure(KINDS.job, exportJobManifest({ plan, name: names.exportJob, namespace, imagePullSecret: pullSecret }), owns);
    return step("Exporting", "Exporting the inference model (tools/export_model.py) and converting it for PaddleServing");
  }
  const exportState = jobState(exported);
  if (exportState.state === "Running") return step("Exporting", "Exporting the inference model (tools/export_model.py) and converting it for PaddleServing");
  if (exportState.state === "Failed") return { ...trained, state: "Failed", phase: "ExportFailed", reason: "ExportFailed", message: `The export Job ${names.exportJob} failed: ${exportState.message}` };

  const uploaded = await objects.get(KINDS.job, names.modelHubJob);
  if (!uploaded) {
    const version = await nextModelVersion(registryDeps(ctx), run.runId, plan.modelName);
    await objects.ensure(
      KINDS.job,
      modelHubJobManifest({ plan, name: names.modelHubJob, namespace, version, minioEndpoint: ctx.target.config.minioEndpoint, secretName: ctx.target.config.modelHubSecret, imagePullSecret: pullSecret }),
      owns,
    );
    return step("Uploading", `Uploading ${plan.modelName}.tar.gz to the model hub (model-center/${plan.modelName}/${version}/)`);
  }
  const version = uploaded.metadata.annotations?.[ANNOTATION_MODEL_VERSION] ?? "latest";
  const uploadState = jobState(uploaded);
  if (uploadState.state === "Running") return step("Uploading", `Uploading ${plan.modelName}.tar.gz to the model hub (model-center/${plan.modelName}/${version}/)`);
  if (uploadState.state === "Failed") return { ...trained, state: "Failed", phase: "ModelUploadFailed", reason: "ModelUploadFailed", message: `The model hub Job ${names.modelHubJob} failed: ${uploadState.message}` };

  const modelUri = modelObjectUri(plan.modelName, version);
  const finishedAt = (uploaded.status as { completionTime?: string } | undefined)?.completionTime;
  const done: RunObservation = { ...trained, finishedAt: finishedAt ? new Date(finishedAt) : trained.finishedAt ?? null, outputs: { ...trained.outputs, modelUri } };
  try {
    const registered = await registerRunModelObject(registryDeps(ctx), { runId: run.runId, modelName: plan.modelName, version, uri: modelUri, targetName: ctx.target.name });
    return { ...done, message: `Registered ${registered.modelName}:${registered.version}`, outputs: { ...done.outputs, registeredVersion: registered } };
  } catch (error) {
    // The run did train and upload; registration can be done again from the run page.
    const reason = error instanceof Error ? error.message : String(error);
    return { ...done, message: `Trained and uploaded to ${modelUri}, but not registered: ${reason}`, outputs: { ...done.outputs, registrationError: reason } };
  }
}

function registryDeps(ctx: KubernetesContext) {
  return { prisma: () => ctx.prisma(), ...(ctx.deps.registryStore ? { registryStore: ctx.deps.registryStore } : {}) };
}
