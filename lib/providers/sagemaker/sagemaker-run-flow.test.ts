import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { createEndpoint } from "@/lib/endpoints/create-endpoint";
import { deleteEndpoint } from "@/lib/endpoints/delete-endpoint";
import { getEndpoint } from "@/lib/endpoints/list-endpoints";
import { predict } from "@/lib/endpoints/predict";
import { renderTextPng } from "@/lib/ocr/test-images";
import { createRun } from "@/lib/runs/create-run";
import { getRun } from "@/lib/runs/get-run";
import { reconcileOnce, stopReconcilerWork } from "@/lib/runs/reconciler";
import { runEvents } from "@/lib/runs/run-events";
import { runLogs } from "@/lib/runs/run-logs";
import type { RunStateName } from "@/lib/schemas/runs";
import { createTarget } from "@/lib/targets/create-target";
import { startFakeAws, type FakeAws } from "@/test/support/aws";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";

// A run on a sagemaker target through the runs domain as the console drives it: createRun launches
// the training job, the reconciler follows DescribeTrainingJob and CloudWatch Logs, and on success
// registers the model artifact in place. The fake account's S3 and the registry share one S3
// server here (as when the console's registry is on AWS S3 in the same account).

const BUCKET = "sagemaker-flow-test";

describe("a SageMaker run through the runs domain", () => {
  let aws: FakeAws;
  let db: Database;
  let editor: Actor;
  let dataDir: string;

  beforeAll(async () => {
    useTestObjectStore();
    dataDir = await mkdtemp(path.join(os.tmpdir(), "ocr-console-sagemaker-flow-"));
    process.env.CONSOLE_DATA_DIR = dataDir;
    aws = await startFakeAws({ region: "eu-west-1", objectStore: inject("objectStore"), buckets: [BUCKET], timing: { trainingStepMs: 100, trainingMs: 600 } });
    db = await openTestDatabase("pglite");
    const admin = await seedActor(db.prisma, "admin");
    editor = await seedActor(db.prisma, "editor", admin.teamId);
    await createTarget(db.prisma, admin, {
      name: "aws",
      kind: "sagemaker",
      config: {
        region: "eu-west-1",
        roleArn: "arn:aws:iam::123456789012:role/SageMakerExecution",
        s3OutputPrefix: `s3://${BUCKET}/console`,
        endpointOverride: aws.url,
        trainingImage: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/paddleocr-train:2.7",
        servingImage: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/paddleocr-serve:2.7",
      },
      secrets: { ...aws.credentials },
    });
  });
  afterAll(async () => {
    await stopReconcilerWork();
    await db?.close();
    await aws?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function reconcileUntil(run: string, states: RunStateName[], timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await reconcileOnce(db.prisma);
      const view = await getRun(db.prisma, editor, run);
      if (states.includes(view.state)) return view;
      if (Date.now() > deadline) throw new Error(`run ${run} still ${view.state} (${view.failureReason ?? view.phase})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("launches the training job, records SageMaker's transitions, metrics and logs, and registers the artifact where it is", async () => {
    const created = await createRun(db.prisma, editor, {
      name: "sm-flow",
      target: "aws",
      modelName: "sm-flow-det",
      configPath: "configs/det/det_mv3_db.yml",
      configChanges: ["Global.epoch_num=2"],
      resources: { instanceCount: 2 },
    });
    expect(created.externalId).toBe("sm-flow-1");
    const done = await reconcileUntil(created.id, ["Succeeded", "Failed"]);
    expect(done.state).toBe("Succeeded");
    expect(done.metrics["EVAL/hmean"]).toBeGreaterThan(0.3);
    expect(done.outputs.inferenceModelUri).toBe(`s3://${BUCKET}/console/training/sm-flow-1/output/model.tar.gz`);

    const phases = (await runEvents(db.prisma, editor, created.id)).map((event) => event.phase);
    expect(phases).toEqual(expect.arrayContaining(["Starting", "Downloading", "Training", "Uploading", "Completed"]));

    const streams = new Set<string>();
    for await (const line of await runLogs(db.prisma, editor, created.id)) if (line.stream) streams.add(line.stream.replace(/-\d+$/, ""));
    expect(streams).toEqual(new Set(["algo-1", "algo-2"]));

    await expect
      .poll(async () => (await db.prisma.modelVersion.findFirst({ where: { modelName: "sm-flow-det" } }))?.storageUri, { timeout: 20_000, interval: 200 })
      .toBe(done.outputs.inferenceModelUri);
  }, 90_000);

  it("deploys the registered version as a SageMaker endpoint and reads an image through it", async () => {
    const endpoint = await createEndpoint(db.prisma, editor, { name: "sm-flow-ocr", target: "aws", model: { name: "sm-flow-det", version: "1" } });
    expect(endpoint.state).toBe("starting");
    const deadline = Date.now() + 20_000;
    while ((await getEndpoint(db.prisma, editor, "sm-flow-ocr")).state !== "ready") {
      if (Date.now() > deadline) throw new Error("the endpoint never came up");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const png = await renderTextPng(600, 120, [{ text: "FLOW 2026", x: 30, y: 80, size: 48 }]);
    const prediction = await predict(db.prisma, editor, "sm-flow-ocr", png);
    expect(prediction.lines.map((line) => line.text)).toEqual(["FLOW 2026"]);
    expect(prediction.lines[0]?.box).toHaveLength(4);
    await deleteEndpoint(db.prisma, editor, "sm-flow-ocr");
    expect([...aws.sagemaker.endpoints.values()].map((e) => e.status)).toEqual(["Deleting"]);
  }, 60_000);
});
