import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import type { RegistryStore } from "@/lib/registry/registry-store";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { startFakeCluster, uploadModelsTo, type FakeCluster } from "@/test/support/kube-apiserver/fake-cluster";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { kubernetesProvider } from "./kubernetes-provider";
import { launchSpec, refOf, watchUntil } from "./test-helpers";

// A run that succeeds goes on to PaddleCloud's export and model hub Jobs, and the uploaded
// `model-center/<model>/<version>/<model>.tar.gz` is registered with the run's metrics and lineage.
describe("registering a Kubernetes run's model", () => {
  let db: Database;
  let actor: Actor;
  let store: RegistryStore;
  let cluster: FakeCluster | null = null;
  let counter = 0;

  beforeAll(async () => {
    useTestObjectStore();
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "editor");
    store = { client: objectStoreClient(), bucket: `k8s-registry-${Date.now()}` };
    await store.client.send(new CreateBucketCommand({ Bucket: store.bucket }));
  });
  afterEach(async () => {
    await cluster?.close();
    cluster = null;
  });
  afterAll(async () => db?.close());

  async function runRow(modelName: string) {
    counter += 1;
    const target = await db.prisma.target.upsert({
      where: { teamId_name: { teamId: actor.teamId, name: "paddlecloud" } },
      create: { teamId: actor.teamId, name: "paddlecloud", kind: "kubernetes", config: {} },
      update: {},
    });
    return db.prisma.trainingRun.create({
      data: {
        teamId: actor.teamId,
        name: `det-run-${counter}`,
        targetId: target.id,
        modelName,
        configPath: "configs/det/det_mv3_db.yml",
        configChanges: ["Global.epoch_num=2"],
        metrics: { hmean: 0.8, best_hmean: 0.8, "TRAIN/loss": 0.5 },
        createdById: actor.userId,
      },
    });
  }

  it("exports, uploads to the model hub and registers the version with metrics and lineage", async () => {
    cluster = await startFakeCluster({ operator: { stepMs: 15, onModelUpload: uploadModelsTo(store.client) } });
    const modelName = `k8s-det-${Date.now()}`;
    const run = await runRow(modelName);
    const provider = kubernetesProvider(cluster.target(), { prisma: async () => db.prisma, registryStore: () => store, watchBackoffMs: 20 });
    const spec = launchSpec({ runId: run.id, name: run.name, modelName, targetOptions: { visualdl: false } });
    const ref = refOf(spec, await provider.training!.launch(spec));

    const seen = await watchUntil(provider.training!, [ref], (s) => s.some((x) => x.observation.state === "Succeeded" || x.observation.state === "Failed"));
    const phases = seen.map((s) => `${s.observation.state}/${s.observation.phase}`);
    expect(phases).toEqual(expect.arrayContaining(["Running/Exporting", "Running/Uploading"]));
    const done = seen.at(-1)!.observation;
    const uri = `s3://model-center/${modelName}/1/${modelName}.tar.gz`;
    expect(done).toMatchObject({ state: "Succeeded", phase: "Succeed", message: `Registered ${modelName}:1`, outputs: { modelUri: uri, registeredVersion: { modelName, version: "1", storageUri: uri } } });

    const version = await db.prisma.modelVersion.findUniqueOrThrow({ where: { teamId_modelName_version: { teamId: actor.teamId, modelName, version: "1" } } });
    expect(version).toMatchObject({ runId: run.id, storageUri: uri, format: "paddlecloud-tarball", metrics: { hmean: 0.8, best_hmean: 0.8 }, createdById: actor.userId });

    // The Jobs as PaddleCloud's components write them; MinIO's keys only referenced.
    const jobs = cluster.api.resource("batch", "jobs");
    const exportJob = jobs.get("kubeflow", `${run.name}-export`)!;
    const exportPod = (exportJob.spec as { template: { spec: { initContainers: Array<{ args: string[] }>; containers: Array<{ image: string; args: string[] }> } } }).template.spec;
    expect(exportPod.initContainers[0]!.args[1]).toBe(
      "python tools/export_model.py -c configs/det/det_mv3_db.yml -o Global.epoch_num=10 Global.log_smooth_window=2 Global.save_epoch_step=5 Global.pretrained_model=/mnt/task-center/models/best_accuracy Global.save_inference_dir=/mnt/task-center/inference/",
    );
    expect(exportPod.containers[0]!.args).toEqual(["/mnt/task-center/", modelName, "/mnt/task-center/inference/", "inference.pdmodel", "inference.pdiparams"]);
    const hub = jobs.get("kubeflow", `${run.name}-model-hub`)!;
    const uploader = (hub.spec as { template: { spec: { containers: Array<{ args: string[]; env: unknown[] }> } } }).template.spec.containers[0]!;
    expect(uploader.args).toEqual(["http://minio-service.kubeflow:9000", `/mnt/task-center/${modelName}.tar.gz`, modelName, "1"]);
    expect(uploader.env).toEqual([
      { name: "MINIO_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "data-center", key: "access-key" } } },
      { name: "MINIO_SECRET_KEY", valueFrom: { secretKeyRef: { name: "data-center", key: "secret-key" } } },
    ]);

    // Asked again (a restarted console, a status poll): the same version, nothing registered twice.
    const again = await kubernetesProvider(cluster.target(), { prisma: async () => db.prisma, registryStore: () => store }).training!.status(ref);
    expect(again.outputs?.registeredVersion).toEqual({ modelName, version: "1", storageUri: uri });
    expect(await db.prisma.modelVersion.count({ where: { runId: run.id } })).toBe(1);
    expect(jobs.list("kubeflow").filter((job) => job.metadata.name.startsWith(run.name))).toHaveLength(2);
  });

  it("fails the run when the export Job fails, naming the Job", async () => {
    cluster = await startFakeCluster({ operator: { stepMs: 15, jobOutcome: (job) => (job.metadata.name.endsWith("-export") ? "Failed" : "Complete") } });
    const modelName = `k8s-det-${Date.now()}`;
    const run = await runRow(modelName);
    const provider = kubernetesProvider(cluster.target(), { prisma: async () => db.prisma, registryStore: () => store, watchBackoffMs: 20 });
    const spec = launchSpec({ runId: run.id, name: run.name, modelName, targetOptions: { visualdl: false } });
    const ref = refOf(spec, await provider.training!.launch(spec));
    const seen = await watchUntil(provider.training!, [ref], (s) => s.some((x) => x.observation.state === "Failed" || x.observation.state === "Succeeded"));
    expect(seen.at(-1)!.observation).toMatchObject({
      state: "Failed",
      phase: "ExportFailed",
      message: `The export Job ${run.name}-export failed: BackoffLimitExceeded: Job has reached the specified backoff limit`,
    });
  });

  it("still records the uploaded object when the registry bucket is model-center itself", async () => {
    const sameBucket: RegistryStore = { client: store.client, bucket: "model-center" };
    cluster = await startFakeCluster({ operator: { stepMs: 15, onModelUpload: uploadModelsTo(store.client) } });
    const modelName = `k8s-rec-${Date.now()}`;
    const run = await runRow(modelName);
    const provider = kubernetesProvider(cluster.target(), { prisma: async () => db.prisma, registryStore: () => sameBucket, watchBackoffMs: 20 });
    const spec = launchSpec({ runId: run.id, name: run.name, modelName, targetOptions: { visualdl: false } });
    const ref = refOf(spec, await provider.training!.launch(spec));
    const seen = await watchUntil(provider.training!, [ref], (s) => s.some((x) => x.observation.state === "Succeeded" || x.observation.state === "Failed"));
    const registered = seen.at(-1)!.observation.outputs?.registeredVersion as { version: string; storageUri: string };
    expect(registered.storageUri).toBe(`s3://model-center/${modelName}/1/${modelName}.tar.gz`);
    expect(registered.version).toMatch(/^\d+$/);
  });
});
