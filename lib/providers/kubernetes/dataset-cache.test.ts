import { afterEach, describe, expect, it } from "vitest";
import type { DatasetCacheSpec, DatasetCacheStatus } from "@/lib/providers/dataset-cache";
import { startFakeCluster, type FakeCluster } from "@/test/support/kube-apiserver/fake-cluster";
import { kubernetesProvider } from "./kubernetes-provider";

// Caching a dataset as PaddleCloud's dataset component does: the `data-center` SampleSet, a sync
// SampleJob from the source, then a warmup; the simulated controller moves their phases.

let cluster: FakeCluster | null = null;
afterEach(async () => {
  await cluster?.close();
  cluster = null;
});

const spec = (overrides: Partial<DatasetCacheSpec> = {}): DatasetCacheSpec => ({
  datasetId: "cdataset000000000000000001",
  name: "ICDAR 2015",
  version: 3,
  sourceUri: "minio://datasets/icdar2015/",
  credentials: { accessKeyId: "AKIA-NEVER-IN-A-MANIFEST", secretAccessKey: "never-in-a-manifest" },
  files: null,
  ...overrides,
});

describe("caching a dataset on a Kubernetes target", () => {
  it("creates the SampleSet, syncs from the source, warms up, and reports phase and cache sizes", async () => {
    cluster = await startFakeCluster({ operator: { stepMs: 10, datasetBytes: 150 * 1024 * 1024 } });
    const datasets = kubernetesProvider(cluster.target({ minioEndpoint: "http://minio.kubeflow:9000", sampleSetPartitions: 2 }), { pollIntervalMs: 10 }).datasets!;
    const progress: DatasetCacheStatus[] = [];
    const status = await datasets.cacheDataset(spec(), { onProgress: (s) => progress.push(s) });

    expect(status).toMatchObject({
      state: "Ready",
      phase: "Ready",
      progress: 1,
      bytesTotal: 150 * 1024 * 1024,
      bytesDone: 150 * 1024 * 1024,
      location: "/mnt/data-center/icdar-2015-v3",
      details: { sampleSet: "data-center", partitions: 2, syncJob: { name: "icdar-2015-v3-sync", phase: "Succeeded" }, warmupJob: { name: "icdar-2015-v3-warmup", phase: "Succeeded" } },
    });
    expect([...new Set(progress.map((p) => p.state))]).toEqual(["Syncing", "Ready"]);
    expect(progress.map((p) => p.progress)).toEqual([...progress.map((p) => p.progress)].sort((a, b) => a - b));

    const set = cluster.api.resource("batch.paddlepaddle.org", "samplesets").get("kubeflow", "data-center")!;
    expect(set.spec).toEqual({ partitions: 2, noSync: true, secretRef: { name: "data-center" } });
    const sync = cluster.api.resource("batch.paddlepaddle.org", "samplejobs").get("kubeflow", "icdar-2015-v3-sync")!;
    expect(sync.spec).toEqual({
      type: "sync",
      sampleSetRef: { name: "data-center" },
      secretRef: { name: "data-source" },
      syncOptions: { source: "minio://minio.kubeflow:9000/datasets/icdar2015/", destination: "icdar-2015-v3" },
    });
    const warmup = cluster.api.resource("batch.paddlepaddle.org", "samplejobs").get("kubeflow", "icdar-2015-v3-warmup")!;
    expect(warmup.spec).toEqual({ type: "warmup", sampleSetRef: { name: "data-center" }, warmupOptions: { paths: ["icdar-2015-v3"] } });
    // The source's keys stay in the console: only the Secret's name reaches the cluster.
    const written = JSON.stringify(cluster.api.requests.map((r) => r.body ?? null));
    expect(written).not.toContain("AKIA-NEVER-IN-A-MANIFEST");

    expect(await datasets.cacheStatus(spec())).toMatchObject({ state: "Ready", bytesDone: 150 * 1024 * 1024 });
    expect(await datasets.cacheStatus(spec({ version: 4 }))).toMatchObject({ state: "Pending", location: "/mnt/data-center/icdar-2015-v4" });
  });

  it("adopts the namespace's existing SampleSet and reports a failed sync; caching again retries it", async () => {
    let failSync = true;
    cluster = await startFakeCluster({ operator: { stepMs: 10, sampleJobOutcome: (job) => (failSync && (job.spec as { type: string }).type === "sync" ? "Failed" : "Succeeded") } });
    cluster.api.resource("batch.paddlepaddle.org", "samplesets").create({
      apiVersion: "batch.paddlepaddle.org/v1alpha1",
      kind: "SampleSet",
      metadata: { name: "data-center", namespace: "kubeflow" },
      spec: { partitions: 1, noSync: true, secretRef: { name: "juicefs" } },
    });
    const datasets = kubernetesProvider(cluster.target(), { pollIntervalMs: 10 }).datasets!;
    const failed = await datasets.cacheDataset(spec({ sourceUri: "bos://paddleflow-public.hkg.bcebos.com/icdar2015/" }), {});
    expect(failed).toMatchObject({ state: "Failed", message: "Syncing bos://paddleflow-public.hkg.bcebos.com/icdar2015/ failed (SampleJob icdar-2015-v3-sync)." });
    expect(cluster.api.resource("batch.paddlepaddle.org", "samplesets").get("kubeflow", "data-center")!.spec).toMatchObject({ secretRef: { name: "juicefs" } });

    failSync = false;
    const retried = await datasets.cacheDataset(spec({ sourceUri: "bos://paddleflow-public.hkg.bcebos.com/icdar2015/" }), {});
    expect(retried.state).toBe("Ready");
  });

  it("evicts a dataset with an rmr SampleJob, leaving the SampleSet for the others", async () => {
    cluster = await startFakeCluster({ operator: { stepMs: 10 } });
    const datasets = kubernetesProvider(cluster.target(), { pollIntervalMs: 10 }).datasets!;
    await datasets.cacheDataset(spec(), {});
    await datasets.evictDataset!(spec());
    const jobs = cluster.api.resource("batch.paddlepaddle.org", "samplejobs").list("kubeflow").map((job) => job.metadata.name);
    expect(jobs).toEqual(["icdar-2015-v3-rmr"]);
    expect(cluster.api.resource("batch.paddlepaddle.org", "samplesets").get("kubeflow", "data-center")).toBeDefined();
  });
});
