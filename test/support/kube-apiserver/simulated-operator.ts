import { createHash, randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createGzip } from "node:zlib";
import { pack } from "tar-stream";
import { createLogWriter } from "../../../lib/visualdl/writer";
import type { KubeObject, StoreEvent } from "./object-store";
import type { KubeApiServer, ResourceHandle } from "./server";

// The controllers and kubelets of a PaddleCloud cluster, simulated: what paddle-operator, its
// SampleSet controller, the batch/apps controllers, ElasticServing and Knative do to the objects the
// console creates, step by step, so a client watching the API server sees what it would see on a
// real cluster. Containers "run" by recognising what the console starts in them (PaddleOCR's
// tools/train.py, the model hub uploader, VisualDL and its file sidecar, PaddleServing) and writing
// the logs, files and answers those programs would.

export type PaddleJobOutcome = "Succeed" | "Failed";

export interface SimulatedOperatorOptions {
  /** Milliseconds between two steps of any controller (default 40). */
  stepMs?: number;
  /** Training epochs and logged steps per epoch the simulated PaddleOCR runs (defaults 2 and 2). */
  epochs?: number;
  stepsPerEpoch?: number;
  /** How a PaddleJob ends (default: Succeed). */
  paddleJobOutcome?: (job: KubeObject) => PaddleJobOutcome;
  /** How a batch Job ends (default: Complete). */
  jobOutcome?: (job: KubeObject) => "Complete" | "Failed";
  /** How a SampleJob ends (default: Succeeded). */
  sampleJobOutcome?: (job: KubeObject) => "Succeeded" | "Failed";
  /** Size the simulated data source has, for SampleSet cache sizes (default 150 MiB in 1,000 files). */
  datasetBytes?: number;
  /** Restart the first worker's container once after its first training step (for `--previous` logs). */
  restartFirstWorker?: boolean;
  /** Where the contents of PersistentVolumeClaims live (a fresh temporary directory by default). */
  volumeRoot?: string;
  /** The model hub Job's `mc cp`: receives the tarball it uploads to MinIO. */
  onModelUpload?: (upload: { bucket: string; key: string; bytes: Uint8Array }) => Promise<void> | void;
}

export interface SimulatedOperator {
  /** The directory holding a claim's files (what a pod sees at the mount path). */
  volumeDir(namespace: string, claimName: string): string;
  /** Resolves once every controller step started so far has finished. */
  idle(): Promise<void>;
  stop(): void;
}

const PADDLE = "batch.paddlepaddle.org";
/** Where PaddleOCR writes VisualDL records with `Global.use_visualdl=True` (save_model_dir + /vdl). */
const VDL_DIR = "/mnt/task-center/models/vdl";

export async function startSimulatedOperator(api: KubeApiServer, options: SimulatedOperatorOptions = {}): Promise<SimulatedOperator> {
  const stepMs = options.stepMs ?? 40;
  const epochs = options.epochs ?? 2;
  const stepsPerEpoch = options.stepsPerEpoch ?? 2;
  const volumeRoot = options.volumeRoot ?? (await mkdtemp(path.join(os.tmpdir(), "fake-cluster-volumes-")));
  const running = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const handle = (group: string, resource: string): ResourceHandle => api.resource(group, resource);
  const sleep = (ms = stepMs) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const volumeDir = (namespace: string, claim: string) => {
    const dir = path.join(volumeRoot, namespace, claim);
    mkdirSync(dir, { recursive: true });
    return dir;
  };

  /** Runs a controller script; it ends quietly when the object it works on is deleted under it. */
  const spawn = (work: () => Promise<void>) => {
    const promise = work()
      .catch((error: unknown) => {
        if (!stopped && !(error instanceof Gone)) console.error("[simulated-operator]", error);
      })
      .finally(() => running.delete(promise));
    running.add(promise);
  };

  const unsubscribe = api.store.subscribe((event: StoreEvent) => {
    if (stopped) return;
    const { group, resource } = event.ref;
    if (event.type === "ADDED") {
      if (group === PADDLE && resource === "paddlejobs") spawn(() => runPaddleJob(event.object));
      else if (group === PADDLE && resource === "samplesets") spawn(() => runSampleSet(event.object));
      else if (group === PADDLE && resource === "samplejobs") spawn(() => runSampleJob(event.object));
      else if (group === "batch" && resource === "jobs") spawn(() => runJob(event.object));
      else if (group === "apps" && resource === "deployments") spawn(() => runDeployment(event.object));
      else if (group === "" && resource === "persistentvolumeclaims") spawn(() => bindClaim(event.object));
    }
    if (resource === "paddleservices" && event.type !== "DELETED") {
      const generation = event.object.metadata.generation ?? 1;
      const observed = (event.object.status as { observedGeneration?: number } | undefined)?.observedGeneration;
      if (observed !== generation) spawn(() => reconcilePaddleService(group, event.object));
    }
  });

  class Gone extends Error {}

  /** The object as stored now; throws Gone when it was deleted or replaced (a new uid). */
  const current = (h: ResourceHandle, object: KubeObject) => {
    const found = h.get(object.metadata.namespace, object.metadata.name);
    if (!found || found.metadata.uid !== object.metadata.uid) throw new Gone();
    return found;
  };

  const ownerRef = (owner: KubeObject) => [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }];

  const event = (object: KubeObject, reason: string, message: string, type: "Normal" | "Warning" = "Normal") => {
    const now = new Date().toISOString();
    handle("", "events").create({
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: `${object.metadata.name}.${randomBytes(8).toString("hex")}`, namespace: object.metadata.namespace },
      involvedObject: { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace, uid: object.metadata.uid },
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source: { component: object.kind === "Pod" ? "kubelet" : `${object.kind.toLowerCase()}-controller` },
    } as KubeObject);
  };

  // --- PersistentVolumeClaim: a provisioner binds it -------------------------------------------
  async function bindClaim(claim: KubeObject): Promise<void> {
    const claims = handle("", "persistentvolumeclaims");
    await sleep();
    const spec = current(claims, claim).spec as { accessModes?: string[]; resources?: { requests?: { storage?: string } } };
    volumeDir(claim.metadata.namespace!, claim.metadata.name);
    claims.setStatus(claim.metadata.namespace, claim.metadata.name, { phase: "Bound", accessModes: spec.accessModes, capacity: { storage: spec.resources?.requests?.storage } });
  }

  // --- Pods: created by controllers, "run" by the fake kubelet ------------------------------------
  interface PodTemplate {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: { containers?: Container[]; initContainers?: Container[]; volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName: string } }>; restartPolicy?: string };
  }
  interface Container {
    name: string;
    image?: string;
    command?: string[];
    args?: string[];
    ports?: Array<{ containerPort: number }>;
    volumeMounts?: Array<{ name: string; mountPath: string }>;
  }

  function createPod(owner: KubeObject, name: string, template: PodTemplate, labels: Record<string, string>): KubeObject {
    const spec = structuredClone(template.spec ?? {});
    return handle("", "pods").create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, namespace: owner.metadata.namespace, labels: { ...(template.metadata?.labels ?? {}), ...labels }, annotations: template.metadata?.annotations ?? {}, ownerReferences: ownerRef(owner) },
      spec,
      status: {
        phase: "Pending",
        containerStatuses: (spec.containers ?? []).map((c) => ({ name: c.name, image: c.image, ready: false, restartCount: 0, state: { waiting: { reason: "ContainerCreating" } } })),
      },
    } as KubeObject);
  }

  function setPodPhase(pod: KubeObject, phase: "Running" | "Succeeded" | "Failed", exitCode = 0, restarts = 0): void {
    const pods = handle("", "pods");
    const live = pods.get(pod.metadata.namespace, pod.metadata.name);
    if (!live) throw new Gone();
    const now = new Date().toISOString();
    const containers = ((live.spec as PodTemplate["spec"])?.containers ?? []).map((c) => ({
      name: c.name,
      image: c.image,
      ready: phase === "Running",
      restartCount: restarts,
      state: phase === "Running" ? { running: { startedAt: now } } : { terminated: { exitCode, reason: exitCode === 0 ? "Completed" : "Error", finishedAt: now } },
      ...(restarts > 0 ? { lastState: { terminated: { exitCode: 137, reason: "OOMKilled", finishedAt: now } } } : {}),
    }));
    pods.setStatus(live.metadata.namespace, live.metadata.name, { phase, podIP: "10.244.0.17", startTime: (live.status as { startTime?: string })?.startTime ?? now, containerStatuses: containers });
    if (phase !== "Running") for (const c of containers) api.logs.finish(live.metadata.namespace!, live.metadata.name, c.name);
  }

  const claimMounts = (spec: PodTemplate["spec"], container: Container) =>
    (container.volumeMounts ?? []).flatMap((mount) => {
      const claim = spec?.volumes?.find((v) => v.name === mount.name)?.persistentVolumeClaim?.claimName;
      return claim ? [{ claim, mountPath: mount.mountPath.replace(/\/$/, "") }] : [];
    });

  /** The directory a container path lands in, through the container's PVC mounts. */
  const hostPath = (namespace: string, spec: PodTemplate["spec"], container: Container, containerPath: string): string | null => {
    for (const mount of claimMounts(spec, container)) {
      if (containerPath === mount.mountPath || containerPath.startsWith(`${mount.mountPath}/`)) {
        return path.join(volumeDir(namespace, mount.claim), containerPath.slice(mount.mountPath.length));
      }
    }
    return null;
  };

  // --- PaddleJob: paddle-operator -----------------------------------------------------------
  async function runPaddleJob(job: KubeObject): Promise<void> {
    const jobs = handle(PADDLE, "paddlejobs");
    const namespace = job.metadata.namespace!;
    const spec = job.spec as { cleanPodPolicy?: string; worker?: { replicas: number; template: PodTemplate }; ps?: { replicas: number; template: PodTemplate } };
    const roles = (["ps", "worker"] as const).filter((role) => spec[role] && spec[role]!.replicas > 0);
    const mode = spec.ps && spec.ps.replicas > 0 ? "PS" : (spec.worker?.replicas ?? 0) > 1 ? "Collective" : "Single";
    const counts = (state: "pending" | "running" | "succeeded" | "failed") =>
      Object.fromEntries(roles.map((role) => [role, { [state]: spec[role]!.replicas, refs: podNames(role).map((name) => ({ apiVersion: "v1", kind: "Pod", name, namespace })) }]));
    const podNames = (role: "ps" | "worker") => Array.from({ length: spec[role]!.replicas }, (_, i) => `${job.metadata.name}-${role}-${i}`);
    const startTime = new Date().toISOString();

    await sleep();
    current(jobs, job);
    const pods: Array<{ pod: KubeObject; role: "ps" | "worker"; index: number }> = [];
    for (const role of roles) {
      podNames(role).forEach((name, index) => {
        const pod = createPod(job, name, spec[role]!.template, { "paddle-res-name": name, "paddle-res-type": role });
        pods.push({ pod, role, index });
        event(job, "Created", `Created pod: ${name}`);
      });
    }
    jobs.setStatus(namespace, job.metadata.name, { phase: "Pending", mode, startTime, ...counts("pending") });

    await sleep();
    current(jobs, job);
    for (const { pod } of pods) {
      setPodPhase(pod, "Running");
      event(pod, "Started", `Started container ${podContainer(pod).name}`);
    }
    jobs.setStatus(namespace, job.metadata.name, { phase: "Running", mode, startTime, ...counts("running") });
    event(job, "Running", "all pods are running");

    const worker = pods.find((p) => p.role === "worker")!;
    const outcome = options.paddleJobOutcome?.(job) ?? "Succeed";
    const trainer = podContainer(worker.pod);
    const command = [...(trainer.command ?? []), ...(trainer.args ?? [])].join(" ");
    const det = !/configs\/(rec|cls)\//.test(command);
    const vdl = /Global\.use_visualdl=True/.test(command)
      ? await createLogWriter(path.join(hostPath(namespace, worker.pod.spec as PodTemplate["spec"], trainer as Container, VDL_DIR) ?? path.join(volumeRoot, "unmounted"), ""), { flushBytes: 1 })
      : null;
    const log = (line: string) => {
      const now = new Date();
      const stamp = `${now.getFullYear()}/${two(now.getMonth() + 1)}/${two(now.getDate())} ${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`;
      for (const { pod } of pods.filter((p) => p.role === "worker")) api.logs.append(namespace, pod.metadata.name, podContainer(pod).name, `[${stamp}] ppocr INFO: ${line}`);
    };
    log(`Architecture : \n    algorithm : ${det ? "DB" : "SVTR_LCNet"}`);
    log(`train dataloader has ${stepsPerEpoch} iters`);

    let restarts = 0;
    let step = 0;
    let best = 0;
    for (let epoch = 1; epoch <= epochs; epoch += 1) {
      for (let i = 0; i < stepsPerEpoch; i += 1) {
        await sleep();
        current(jobs, job);
        step += 10;
        const loss = 2.5 / (1 + step / 10);
        log(`epoch: [${epoch}/${epochs}], global_step: ${step}, lr: 0.001000, loss: ${loss.toFixed(6)}, avg_reader_cost: 0.01030 s, avg_batch_cost: 0.51240 s, avg_samples: 8.0, ips: 15.61250 samples/s, eta: 0:00:${two(epochs * stepsPerEpoch - step / 10)}`);
        vdl?.addScalar("TRAIN/loss", loss, step);
        vdl?.addScalar("TRAIN/lr", 0.001, step);
        if (options.restartFirstWorker && restarts === 0) {
          restarts = 1;
          api.logs.append(namespace, worker.pod.metadata.name, trainer.name, "Killed");
          api.logs.restart(namespace, worker.pod.metadata.name, trainer.name);
          setPodPhase(worker.pod, "Running", 0, restarts);
          event(worker.pod, "BackOff", `Back-off restarting failed container ${trainer.name}`, "Warning");
        }
      }
      if (outcome === "Failed" && epoch === epochs) break;
      const value = Math.min(0.95, 0.3 + 0.25 * epoch);
      best = Math.max(best, value);
      if (det) {
        log(`cur metric, precision: ${(value + 0.02).toFixed(4)}, recall: ${(value - 0.02).toFixed(4)}, hmean: ${value.toFixed(4)}, fps: 21.5`);
        log(`best metric, hmean: ${best.toFixed(4)}, is_float16: False, precision: ${(best + 0.02).toFixed(4)}, recall: ${(best - 0.02).toFixed(4)}, fps: 21.5, best_epoch: ${epoch}`);
        vdl?.addScalar("EVAL/hmean", value, step);
      } else {
        log(`cur metric, acc: ${value.toFixed(4)}, norm_edit_dis: ${(value + 0.05).toFixed(4)}, fps: 120.3`);
        log(`best metric, acc: ${best.toFixed(4)}, is_float16: False, norm_edit_dis: ${(best + 0.05).toFixed(4)}, fps: 120.3, best_epoch: ${epoch}`);
        vdl?.addScalar("EVAL/acc", value, step);
      }
    }
    await vdl?.close();
    await sleep();
    current(jobs, job);
    if (outcome === "Failed") {
      for (const { pod } of pods) api.logs.append(namespace, pod.metadata.name, podContainer(pod).name, "Traceback (most recent call last):\n  File \"tools/train.py\", line 191, in <module>\nRuntimeError: (ResourceExhausted) Out of memory error on GPU 0.");
    } else {
      log(`save model in /mnt/task-center/models/best_accuracy`);
    }
    for (const { pod, role } of pods) setPodPhase(pod, outcome === "Succeed" || role === "ps" ? "Succeeded" : "Failed", outcome === "Succeed" ? 0 : 1, pod === worker.pod ? restarts : 0);
    jobs.setStatus(namespace, job.metadata.name, { phase: outcome, mode, startTime, completionTime: new Date().toISOString(), ...counts(outcome === "Succeed" ? "succeeded" : "failed") });
    event(job, outcome === "Succeed" ? "Succeeded" : "Failed", outcome === "Succeed" ? "paddlejob completed" : "worker exited with code 1", outcome === "Succeed" ? "Normal" : "Warning");
    const clean = spec.cleanPodPolicy ?? "OnCompletion";
    if (clean === "Always" || (clean === "OnCompletion" && outcome === "Succeed") || (clean === "OnFailure" && outcome === "Failed")) {
      await sleep();
      for (const { pod } of pods) handle("", "pods").delete(namespace, pod.metadata.name);
    }
  }

  // --- batch/v1 Job: the job controller, and what its container does --------------------------
  async function runJob(job: KubeObject): Promise<void> {
    const jobs = handle("batch", "jobs");
    const namespace = job.metadata.namespace!;
    const template = (job.spec as { template: PodTemplate }).template;
    const podName = `${job.metadata.name}-${randomBytes(3).toString("hex").slice(0, 5)}`;
    await sleep();
    current(jobs, job);
    const startTime = new Date().toISOString();
    const pod = createPod(job, podName, template, { "job-name": job.metadata.name, "batch.kubernetes.io/job-name": job.metadata.name, "controller-uid": job.metadata.uid! });
    jobs.setStatus(namespace, job.metadata.name, { startTime, active: 1 });
    await sleep();
    current(jobs, job);
    setPodPhase(pod, "Running");
    const outcome = options.jobOutcome?.(job) ?? "Complete";
    for (const container of [...(template.spec?.initContainers ?? []), ...(template.spec?.containers ?? [])]) {
      await runContainer(namespace, pod, template.spec, container, outcome);
    }
    await sleep();
    current(jobs, job);
    setPodPhase(pod, outcome === "Complete" ? "Succeeded" : "Failed", outcome === "Complete" ? 0 : 1);
    const now = new Date().toISOString();
    jobs.setStatus(
      namespace,
      job.metadata.name,
      outcome === "Complete"
        ? { startTime, completionTime: now, succeeded: 1, conditions: [{ type: "Complete", status: "True", lastProbeTime: now, lastTransitionTime: now }] }
        : { startTime, failed: 1, conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit", lastProbeTime: now, lastTransitionTime: now }] },
    );
  }

  /** What the console's one-shot containers do, recognised by their commands. */
  async function runContainer(namespace: string, pod: KubeObject, spec: PodTemplate["spec"], container: Container, outcome: "Complete" | "Failed"): Promise<void> {
    const say = (text: string) => api.logs.append(namespace, pod.metadata.name, container.name, text);
    const script = [...(container.command ?? []), ...(container.args ?? [])].join(" ");
    if (outcome === "Failed") {
      say("Error: something went wrong");
      return;
    }
    if (script.includes("tools/export_model.py")) {
      say("[2024/01/01 12:00:00] ppocr INFO: inference model is saved to /mnt/task-center/inference/inference");
    } else if (script.includes("paddle_serving_client.convert")) {
      const [mountPath, modelName] = container.args ?? [];
      const dir = hostPath(namespace, spec, container, (mountPath ?? "/mnt/task-center/").replace(/\/$/, ""));
      if (dir && modelName) await writeModelTarball(path.join(dir, `${modelName}.tar.gz`), modelName);
      say(`convert ${modelName} format successfully\ncompress and tar ${modelName} successfully`);
    } else if (script.includes("mc cp")) {
      // args as PaddleCloud's modelhub.py passes them: endpoint, model file, model name, version.
      const [, modelFile = "", modelName = "", version = "latest"] = container.args ?? [];
      const local = hostPath(namespace, spec, container, modelFile);
      const bytes = local ? await readFile(local).catch(() => null) : null;
      if (!bytes) {
        say(`mc: <ERROR> Unable to validate source ${modelFile}.`);
        throw new Error(`model hub: ${modelFile} is not on the volume`);
      }
      await options.onModelUpload?.({ bucket: "model-center", key: `${modelName}/${version}/${modelName}.tar.gz`, bytes: new Uint8Array(bytes) });
      say(`Added \`minio\` successfully.\nBucket created successfully \`minio/model-center\`.\n\`${modelFile}\` -> \`minio/model-center/${modelName}/${version}/${modelName}.tar.gz\`\nupload model to minio/model-center/${modelName}/${version}/`);
    } else {
      say(`${container.name} done`);
    }
    await sleep();
  }

  // --- apps/v1 Deployment: available after a step; VisualDL and its file sidecar answer ---------
  async function runDeployment(deployment: KubeObject): Promise<void> {
    const deployments = handle("apps", "deployments");
    const namespace = deployment.metadata.namespace!;
    const spec = deployment.spec as { replicas?: number; template: PodTemplate };
    await sleep();
    current(deployments, deployment);
    const hash = createHash("sha256").update(JSON.stringify(spec.template)).digest("hex").slice(0, 10);
    const pod = createPod(deployment, `${deployment.metadata.name}-${hash}-${randomBytes(3).toString("hex").slice(0, 5)}`, spec.template, { "pod-template-hash": hash });
    await sleep();
    current(deployments, deployment);
    setPodPhase(pod, "Running");
    const replicas = spec.replicas ?? 1;
    const now = new Date().toISOString();
    deployments.setStatus(namespace, deployment.metadata.name, {
      observedGeneration: deployment.metadata.generation ?? 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      conditions: [
        { type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability.", lastUpdateTime: now, lastTransitionTime: now },
        { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "${deployment.metadata.name}-${hash}" has successfully progressed.`, lastUpdateTime: now, lastTransitionTime: now },
      ],
    });
    // What the containers serve on their ports, reached through any Service selecting the pod.
    for (const container of spec.template.spec?.containers ?? []) {
      const script = [...(container.command ?? []), ...(container.args ?? [])].join(" ");
      const handler = script.includes("visualdl --logdir")
        ? visualDlServer(script)
        : script.includes("http.server")
          ? fileServer(hostPath(namespace, spec.template.spec, container, VDL_DIR))
          : null;
      for (const port of handler ? (container.ports ?? []) : []) {
        api.serveProxy({ namespace, kind: "pods", name: pod.metadata.name, port: port.containerPort }, handler!);
      }
    }
  }

  // --- SampleSet / SampleJob: the PaddleCloud dataset controller ------------------------------
  const totalBytes = options.datasetBytes ?? 150 * 1024 * 1024;
  const synced = new Map<string, number>(); // sampleset → bytes synced
  const warmed = new Map<string, number>();

  function cacheStatus(namespace: string, name: string) {
    const total = synced.get(`${namespace}/${name}`) ?? 0;
    const cached = warmed.get(`${namespace}/${name}`) ?? 0;
    const disk = 100 * 1024 ** 3;
    return {
      totalSize: humanSize(total),
      cachedSize: humanSize(cached),
      diskSize: humanSize(disk),
      diskUsed: humanSize(cached),
      diskAvail: humanSize(disk - cached),
      diskUsageRate: `${((cached / disk) * 100).toFixed(1)}%`,
      totalFiles: String(total > 0 ? 1000 : 0),
    };
  }

  function setSampleSetPhase(namespace: string, name: string, phase: string): void {
    const sets = handle(PADDLE, "samplesets");
    const set = sets.get(namespace, name);
    if (!set) return;
    const partitions = (set.spec as { partitions?: number }).partitions ?? 1;
    sets.setStatus(namespace, name, {
      phase,
      cacheStatus: cacheStatus(namespace, name),
      runtimeStatus: { specReplicas: partitions, readyReplicas: phase === "Bound" ? 0 : partitions, runtimeReady: `${phase === "Bound" ? 0 : partitions}/${partitions}` },
    });
  }

  async function runSampleSet(set: KubeObject): Promise<void> {
    const sets = handle(PADDLE, "samplesets");
    await sleep();
    current(sets, set);
    setSampleSetPhase(set.metadata.namespace!, set.metadata.name, "Bound");
    await sleep();
    current(sets, set);
    setSampleSetPhase(set.metadata.namespace!, set.metadata.name, "Mount");
    await sleep();
    current(sets, set);
    setSampleSetPhase(set.metadata.namespace!, set.metadata.name, "Ready");
  }

  async function runSampleJob(job: KubeObject): Promise<void> {
    const jobs = handle(PADDLE, "samplejobs");
    const namespace = job.metadata.namespace!;
    const spec = job.spec as { type: string; sampleSetRef?: { name?: string } };
    const setName = spec.sampleSetRef?.name ?? "";
    await sleep();
    current(jobs, job);
    jobs.setStatus(namespace, job.metadata.name, { phase: "Pending", jobName: `${job.metadata.name}-${spec.type}` });
    // The job waits for its SampleSet to be mounted, like the controller's requeue.
    for (let i = 0; i < 50; i += 1) {
      const set = handle(PADDLE, "samplesets").get(namespace, setName);
      const phase = (set?.status as { phase?: string } | undefined)?.phase;
      if (phase && phase !== "Bound") break;
      await sleep();
      current(jobs, job);
    }
    if (!handle(PADDLE, "samplesets").get(namespace, setName)) {
      jobs.setStatus(namespace, job.metadata.name, { phase: "Failed", jobName: `${job.metadata.name}-${spec.type}` });
      event(job, "Failed", `sampleset ${setName} not found`, "Warning");
      return;
    }
    jobs.setStatus(namespace, job.metadata.name, { phase: "Running", jobName: `${job.metadata.name}-${spec.type}` });
    if (spec.type === "sync") setSampleSetPhase(namespace, setName, "Syncing");
    await sleep();
    await sleep();
    current(jobs, job);
    const outcome = options.sampleJobOutcome?.(job) ?? "Succeeded";
    const key = `${namespace}/${setName}`;
    if (outcome === "Succeeded") {
      if (spec.type === "sync") synced.set(key, (synced.get(key) ?? 0) + totalBytes);
      if (spec.type === "warmup") warmed.set(key, synced.get(key) ?? 0);
      if (spec.type === "rmr" || spec.type === "clear") warmed.set(key, 0);
    }
    jobs.setStatus(namespace, job.metadata.name, { phase: outcome, jobName: `${job.metadata.name}-${spec.type}` });
    setSampleSetPhase(namespace, setName, outcome === "Failed" && spec.type === "sync" ? "SyncFailed" : "Ready");
  }

  // --- PaddleService: ElasticServing creates a Knative Service; Knative makes it ready ----------
  async function reconcilePaddleService(group: string, service: KubeObject): Promise<void> {
    const services = handle(group, "paddleservices");
    const namespace = service.metadata.namespace!;
    const name = service.metadata.name;
    await sleep();
    const live = current(services, service);
    const spec = live.spec as {
      default: { containerImage: string; tag: string; port: number; arg?: string };
      canary?: { containerImage: string; tag: string; port: number; arg?: string };
      canaryTrafficPercent?: number;
      service?: Record<string, unknown>;
    };
    const revision = (role: "default" | "canary", variant: { containerImage: string; tag: string; arg?: string }) =>
      `${name}-${role}-${createHash("sha256").update(JSON.stringify(variant)).digest("hex").slice(0, 5)}`;
    const defaultRevision = revision("default", spec.default);
    const canaryRevision = spec.canary ? revision("canary", spec.canary) : null;
    const canaryPercent = canaryRevision ? (spec.canaryTrafficPercent ?? 0) : 0;
    const traffic = [
      { revisionName: defaultRevision, percent: 100 - canaryPercent, latestRevision: false, tag: "default" },
      ...(canaryRevision ? [{ revisionName: canaryRevision, percent: canaryPercent, latestRevision: false, tag: "canary" }] : []),
    ];
    const ksvcs = handle("serving.knative.dev", "services");
    const template = (variant: { containerImage: string; tag: string; port: number; arg?: string }, revisionName: string) => ({
      metadata: { name: revisionName, annotations: Object.fromEntries(Object.entries(spec.service ?? {}).map(([k, v]) => [`autoscaling.knative.dev/${k}`, String(v)])) },
      spec: { containers: [{ image: `${variant.containerImage}:${variant.tag}`, args: ["-c", variant.arg ?? ""], command: ["/bin/bash"], ports: [{ containerPort: variant.port }] }] },
    });
    const desired = {
      apiVersion: "serving.knative.dev/v1",
      kind: "Service",
      metadata: { name, namespace, labels: { "paddlepaddle.org/paddleservice": name }, ownerReferences: ownerRef(live) },
      spec: { template: template(spec.default, defaultRevision), traffic },
    } as KubeObject;
    const existing = ksvcs.get(namespace, name);
    if (existing) ksvcs.update({ ...existing, spec: desired.spec });
    else ksvcs.create(desired);
    const conditions = (status: "Unknown" | "True", reason?: string) =>
      ["ConfigurationsReady", "RoutesReady", "Ready"].map((type) => ({ type, status, lastTransitionTime: new Date().toISOString(), ...(reason ? { reason } : {}) }));
    const url = `http://${name}.${namespace}.example.com`;
    ksvcs.setStatus(namespace, name, { observedGeneration: ksvcs.get(namespace, name)!.metadata.generation, conditions: conditions("Unknown", "RevisionMissing"), latestCreatedRevisionName: canaryRevision ?? defaultRevision });
    services.setStatus(namespace, name, { ...(live.status as object), observedGeneration: live.metadata.generation, conditions: conditions("Unknown", "RevisionMissing"), default: { name: defaultRevision }, ...(canaryRevision ? { canary: { name: canaryRevision } } : {}) });

    // Each revision gets its Service (what the route and the API server's proxy reach) and pods answering PaddleServing.
    for (const [role, variant, revisionName] of [["default", spec.default, defaultRevision], ...(spec.canary && canaryRevision ? [["canary", spec.canary, canaryRevision]] : [])] as Array<[string, typeof spec.default, string]>) {
      if (!handle("", "services").get(namespace, revisionName)) {
        handle("", "services").create({
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: revisionName, namespace, labels: { "serving.knative.dev/revision": revisionName, "serving.knative.dev/service": name }, ownerReferences: ownerRef(ksvcs.get(namespace, name)!) },
          spec: { ports: [{ name: "http", port: 80, targetPort: 8012 }] },
        } as KubeObject);
      }
      api.serveProxy({ namespace, kind: "services", name: revisionName, port: 80 }, paddleServing(variant.arg ?? "", role));
    }
    await sleep();
    current(services, service);
    const ready = { observedGeneration: ksvcs.get(namespace, name)!.metadata.generation, conditions: conditions("True"), url, address: { url: `http://${name}.${namespace}.svc.cluster.local` }, traffic, latestCreatedRevisionName: canaryRevision ?? defaultRevision, latestReadyRevisionName: canaryRevision ?? defaultRevision };
    ksvcs.setStatus(namespace, name, ready);
    const now = current(services, service);
    services.setStatus(namespace, name, {
      observedGeneration: now.metadata.generation,
      url,
      ...(group === "elasticserving.paddlepaddle.org" ? { address: { url: ready.address.url } } : {}),
      conditions: conditions("True"),
      replicas: (spec.service?.minScale as number | undefined) ?? 1,
      default: { name: defaultRevision },
      ...(canaryRevision ? { canary: { name: canaryRevision } } : {}),
    });
  }

  return {
    volumeDir,
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    stop() {
      stopped = true;
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

function podContainer(pod: KubeObject): { name: string; command?: string[]; args?: string[] } {
  return (pod.spec as { containers: Array<{ name: string; command?: string[]; args?: string[] }> }).containers[0]!;
}

function two(n: number): string {
  return String(Math.max(0, Math.floor(n))).padStart(2, "0");
}

/** Sizes as JuiceFS prints them in a SampleSet's cacheStatus: `150.00 MiB`. */
function humanSize(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(2)} ${units[unit]}`;
}

/** What paddle_serving_client.convert + `tar czf` leave on the volume: `<model>.tar.gz` with `<model>/server/…`. */
async function writeModelTarball(file: string, modelName: string): Promise<void> {
  const { createWriteStream } = await import("node:fs");
  const { mkdir } = await import("node:fs/promises");
  await mkdir(path.dirname(file), { recursive: true });
  const archive = pack();
  archive.entry({ name: `${modelName}/server/serving_server_conf.prototxt` }, 'feed_var {\n  name: "x"\n  shape: 3\n}\n');
  archive.entry({ name: `${modelName}/server/inference.pdmodel` }, Buffer.from("fake pdmodel"));
  archive.entry({ name: `${modelName}/server/inference.pdiparams` }, Buffer.alloc(64, 7));
  archive.entry({ name: `${modelName}/client/serving_client_conf.prototxt` }, 'feed_var {\n  name: "x"\n}\n');
  archive.finalize();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.on("finish", resolve);
    out.on("error", reject);
    archive.pipe(createGzip()).pipe(out);
  });
}

/** The VisualDL server: its UI below `--public-path`. */
function visualDlServer(script: string) {
  const publicPath = /--public-path\s+(\S+)/.exec(script)?.[1] ?? "";
  return (request: Request) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(publicPath)) return new Response("404 page not found", { status: 404 });
    if (url.pathname.startsWith(`${publicPath}/api/`)) return Response.json({ status: 0, msg: "", data: ["train"] });
    return new Response(`<!doctype html><html><head><title>VisualDL</title></head><body><div id="root">VisualDL at ${url.pathname}</div></body></html>`, {
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  };
}

/** The console's file sidecar: `GET /files` lists the log directory, `GET /read?name&offset&length` reads bytes. */
function fileServer(dir: string | null) {
  return async (request: Request) => {
    const url = new URL(request.url);
    if (!dir) return Response.json([]);
    if (url.pathname === "/files") {
      const names = await readdir(dir).catch(() => [] as string[]);
      const files = await Promise.all(names.map(async (name) => ({ name, size: (await stat(path.join(dir, name))).size })));
      return Response.json(files);
    }
    if (url.pathname === "/read") {
      const name = path.basename(url.searchParams.get("name") ?? "");
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const length = Number(url.searchParams.get("length") ?? 0);
      const bytes = await readFile(path.join(dir, name)).catch(() => null);
      if (!bytes) return new Response("not found", { status: 404 });
      return new Response(new Uint8Array(bytes.subarray(offset, offset + length)), { headers: { "Content-Type": "application/octet-stream" } });
    }
    return new Response("not found", { status: 404 });
  };
}

/**
 * `paddle_serving_server` behind a revision, answering the OCR pipeline protocol. Its one line of
 * text names the model version it serves (from the `wget …/model-center/<model>/<version>/…` in
 * its argument), so tests see which variant answered.
 */
function paddleServing(arg: string, role: string) {
  const match = /model-center\/([^/\s]+)\/([^/\s]+)\//.exec(arg);
  const text = match ? `${match[1]}:${match[2]}` : role;
  return async (request: Request) => {
    const url = new URL(request.url);
    if (request.method !== "POST" || !url.pathname.endsWith("/prediction")) return new Response("Not Found", { status: 404 });
    const body = (await request.json().catch(() => null)) as { key?: string[]; value?: string[] } | null;
    if (!body?.value?.[0]) return Response.json({ err_no: 1, err_msg: "no image in the request", key: [], value: [] });
    const literal = `[[('${text}', 0.9876), [[10.0, 10.0], [210.0, 10.0], [210.0, 42.0], [10.0, 42.0]]]]`;
    return Response.json({ err_no: 0, err_msg: "", key: ["result"], value: [literal], tensors: [] });
  };
}
