import { afterEach, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { ConsoleError } from "@/lib/errors/console-error";
import type { LogLine, TrainingBackend } from "@/lib/providers/training";
import { parsePaddleOcrLogLine } from "@/lib/runs/log-metrics";
import { readSourceSince } from "@/lib/visualdl/sources/read-source";
import { startFakeCluster, type FakeCluster } from "@/test/support/kube-apiserver/fake-cluster";
import { statusOf } from "@/test/support/kube-apiserver/status";
import { kubernetesProvider } from "./kubernetes-provider";
import { launchSpec, refOf, watchUntil } from "./test-helpers";

// Training on the fake PaddleCloud cluster through the real @kubernetes/client-node: the simulated
// paddle-operator moves the PaddleJob Pending → Running → Succeed and writes PaddleOCR's log lines.

let cluster: FakeCluster | null = null;
afterEach(async () => {
  await cluster?.close();
  cluster = null;
});

async function start(operator: Parameters<typeof startFakeCluster>[0] = {}) {
  cluster = await startFakeCluster({ ...operator, operator: { stepMs: 15, ...operator.operator } });
  return cluster;
}

const training = (c: FakeCluster, token?: string): TrainingBackend => kubernetesProvider(c.target({}, token), { pollIntervalMs: 20, watchBackoffMs: 20 }).training!;

async function collect(lines: AsyncIterable<LogLine>): Promise<LogLine[]> {
  const out: LogLine[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe("training on a Kubernetes target", () => {
  it("renders exactly the manifests launch applies: volume, PaddleJob with the component's command, VisualDL", async () => {
    const c = await start();
    const backend = training(c);
    const spec = launchSpec();
    const rendered = await backend.render(spec);
    expect(rendered.language).toBe("yaml");
    const documents = parseAllDocuments(rendered.text).map((doc) => doc.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, unknown> });
    expect(documents.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      "PersistentVolumeClaim/det-icdar-task-center",
      "PaddleJob/det-icdar",
      "Deployment/det-icdar-visualdl",
      "Service/det-icdar-visualdl",
    ]);
    expect(rendered.text).not.toMatch(/[&*]a\d+\b/); // no YAML aliases: what users read is what is sent
    const paddleJob = documents[1]!.spec as { worker: { template: { spec: { containers: Array<{ args: string[] }> } } }; sampleSetRef: unknown; cleanPodPolicy: string };
    expect(paddleJob.sampleSetRef).toEqual({ name: "data-center", mountPath: "/mnt/data-center" });
    expect(paddleJob.worker.template.spec.containers[0]!.args).toEqual([
      "-c",
      "wget -P /mnt/task-center/pretrain_model/ https://paddle-imagenet-models-name.bj.bcebos.com/dygraph/MobileNetV3_large_x0_5_pretrained.pdparams && " +
        "python -m paddle.distributed.launch --gpus '0' --log_dir /mnt/task-center tools/train.py -c configs/det/det_mv3_db.yml -o " +
        "Global.epoch_num=10 Global.log_smooth_window=2 Global.save_epoch_step=5 Global.use_visualdl=True " +
        "Global.save_model_dir=/mnt/task-center/models/ Global.save_inference_dir=/mnt/task-center/inference/ " +
        "Global.pretrained_model=/mnt/task-center/pretrain_model/MobileNetV3_large_x0_5_pretrained " +
        "Train.dataset.data_dir=/mnt/data-center/icdar2015/ 'Train.dataset.label_file_list=[\"/mnt/data-center/icdar2015/train_icdar2015_label.txt\"]' " +
        "Eval.dataset.data_dir=/mnt/data-center/icdar2015/ 'Eval.dataset.label_file_list=[\"/mnt/data-center/icdar2015/test_icdar2015_label.txt\"]'",
    ]);

    const launched = await backend.launch(spec);
    expect(launched.externalId).toBe("kubeflow/det-icdar");
    // What the server stores is what the panel showed (the server adds only its own metadata).
    const stored = c.api.resource("batch.paddlepaddle.org", "paddlejobs").get("kubeflow", "det-icdar")!;
    expect(stored.spec).toEqual(documents[1]!.spec);
    expect(c.api.resource("", "persistentvolumeclaims").get("kubeflow", "det-icdar-task-center")!.spec).toEqual(documents[0]!.spec);
  });

  it("launches, follows the PaddleJob's phases through one watch, and streams PaddleOCR's log lines with metrics", async () => {
    const c = await start();
    const backend = training(c);
    const spec = launchSpec();
    const ref = refOf(spec, await backend.launch(spec));

    const seen = await watchUntil(backend, [ref], (s) => s.some((x) => x.observation.state === "Succeeded"));
    const phases = seen.map((s) => s.observation.phase);
    expect(phases).toContain("Running");
    expect(phases.at(-1)).toBe("Succeed");
    const done = seen.at(-1)!.observation;
    expect(done).toMatchObject({ state: "Succeeded", outputs: { checkpointsUri: "pvc://kubeflow/det-icdar-task-center/models/", visualdlUri: "pvc://kubeflow/det-icdar-task-center/models/vdl/" } });
    expect(done.startedAt).toBeInstanceOf(Date);
    expect(done.finishedAt).toBeInstanceOf(Date);
    // One watch on PaddleJobs (and one on the console's Jobs), not polling.
    const watches = c.api.requests.filter((r) => r.path.includes("watch=true"));
    expect(watches.map((r) => new URL(r.path, "http://x").pathname).sort()).toEqual(["/apis/batch.paddlepaddle.org/v1/namespaces/kubeflow/paddlejobs", "/apis/batch/v1/namespaces/kubeflow/jobs"]);

    expect(await backend.logStreams(ref)).toEqual(["det-icdar-worker-0", expect.stringMatching(/^det-icdar-visualdl-.+\/visualdl$/), expect.stringMatching(/\/files$/), "events"]);
    const lines = await collect(backend.logs(ref, {}));
    expect(lines.every((line) => line.stream === "det-icdar-worker-0" && line.at instanceof Date)).toBe(true);
    const metrics = lines.map((line) => parsePaddleOcrLogLine(line.text)).filter((m) => m !== null);
    expect(metrics.filter((m) => m.kind === "train").map((m) => m.step)).toEqual([10, 20, 30, 40]);
    expect(metrics.findLast((m) => m.kind === "best")?.values.hmean).toBeCloseTo(0.8);
    const events = await collect(backend.logs(ref, { stream: "events" }));
    expect(events.map((e) => e.text)).toEqual(expect.arrayContaining([expect.stringContaining("Normal Created PaddleJob/det-icdar: Created pod: det-icdar-worker-0")]));

    // The run page's workloads: the shared volume with its phase, and the pods by role with restarts.
    const workloads = await backend.workloads!(ref);
    expect(workloads.volume).toMatchObject({ name: "det-icdar-task-center", phase: expect.any(String) });
    expect(workloads.pods).toEqual(expect.arrayContaining([expect.objectContaining({ name: "det-icdar-worker-0", role: "worker", restarts: 0 })]));
  });

  it("streams a running pod's log with follow until the container exits", async () => {
    const c = await start({ operator: { stepMs: 40 } });
    const backend = training(c);
    const spec = launchSpec();
    const ref = refOf(spec, await backend.launch(spec));
    const lines = await collect(backend.logs(ref, { follow: true, signal: AbortSignal.timeout(10_000) }));
    expect(lines.some((line) => line.text.includes("best metric"))).toBe(true);
    expect(lines.at(-1)?.text).toContain("save model in /mnt/task-center/models/best_accuracy");
  });

  it("resumes after a console restart without duplicates: a second launch adopts, a new watch reports the end once", async () => {
    const c = await start({ operator: { stepMs: 30 } });
    const spec = launchSpec();
    const first = await training(c).launch(spec);
    // The console restarts: new provider, same deterministic names.
    const again = await training(c).launch(spec);
    expect(again.externalId).toBe(first.externalId);
    const creates = c.api.requests.filter((r) => r.method === "POST" && r.path.endsWith("/paddlejobs"));
    expect(creates).toHaveLength(2);
    expect(c.api.resource("batch.paddlepaddle.org", "paddlejobs").list("kubeflow")).toHaveLength(1);

    const ref = refOf(spec, again);
    const seen = await watchUntil(training(c), [ref], (s) => s.some((x) => x.observation.state === "Succeeded"));
    expect(seen.filter((s) => s.observation.state === "Succeeded")).toHaveLength(1);
  });

  it("refuses to adopt an object of the same name made for another run", async () => {
    const c = await start();
    await training(c).launch(launchSpec());
    await expect(training(c).launch(launchSpec({ runId: "crun0000000000000000000099" }))).rejects.toThrow(/already exists in namespace kubeflow and was not made for this/);
  });

  it("reconnects a dropped watch from its resourceVersion, and re-lists after 410 Gone", async () => {
    const c = await start({ operator: { stepMs: 60 } });
    const backend = training(c);
    const spec = launchSpec();
    const ref = refOf(spec, await backend.launch(spec));
    let dropped = false;
    const seen = await watchUntil(backend, [ref], (s) => {
      if (!dropped && s.some((x) => x.observation.state === "Running")) {
        dropped = true;
        c.api.dropWatches(); // resumes from its resourceVersion
        setTimeout(() => {
          c.api.compact(); // that resourceVersion is now too old:
          c.api.dropWatches(); // the next resume gets 410 and lists again
        }, 50);
      }
      return s.some((x) => x.observation.state === "Succeeded");
    });
    expect(seen.at(-1)!.observation.state).toBe("Succeeded");
    const paddleJobWatches = c.api.requests.filter((r) => r.path.startsWith("/apis/batch.paddlepaddle.org/v1/namespaces/kubeflow/paddlejobs?") && r.path.includes("watch=true"));
    expect(paddleJobWatches.length).toBeGreaterThanOrEqual(3);
    expect(paddleJobWatches.every((r) => /resourceVersion=\d+/.test(r.path))).toBe(true);
    const lists = c.api.requests.filter((r) => r.path.startsWith("/apis/batch.paddlepaddle.org/v1/namespaces/kubeflow/paddlejobs") && !r.path.includes("watch=true") && r.method === "GET" && !r.path.includes("/paddlejobs/"));
    expect(lists.length).toBeGreaterThanOrEqual(2); // the first list, and the one after 410
  });

  it("names the verb and resource when the account may not create PaddleJobs (403)", async () => {
    const c = await start({ server: { tokens: { "test-token": { user: "system:serviceaccount:kubeflow:viewer", allow: (r) => !(r.verb === "create" && r.resource === "paddlejobs") } } } });
    const error = await training(c).launch(launchSpec()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleError);
    expect((error as ConsoleError).code).toBe("forbidden");
    expect((error as ConsoleError).message).toMatch(/^Permission denied: the target's Kubernetes account may not create paddlejobs\.batch\.paddlepaddle\.org in namespace kubeflow\./);
  });

  it("stops a run (marked, then deleted; 409 on the mark retried with a fresh read) and removes it, keeping its volume unless asked", async () => {
    const c = await start({ operator: { stepMs: 200 } });
    const backend = training(c);
    const spec = launchSpec();
    const ref = refOf(spec, await backend.launch(spec));
    c.api.failNext({ verb: "patch", resource: "paddlejobs" }, statusOf(409, "Conflict", 'Operation cannot be fulfilled on paddlejobs.batch.paddlepaddle.org "det-icdar": the object has been modified'));
    await backend.stop(ref);
    expect(c.api.requests.filter((r) => r.method === "PATCH" && r.path.includes("/paddlejobs/det-icdar"))).toHaveLength(2);
    expect(await backend.status(ref)).toMatchObject({ state: "Stopped", reason: "Deleted" });
    expect(c.api.resource("", "pods").list("kubeflow", "ocr-console/component=training")).toHaveLength(0);

    await backend.remove(ref, { deleteOutputs: false });
    expect(c.api.resource("apps", "deployments").get("kubeflow", "det-icdar-visualdl")).toBeUndefined();
    expect(c.api.resource("", "persistentvolumeclaims").get("kubeflow", "det-icdar-task-center")).toBeDefined();
    await backend.remove(ref, { deleteOutputs: true });
    expect(c.api.resource("", "persistentvolumeclaims").get("kubeflow", "det-icdar-task-center")).toBeUndefined();
  });

  it("reports a failed run with the worker's exit code, and the previous container's log after a restart", async () => {
    const c = await start({ operator: { paddleJobOutcome: () => "Failed", restartFirstWorker: true } });
    const backend = training(c);
    const spec = launchSpec();
    const ref = refOf(spec, await backend.launch(spec));
    const seen = await watchUntil(backend, [ref], (s) => s.some((x) => x.observation.state === "Failed"));
    expect(seen.at(-1)!.observation).toMatchObject({ state: "Failed", phase: "Failed", reason: "Failed", exitCode: 1, message: "det-icdar-worker-0 exited with code 1 (Error)" });
    const previous = await collect(backend.logs(ref, { stream: "det-icdar-worker-0", previous: true }));
    expect(previous.at(-1)?.text).toBe("Killed");
    const current = await collect(backend.logs(ref, { stream: "det-icdar-worker-0" }));
    expect(current.some((line) => line.text.includes("Out of memory"))).toBe(true);
  });

  it("reads the run's VisualDL records through the file sidecar, and proxies its VisualDL UI through the API server", async () => {
    const c = await start();
    const backend = training(c);
    const spec = launchSpec();
    const ref = refOf(spec, await backend.launch(spec));
    await watchUntil(backend, [ref], (s) => s.some((x) => x.observation.state === "Succeeded"));
    await c.operator.idle();

    const source = await backend.visualdlSource!(ref);
    const files = await source!.list();
    expect(files).toEqual([{ name: expect.stringMatching(/^vdlrecords\.\d+\.log$/), size: expect.any(Number) }]);
    const tags = new Set<string>();
    await readSourceSince(source!, [], (values) => values.forEach((v) => v.tag !== "meta_data_tag" && tags.add(v.tag)), { chunkBytes: 64 });
    expect([...tags].sort()).toEqual(["EVAL/hmean", "TRAIN/loss", "TRAIN/lr"]);

    const proxy = await backend.visualdlProxy!(ref);
    const answer = await proxy!.fetch(`/api/v1/runs/${spec.runId}/visualdl/index.html?x=1`, { method: "GET", headers: new Headers({ accept: "text/html", "accept-encoding": "gzip" }) });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain(`VisualDL at /api/v1/runs/${spec.runId}/visualdl/index.html`);
    const proxied = c.api.requests.find((r) => r.path.includes("/proxy/api/v1/runs/"));
    expect(proxied?.path).toBe(`/api/v1/namespaces/kubeflow/services/det-icdar-visualdl:8040/proxy/api/v1/runs/${spec.runId}/visualdl/index.html?x=1`);
  });

  it("takes a retry as a new attempt: its own PaddleJob, the same volume", async () => {
    const c = await start();
    const backend = training(c);
    await backend.launch(launchSpec());
    const retried = await backend.launch(launchSpec({ attempt: 2 }));
    expect(retried.externalId).toBe("kubeflow/det-icdar-2");
    expect(c.api.resource("", "persistentvolumeclaims").list("kubeflow")).toHaveLength(1);
    const job = c.api.resource("batch.paddlepaddle.org", "paddlejobs").get("kubeflow", "det-icdar-2")!;
    expect(job.metadata.labels).toMatchObject({ "ocr-console/run-attempt": "2" });
  });

  it("refuses run options the target does not know, naming the field", async () => {
    const c = await start();
    await expect(training(c).render(launchSpec({ resources: { workerReplicas: 0, cpu: "lots" } }))).rejects.toMatchObject({
      code: "bad_request",
      fieldErrors: { "resources.workerReplicas": ["At least one worker"], "resources.cpu": ["A Kubernetes quantity, e.g. 500m, 4, 8Gi"] },
    });
  });
});

describe("training on a cluster without PaddleCloud", () => {
  it("says the PaddleJob API is missing instead of a bare 404", async () => {
    const c = await startFakeCluster({ apis: [] });
    try {
      const backend = kubernetesProvider(c.target()).training!;
      expect(await backend.readiness()).toEqual({ ok: false, message: "The cluster has no PaddleJob API (batch.paddlepaddle.org/v1): install paddle-operator." });
      await expect(backend.launch(launchSpec())).rejects.toThrow(
        "The cluster does not serve paddlejobs.batch.paddlepaddle.org: is its CustomResourceDefinition installed? Test the target's connection to see what is missing.",
      );
    } finally {
      await c.close();
    }
  });
});
