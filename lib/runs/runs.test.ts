import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import type { RunStateName } from "@/lib/schemas/runs";
import { fakePaddleOcrEnv } from "@/test/support/fake-paddleocr";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { cloneRun } from "./clone-run";
import { compareRuns } from "./compare-runs";
import { createRun, renderRun } from "./create-run";
import { deleteRun } from "./delete-run";
import { getRun, runRequest } from "./get-run";
import { reconcileOnce, stopReconcilerWork } from "./reconciler";
import { registerRunModel } from "./register-run-model";
import { retryRun } from "./retry-run";
import { runEvents } from "./run-events";
import { runLogs } from "./run-logs";
import { runMetrics } from "./run-metrics";
import { stopRun, stopRuns } from "./stop-runs";
import { trainingTargets } from "./training-readiness";

// Training on the local target end to end: real child processes running the fixture trainer
// (test/support/fake-paddleocr, PaddleOCR's tools/train.py from the outside), the real reconciler,
// PGlite, and the real S3 server for model registration.

const DET_CONFIG = "configs/det/ch_PP-OCRv4/ch_PP-OCRv4_det_student.yml";
const REC_CONFIG = "configs/rec/PP-OCRv4/ch_PP-OCRv4_rec.yml";

describe("training runs on the local target", () => {
  let db: Database;
  let editor: Actor;
  let dataDir: string;

  beforeAll(async () => {
    useTestObjectStore();
    dataDir = await mkdtemp(path.join(os.tmpdir(), "ocr-console-runs-"));
    Object.assign(process.env, { CONSOLE_DATA_DIR: dataDir, ...fakePaddleOcrEnv({ stopGraceSeconds: 1 }) });
    db = await openTestDatabase("pglite");
    editor = await seedActor(db.prisma, "editor");
    await db.prisma.target.create({ data: { teamId: editor.teamId, name: "local", kind: "local", config: {} } });
  });
  afterAll(async () => {
    await stopReconcilerWork();
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Reconciles until the run reaches one of the states, as the console's loop does every 2 s. */
  async function reconcileUntil(run: string, states: RunStateName[], timeoutMs = 40_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await reconcileOnce(db.prisma);
      const view = await getRun(db.prisma, editor, run);
      if (states.includes(view.state)) return view;
      if (Date.now() > deadline) throw new Error(`run ${run} still ${view.state} (${view.failureReason ?? view.phase})`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }

  async function logContains(run: string, text: string, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for await (const line of await runLogs(db.prisma, editor, run)) if (line.text.includes(text)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`"${text}" not in the log of ${run}`);
  }

  const launch = (modelName: string, configChanges: string[] = [], configPath = DET_CONFIG) =>
    createRun(db.prisma, editor, { target: "local", modelName, configPath, configChanges: ["Global.epoch_num=2", ...configChanges] });

  it("launches a run, follows its log to the end, parses PaddleOCR's metrics, and registers the model when it succeeds", async () => {
    const created = await launch("det-test");
    expect(created).toMatchObject({ target: "local", targetKind: "local", state: "Starting", modelName: "det-test", attempt: 1 });
    expect(created.name).toMatch(/^det-test-\d{4}-\d{6}$/);
    const request = await runRequest(db.prisma, editor, created.id);
    expect(request?.language).toBe("shell");
    expect(request?.text).toContain(`-c ${DET_CONFIG}`);
    expect(request?.text).toContain(`Global.save_model_dir=${path.join(dataDir, "runs", created.name, "output")}/`);
    expect(request?.text).toContain("Global.use_gpu=False");

    // Following the log lasts as long as the run and ends with it.
    const logs = await runLogs(db.prisma, editor, created.name, { follow: "true" });
    const followed = (async () => {
      const lines: string[] = [];
      for await (const line of logs) lines.push(line.text);
      return lines;
    })();
    const done = await reconcileUntil(created.id, ["Succeeded", "Failed"]);
    expect(done).toMatchObject({ state: "Succeeded", exitCode: 0, exitSignal: null, phase: "Exited (0)" });
    const lines = await followed;
    expect(lines.some((line) => line.includes("ppocr INFO: epoch: [2/2], global_step: 9"))).toBe(true);
    expect(lines.at(-1)).toContain("inference model is saved to");

    expect(done.keyMetric?.name).toBe("hmean");
    expect(done.keyMetric!.value).toBeGreaterThan(0.5);
    expect(done.metrics).toMatchObject({ epoch: 2, epochs: 2, global_step: 9, best_epoch: 2 });
    const series = await runMetrics(db.prisma, editor, created.id, { names: "TRAIN/loss,EVAL/hmean" });
    const loss = series.find((s) => s.name === "TRAIN/loss")!;
    expect(loss.points.map((p) => p.step)).toEqual([2, 4, 6, 8, 9]); // print_batch_step 2, and each epoch's last step
    expect(loss.points[0]!.value).toBeGreaterThan(loss.points.at(-1)!.value);
    // The eval ran at step 5; the log only says so through the last printed step before it.
    expect(series.find((s) => s.name === "EVAL/hmean")!.points.map((p) => p.step)).toEqual([4]);

    const events = await runEvents(db.prisma, editor, created.id);
    expect(events.map((e) => e.state)).toEqual(expect.arrayContaining(["Queued", "Starting", "Running", "Succeeded"]));
    expect(events.at(-1)).toMatchObject({ reason: "ModelRegistered" });

    expect(done.outputs).toMatchObject({ inferenceModelUri: path.join(dataDir, "runs", created.name, "inference") });
    const version = await db.prisma.modelVersion.findFirstOrThrow({ where: { teamId: editor.teamId, modelName: "det-test" } });
    expect(version).toMatchObject({ version: "1", runId: created.id, format: "paddle-inference" });
    expect((version.metrics as Record<string, number>).hmean).toBeCloseTo(done.keyMetric!.value);
    expect((await getRun(db.prisma, editor, created.id)).outputs.modelVersion).toMatchObject({ modelName: "det-test", version: "1" });

    // Registering again by hand makes the next version.
    expect(await registerRunModel(db.prisma, editor, created.name, { notes: "again" })).toMatchObject({ modelName: "det-test", version: "2" });
  }, 90_000);

  it("records a crash with its exit code and the traceback's last line", async () => {
    const run = await launch("crashy", ["Global.fake_mode=crash"], REC_CONFIG);
    const done = await reconcileUntil(run.id, ["Failed", "Succeeded"]);
    expect(done).toMatchObject({ state: "Failed", exitCode: 1, exitSignal: null, phase: "Exited (1)" });
    expect(done.failureReason).toContain("Exited with code 1");
    expect(done.failureReason).toContain("RuntimeError: (PreconditionNotMet) The fake trainer was told to crash");
    expect(done.outputs.modelVersion).toBeUndefined();
  }, 60_000);

  it("exports the inference model after training, and says so when the export fails", async () => {
    const run = await launch("no-export", ["Global.fake_export_mode=crash"]);
    const done = await reconcileUntil(run.id, ["Succeeded", "Failed"]);
    expect(done.state).toBe("Succeeded");
    expect(done.outputs.inferenceModelUri).toBeUndefined();
    expect(done.outputs.checkpointsUri).toBe(path.join(dataDir, "runs", run.name, "output"));
    const reasons = (await runEvents(db.prisma, editor, run.id)).map((e) => [e.reason, e.message]);
    expect(reasons).toContainEqual(["InferenceExportFailed", expect.stringContaining("exporting the inference model failed (exit 1)")]);
    expect(reasons).toContainEqual(["ModelNotRegistered", expect.stringContaining("left no inference model")]);
    // By hand, the checkpoints can still become a version.
    expect(await registerRunModel(db.prisma, editor, run.id)).toMatchObject({ modelName: "no-export", version: "1" });
  }, 60_000);

  it("stops a run with SIGTERM, and one that ignores it with SIGKILL after the grace period", async () => {
    const hanging = await launch("hangs", ["Global.fake_mode=hang"]);
    const stubborn = await launch("stubborn", ["Global.fake_mode=ignore-sigterm"]);
    await reconcileUntil(hanging.id, ["Running"]);
    await reconcileUntil(stubborn.id, ["Running"]);
    await logContains(stubborn.id, "During the training process"); // its SIGTERM handler is in place
    const { items } = await stopRuns(db.prisma, editor, { runs: [hanging.name, stubborn.id] });
    expect(items.map((r) => r.state)).toEqual(["Stopping", "Stopping"]);
    expect(await reconcileUntil(hanging.id, ["Stopped", "Failed"])).toMatchObject({ state: "Stopped", exitSignal: "SIGTERM", exitCode: null });
    expect(await reconcileUntil(stubborn.id, ["Stopped", "Failed"])).toMatchObject({ state: "Stopped", exitSignal: "SIGKILL" });
    const events = await runEvents(db.prisma, editor, hanging.id);
    expect(events.map((e) => e.reason)).toContain("StopRequested");
    // Stopping a finished run changes nothing.
    expect((await stopRun(db.prisma, editor, hanging.id)).state).toBe("Stopped");
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "run.stop" } });
    expect(audit).toHaveLength(2);
  }, 60_000);

  it("re-attaches to a process still running after a console restart, and reports one that is gone", async () => {
    const survivor = await launch("survivor", ["Global.fake_mode=hang"]);
    const lost = await launch("lost", ["Global.fake_mode=hang"]);
    await reconcileUntil(survivor.id, ["Running"]);
    await reconcileUntil(lost.id, ["Running"]);

    // A restart: the console's memory (log followers) is gone; the processes and their folders are not.
    await stopReconcilerWork();
    // The lost run's process dies with no exit record, as when the machine restarts under it,
    // and its records say a previous console started it.
    const lostDir = path.join(dataDir, "runs", lost.name);
    const record = JSON.parse(await readFile(path.join(lostDir, "process.json"), "utf8")) as { pid: number; supervisorPid: number; startedAt: string };
    process.kill(record.supervisorPid, "SIGKILL");
    process.kill(-record.pid, "SIGKILL");
    await writeFile(path.join(lostDir, "process.json"), JSON.stringify({ ...record, startedAt: "2020-01-01T00:00:00.000Z" }));

    const gone = await reconcileUntil(lost.id, ["Failed"]);
    expect(gone.failureReason).toContain("The console restarted and the training process is gone");
    expect((await getRun(db.prisma, editor, survivor.id)).state).toBe("Running");
    await stopRun(db.prisma, editor, survivor.id);
    expect(await reconcileUntil(survivor.id, ["Stopped"])).toMatchObject({ exitSignal: "SIGTERM" });
  }, 60_000);

  it("retries as a new attempt, clones for the form, compares, and deletes with or without outputs", async () => {
    const first = await launch("cmp", ["Global.fake_iters_per_epoch=3"]);
    await reconcileUntil(first.id, ["Succeeded"]);
    const retried = await retryRun(db.prisma, editor, first.id);
    expect(retried).toMatchObject({ attempt: 2, clonedFrom: first.id, name: `${first.name}-r2`, configChanges: first.configChanges });
    await reconcileUntil(retried.id, ["Succeeded"]);

    const input = await cloneRun(db.prisma, editor, first.name);
    expect(input).toEqual({
      target: "local",
      dataset: null,
      datasetVersion: null,
      modelName: "cmp",
      configPath: DET_CONFIG,
      configChanges: ["Global.epoch_num=2", "Global.fake_iters_per_epoch=3"],
      pretrainedModel: null,
      image: null,
      resources: { gpus: null, cpuThreads: null },
      targetOptions: { visualdl: true },
      clonedFrom: first.id,
    });
    const second = await createRun(db.prisma, editor, { ...input, configChanges: ["Global.epoch_num=3", "Global.fake_iters_per_epoch=3"] });
    expect(second.clonedFrom).toBe(first.id);
    await reconcileUntil(second.id, ["Succeeded"]);

    const comparison = await compareRuns(db.prisma, editor, { runs: `${first.name},${second.id}` });
    expect(comparison.runs.map((r) => r.id)).toEqual([first.id, second.id]);
    expect(comparison.parameters.find((p) => p.name === "config.Global.epoch_num")).toEqual({ name: "config.Global.epoch_num", values: ["2", "3"], differs: true });
    expect(comparison.parameters.find((p) => p.name === "configPath")).toMatchObject({ differs: false });
    const loss = comparison.metrics.find((m) => m.name === "TRAIN/loss")!;
    expect(loss.higherIsBetter).toBe(false);
    expect(loss.best[1]!).toBeLessThan(loss.best[0]!); // a longer run reaches a lower loss
    expect(comparison.metrics.find((m) => m.name === "EVAL/hmean")!.higherIsBetter).toBe(true);
    expect(comparison.series[1]!.series.map((s) => s.name)).toContain("EVAL/hmean");
    await expect(compareRuns(db.prisma, editor, { runs: first.id })).rejects.toMatchObject({ code: "bad_request" });

    const firstDir = path.join(dataDir, "runs", first.name);
    await deleteRun(db.prisma, editor, first.id, { deleteOutputs: false });
    expect(existsSync(path.join(firstDir, "inference", "inference.pdiparams"))).toBe(true);
    await expect(getRun(db.prisma, editor, first.id)).rejects.toMatchObject({ code: "not_found" });
    // The kept folder is not mixed into a new run of the same name.
    await expect(createRun(db.prisma, editor, { ...input, name: first.name })).resolves.toMatchObject({ state: "Failed" });
    const secondDir = path.join(dataDir, "runs", second.name);
    await deleteRun(db.prisma, editor, second.name, { deleteOutputs: true });
    expect(existsSync(secondDir)).toBe(false);
  }, 120_000);

  it("renders the exact command without launching, and refuses what would not train", async () => {
    const rendered = await renderRun(db.prisma, editor, { target: "local", name: "preview", modelName: "m", configPath: REC_CONFIG, configChanges: ["Global.epoch_num=5"], resources: { gpus: "0,1", cpuThreads: 4 } });
    expect(rendered.language).toBe("shell");
    expect(rendered.text).toContain("CUDA_VISIBLE_DEVICES=0,1");
    expect(rendered.text).toContain("OMP_NUM_THREADS=4");
    expect(rendered.text).toContain("Global.epoch_num=5 \\\n");
    expect(rendered.text).toContain("Global.use_gpu=True");
    expect(await db.prisma.trainingRun.count({ where: { name: "preview" } })).toBe(0);

    await expect(createRun(db.prisma, editor, { target: "local", modelName: "m", configPath: "configs/det/nope.yml" })).rejects.toMatchObject({
      code: "bad_request",
      fieldErrors: { configPath: [expect.stringContaining("Not found")] },
    });
    await expect(createRun(db.prisma, editor, { target: "local", modelName: "m", configPath: DET_CONFIG, resources: { gpus: "all" } })).rejects.toMatchObject({
      fieldErrors: { "resources.gpus": [expect.any(String)] },
    });
    await expect(createRun(db.prisma, editor, { target: "nowhere", modelName: "m", configPath: DET_CONFIG })).rejects.toMatchObject({ code: "not_found" });
  });

  it("pins the dataset version and trains on the local target's cache of it, with PaddleCloud's overrides", async () => {
    const local = await db.prisma.target.findFirstOrThrow({ where: { teamId: editor.teamId, name: "local" } });
    const dataset = await db.prisma.dataset.create({
      data: { teamId: editor.teamId, name: "receipts", task: "det", sourceUri: "s3://model-center/datasets/receipts", trainLabelFile: "train.txt", testLabelFile: "test.txt" },
    });
    await db.prisma.datasetVersion.create({ data: { datasetId: dataset.id, version: 1, valid: true } });
    const v2 = await db.prisma.datasetVersion.create({ data: { datasetId: dataset.id, version: 2, valid: true } });
    const cacheDir = path.join(dataDir, "cache", "receipts-v2");
    await db.prisma.datasetCache.create({ data: { datasetId: dataset.id, datasetVersionId: v2.id, targetId: local.id, state: "Ready", location: cacheDir } });

    const run = await createRun(db.prisma, editor, { target: "local", dataset: "receipts", modelName: "receipts-det", configPath: DET_CONFIG, configChanges: ["Global.epoch_num=2"] });
    expect(run.dataset).toEqual({ name: "receipts", version: 2 });
    const request = await runRequest(db.prisma, editor, run.id);
    for (const override of [
      `Train.dataset.data_dir=${cacheDir}/`,
      `'Train.dataset.label_file_list=["${cacheDir}/train.txt"]'`,
      `Eval.dataset.data_dir=${cacheDir}/`,
      `'Eval.dataset.label_file_list=["${cacheDir}/test.txt"]'`,
    ]) {
      expect(request?.text).toContain(override);
    }
    expect(await reconcileUntil(run.id, ["Succeeded", "Failed"])).toMatchObject({ state: "Succeeded" });
    const registered = await db.prisma.modelVersion.findFirstOrThrow({ where: { runId: run.id } });
    expect(registered).toMatchObject({ datasetId: dataset.id, datasetVersionId: v2.id });

    await expect(createRun(db.prisma, editor, { target: "local", dataset: "receipts", modelName: "m", configPath: REC_CONFIG })).rejects.toMatchObject({
      fieldErrors: { configPath: [expect.stringContaining("detection")] },
    });
    await expect(createRun(db.prisma, editor, { target: "local", dataset: "receipts", datasetVersion: 9, modelName: "m", configPath: DET_CONFIG })).rejects.toMatchObject({ code: "not_found" });
  }, 60_000);

  it("says plainly that the local target cannot train where PaddleOCR is missing, and launches nothing", async () => {
    const before = { ...process.env };
    try {
      process.env.CONSOLE_PADDLEOCR_DIR = path.join(dataDir, "no-paddleocr-here");
      const [local] = await trainingTargets(db.prisma, editor);
      expect(local).toMatchObject({ target: "local", ok: false, message: expect.stringContaining("PaddleOCR not found") });
      const count = await db.prisma.trainingRun.count();
      await expect(launch("nothing")).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("cannot train") });
      expect(await db.prisma.trainingRun.count()).toBe(count);

      // A checkout with the default python command: checked for real (python3, then PaddlePaddle).
      const checkout = path.join(dataDir, "PaddleOCR");
      await writeFile(path.join(dataDir, "placeholder"), "");
      await import("node:fs/promises").then((fs) => fs.mkdir(path.join(checkout, "tools"), { recursive: true }));
      await writeFile(path.join(checkout, "tools", "train.py"), "");
      process.env.CONSOLE_PADDLEOCR_DIR = checkout;
      delete process.env.CONSOLE_TRAIN_COMMAND;
      const [python] = await trainingTargets(db.prisma, editor);
      expect(python!.ok).toBe(false);
      expect(python!.message).toMatch(/PaddlePaddle is not installed|python3 was not found|modules PaddleOCR needs are missing/);
    } finally {
      Object.assign(process.env, before);
    }
  });
});
