import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { CreateTrainingJobCommandInput } from "@aws-sdk/client-sagemaker";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "@/lib/db/open-database";
import { ConsoleError } from "@/lib/errors/console-error";
import { registerVersion } from "@/lib/registry/register-version";
import type { SagemakerTargetConfig } from "@/lib/schemas/targets";
import { loadServiceModel, SAGEMAKER_MODEL, startFakeAws, TRAINING_LOG_GROUP, validateOperationInput, type FakeAws } from "@/test/support/aws";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import type { LogLine, RunLaunchSpec, RunObservation, RunRef, TrainingBackend } from "../training";
import { createAwsClients } from "./aws-clients";
import { sagemakerProvider } from "./sagemaker-provider";

const BUCKET = "sagemaker-training-test";
const IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/paddleocr-train:2.7";

describe("SageMaker training backend, against the fake AWS account", () => {
  let aws: FakeAws;
  let config: SagemakerTargetConfig;
  let backend: TrainingBackend;
  const target = () => ({ name: "aws", kind: "sagemaker" as const, config, secrets: { ...aws.credentials } });

  beforeAll(async () => {
    // Steps long enough that a status poll sees each state even on a busy machine.
    aws = await startFakeAws({ region: "eu-west-1", objectStore: inject("objectStore"), buckets: [BUCKET], timing: { trainingStepMs: 150 } });
    config = {
      region: "eu-west-1",
      roleArn: "arn:aws:iam::123456789012:role/SageMakerExecution",
      s3OutputPrefix: `s3://${BUCKET}/console`,
      endpointOverride: aws.url,
    };
    backend = sagemakerProvider(target(), { logPollMs: 20 }).training!;
    const s3 = createAwsClients(config, aws.credentials).s3;
    for (const key of ["train.txt", "test.txt", "imgs/1.jpg"]) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `console/datasets/receipts/v3/${key}`, Body: "x" }));
    }
    s3.destroy();
  });
  afterAll(() => aws.close());

  const spec = (overrides: Partial<RunLaunchSpec> = {}): RunLaunchSpec => ({
    runId: "run-det-receipts",
    name: "det-receipts",
    attempt: 1,
    modelName: "receipts-det",
    configPath: "configs/det/ch_PP-OCRv4/ch_PP-OCRv4_det_student.yml",
    configChanges: ["Global.epoch_num=3", "Optimizer.lr.learning_rate=0.001"],
    pretrainedModel: null,
    image: IMAGE,
    resources: { instanceType: "ml.g4dn.xlarge", instanceCount: 2, volumeSizeGb: 100, maxRuntimeSeconds: 3600 },
    targetOptions: { spot: true, maxWaitSeconds: 7200, tags: { team: "ocr" } },
    dataset: {
      name: "receipts",
      task: "det",
      sourceUri: "minio://datasets/receipts",
      trainLabelFile: "train.txt",
      testLabelFile: "test.txt",
      dictionaryFile: null,
      version: 3,
      cacheLocation: `s3://${BUCKET}/console/datasets/receipts/v3/`,
    },
    ...overrides,
  });
  const refOf = (launchSpec: RunLaunchSpec, externalId: string | null = null): RunRef => ({
    runId: launchSpec.runId,
    name: launchSpec.name,
    attempt: launchSpec.attempt,
    externalId,
    request: null,
  });
  async function waitFor(read: () => Promise<RunObservation>, done: (o: RunObservation) => boolean, seen: RunObservation[] = []): Promise<RunObservation> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const observation = await read();
      seen.push(observation);
      if (done(observation)) return observation;
      if (Date.now() > deadline) throw new Error(`timed out; last ${observation.state}/${observation.phase}`);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }
  const collect = async (lines: AsyncIterable<LogLine>) => {
    const out: LogLine[] = [];
    for await (const line of lines) out.push(line);
    return out;
  };
  const fakeLines = (job: string) =>
    aws.logs
      .streams(TRAINING_LOG_GROUP)
      .filter((stream) => stream.startsWith(`${job}/`))
      .flatMap((stream) => aws.logs.events(TRAINING_LOG_GROUP, stream).map((e) => `${stream.slice(job.length + 1)} ${e.message}`));

  it("renders the exact CreateTrainingJob request, which the service's model accepts", async () => {
    const rendered = await backend.render(spec());
    expect(rendered.language).toBe("json");
    expect(JSON.parse(rendered.text)).toEqual(rendered.body);
    const body = rendered.body as CreateTrainingJobCommandInput & { HyperParameters: Record<string, string> };
    expect(validateOperationInput(loadServiceModel(SAGEMAKER_MODEL), "CreateTrainingJob", body)).toEqual([]);
    expect(body).toMatchObject({
      TrainingJobName: "det-receipts-1",
      RoleArn: config.roleArn,
      AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: "File" },
      OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/console/training` },
      ResourceConfig: { InstanceType: "ml.g4dn.xlarge", InstanceCount: 2, VolumeSizeInGB: 100 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600, MaxWaitTimeInSeconds: 7200 },
      EnableManagedSpotTraining: true,
      CheckpointConfig: { S3Uri: `s3://${BUCKET}/console/checkpoints/det-receipts-1/`, LocalPath: "/opt/ml/checkpoints" },
      TensorBoardOutputConfig: { S3OutputPath: `s3://${BUCKET}/console/visualdl/det-receipts-1/`, LocalPath: "/opt/ml/checkpoints/vdl" },
    });
    expect(body.HyperParameters).toEqual({
      config: "configs/det/ch_PP-OCRv4/ch_PP-OCRv4_det_student.yml",
      export_dir: "/opt/ml/model",
      "Global.save_model_dir": "/opt/ml/checkpoints",
      "Global.use_visualdl": "True",
      "Train.dataset.data_dir": "/opt/ml/input/data/train",
      "Train.dataset.label_file_list": "['/opt/ml/input/data/train/train.txt']",
      "Eval.dataset.data_dir": "/opt/ml/input/data/test",
      "Eval.dataset.label_file_list": "['/opt/ml/input/data/test/test.txt']",
      "Global.epoch_num": "3",
      "Optimizer.lr.learning_rate": "0.001",
    });
    expect(body.InputDataConfig?.map((c) => [c.ChannelName, c.DataSource?.S3DataSource?.S3Uri])).toEqual([
      ["train", `s3://${BUCKET}/console/datasets/receipts/v3/`],
      ["test", `s3://${BUCKET}/console/datasets/receipts/v3/`],
    ]);
    expect(body.AlgorithmSpecification?.MetricDefinitions?.map((d) => d.Name)).toEqual([
      "train:loss",
      "train:lr",
      "eval:hmean",
      "eval:precision",
      "eval:recall",
      "best:hmean",
    ]);
    expect(body.Tags).toEqual([
      { Key: "ocr-console:run-id", Value: "run-det-receipts" },
      { Key: "ocr-console:run", Value: "det-receipts" },
      { Key: "ocr-console:model", Value: "receipts-det" },
      { Key: "team", Value: "ocr" },
    ]);
  });

  it("explains what is missing or wrong before anything is sent", async () => {
    await expect(backend.render(spec({ image: null }))).rejects.toThrow("Give the run a training image");
    await expect(backend.render(spec({ targetOptions: { spot: false, maxWaitSeconds: 7200 } }))).rejects.toMatchObject({
      fieldErrors: { "targetOptions.maxWaitSeconds": ["Max wait applies to spot training only"] },
    });
    await expect(backend.render(spec({ resources: { instanceType: "g4dn.xlarge" } }))).rejects.toMatchObject({
      fieldErrors: { "resources.instanceType": ["An instance type like ml.g4dn.xlarge"] },
    });
  });

  it("launches, walks Starting → Running → Succeeded with the full history, metrics, billable time, and reads every line of both hosts", async () => {
    const launched = await backend.launch(spec());
    expect(launched.externalId).toBe("det-receipts-1");
    const ref = refOf(spec(), launched.externalId);
    const seen: RunObservation[] = [];
    const done = await waitFor(() => backend.status(ref), (o) => o.state === "Succeeded", seen);

    expect([...new Set(seen.map((o) => o.state))]).toEqual(["Starting", "Running", "Succeeded"]);
    expect(done.transitions?.map((t) => [t.phase, t.state])).toEqual([
      ["Starting", "Starting"],
      ["Downloading", "Starting"],
      ["Training", "Running"],
      ["Uploading", "Running"],
      ["Completed", "Succeeded"],
    ]);
    expect(done.metrics?.["EVAL/hmean"]).toBeCloseTo(0.35 + 0.45 * (1 - Math.exp(-3 / 2)), 5);
    expect(Object.keys(done.metrics ?? {})).toEqual(["TRAIN/loss", "TRAIN/lr", "EVAL/hmean", "EVAL/precision", "EVAL/recall", "best_hmean"]);
    expect(done.outputs).toMatchObject({
      inferenceModelUri: `s3://${BUCKET}/console/training/det-receipts-1/output/model.tar.gz`,
      checkpointsUri: `s3://${BUCKET}/console/checkpoints/det-receipts-1/`,
      visualdlUri: `s3://${BUCKET}/console/visualdl/det-receipts-1/`,
    });
    expect(done.outputs?.billableTimeSeconds).toBeLessThan(done.outputs?.trainingTimeSeconds as number);
    expect(done.startedAt).toBeInstanceOf(Date);

    expect(await backend.logStreams(ref)).toEqual([expect.stringMatching(/^algo-1-\d+$/), expect.stringMatching(/^algo-2-\d+$/)]);
    const lines = await collect(backend.logs(ref, {}));
    expect(lines.map((l) => `${l.stream} ${l.text}`).sort()).toEqual(fakeLines("det-receipts-1").sort());
    expect(lines.map((l) => l.at!.getTime())).toEqual(lines.map((l) => l.at!.getTime()).sort((a, b) => a - b));
    const onlyTwo = await collect(backend.logs(ref, { stream: lines.find((l) => l.stream.startsWith("algo-2"))!.stream }));
    expect(new Set(onlyTwo.map((l) => l.stream)).size).toBe(1);

    const source = await backend.visualdlSource!(ref);
    const files = await source!.list();
    expect(files).toEqual([{ name: expect.stringMatching(/^vdlrecords\.\d+\.log$/), size: 21 }]);
    expect(Buffer.from(await source!.read(files[0]!.name, 5, 9)).toString()).toBe("VisualDL ");
  });

  it("adopts its own job when launched again, and refuses a job of the same name started by another run", async () => {
    const again = await backend.launch(spec());
    expect(again.externalId).toBe("det-receipts-1");
    expect(aws.sagemaker.trainingJobs.filter((job) => job.name === "det-receipts-1")).toHaveLength(1);
    const error = await backend.launch(spec({ runId: "someone-else" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleError);
    expect((error as ConsoleError).code).toBe("conflict");
    expect((error as ConsoleError).message).toMatch(/A training job named det-receipts-1 already exists in eu-west-1 and was not started by this run/);
  });

  it("follows the logs of a job as it runs, across both streams and many small pages, without a gap or a repeat", async () => {
    const launchSpec = spec({ attempt: 2 });
    aws.logs.pageLimit = 3;
    try {
      const { externalId } = await backend.launch(launchSpec);
      const lines = await collect(backend.logs(refOf(launchSpec, externalId), { follow: true }));
      expect(lines.map((l) => `${l.stream} ${l.text}`).sort()).toEqual(fakeLines("det-receipts-2").sort());
      expect(new Set(lines.map((l) => l.stream)).size).toBe(2);
      for (const stream of new Set(lines.map((l) => l.stream))) {
        const times = lines.filter((l) => l.stream === stream).map((l) => l.at!.getTime());
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }
      expect((await backend.status(refOf(launchSpec, externalId))).state).toBe("Succeeded");
    } finally {
      aws.logs.pageLimit = 10_000;
    }
  });

  it("resumes mid-training from DescribeTrainingJob after a restart: a fresh provider sees the history and follows to the end", async () => {
    const launchSpec = spec({ attempt: 3 });
    const { externalId } = await backend.launch(launchSpec);
    await waitFor(() => backend.status(refOf(launchSpec, externalId)), (o) => o.phase === "Training");

    const fresh = sagemakerProvider(target(), { clients: createAwsClients(config, aws.credentials), logPollMs: 20 }).training!;
    const resumed = await fresh.status(refOf(launchSpec, null));
    expect(resumed.state).toBe("Running");
    expect(resumed.transitions?.map((t) => t.phase)).toEqual(["Starting", "Downloading", "Training"]);
    const lines = await collect(fresh.logs(refOf(launchSpec, null), { follow: true }));
    expect(lines.map((l) => `${l.stream} ${l.text}`).sort()).toEqual(fakeLines("det-receipts-3").sort());
    expect((await fresh.status(refOf(launchSpec, null))).state).toBe("Succeeded");
  });

  it("stops a running job through Stopping to Stopped, and stopping again is harmless", async () => {
    const launchSpec = spec({ attempt: 4 });
    const { externalId } = await backend.launch(launchSpec);
    const ref = refOf(launchSpec, externalId);
    await waitFor(() => backend.status(ref), (o) => o.state === "Running");
    await backend.stop(ref);
    expect((await backend.status(ref)).state).toBe("Stopping");
    const stopped = await waitFor(() => backend.status(ref), (o) => o.state === "Stopped");
    expect(stopped.transitions?.slice(-2).map((t) => t.phase)).toEqual(["Stopping", "Stopped"]);
    expect(stopped.outputs?.inferenceModelUri).toBeUndefined();
    await backend.stop(ref);
  });

  it("reports a failed job with SageMaker's failure reason and the traceback in the logs", async () => {
    aws.setTrainingOutcome(() => ({ outcome: "Failed", failure: "RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB", failAt: 0.3 }));
    try {
      const launchSpec = spec({ attempt: 5 });
      const { externalId } = await backend.launch(launchSpec);
      const ref = refOf(launchSpec, externalId);
      const failed = await waitFor(() => backend.status(ref), (o) => o.state === "Failed");
      expect(failed).toMatchObject({ phase: "Failed", reason: "AlgorithmError", message: "AlgorithmError: RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB" });
      const lines = await collect(backend.logs(ref, {}));
      expect(lines.at(-1)?.text).toBe("RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB");
    } finally {
      aws.setTrainingOutcome(() => ({ outcome: "Completed" }));
    }
  });

  it("retries throttled calls (adaptive retry) and answers as if nothing happened", async () => {
    aws.account.failNext({ operation: "DescribeTrainingJob", type: "ThrottlingException", times: 2 });
    const before = aws.calls.filter((call) => call.operation === "DescribeTrainingJob").length;
    const observation = await backend.status(refOf(spec(), "det-receipts-1"));
    expect(observation.state).toBe("Succeeded");
    expect(aws.calls.filter((call) => call.operation === "DescribeTrainingJob").length - before).toBe(3);
  });

  it("reports a job that does not exist instead of failing the reconciler", async () => {
    expect(await backend.status(refOf(spec({ attempt: 99 })))).toMatchObject({ state: "Failed", reason: "TrainingJobNotFound" });
  });

  it("has the model artifact registered where SageMaker left it, and removes outputs on request", async () => {
    useTestObjectStore();
    let db: Database | undefined;
    try {
      db = await openTestDatabase("pglite");
      const actor = await seedActor(db.prisma, "editor");
      const outputs = await backend.outputs(refOf(spec(), "det-receipts-1"));
      expect(outputs.registrySource).toEqual({ kind: "object", uri: outputs.inferenceModelUri });
      const registered = await registerVersion(
        { teamId: actor.teamId, modelName: "receipts-det", source: { kind: "object", uri: outputs.inferenceModelUri as string }, actor: { id: actor.userId, label: actor.email } },
        { prisma: db.prisma },
      );
      expect(registered.storageUri).toBe(outputs.inferenceModelUri);
      const version = await db.prisma.modelVersion.findFirstOrThrow({ where: { teamId: actor.teamId, modelName: "receipts-det" } });
      expect((version.manifest as { files: Array<{ path: string; contents?: Array<{ path: string }> }> }).files[0]).toMatchObject({
        path: "model.tar.gz",
        contents: expect.arrayContaining([expect.objectContaining({ path: "inference.pdmodel" })]),
      });
    } finally {
      await db?.close();
    }

    await backend.remove(refOf(spec(), "det-receipts-1"), { deleteOutputs: true });
    const s3 = createAwsClients(config, aws.credentials).s3;
    await expect(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: "console/training/det-receipts-1/output/model.tar.gz" }))).rejects.toMatchObject({ name: "NotFound" });
    await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "console/datasets/receipts/v3/train.txt" }))).resolves.toBeDefined();
    s3.destroy();
  });
});
