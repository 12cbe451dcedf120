import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { ConsoleError } from "@/lib/errors/console-error";
import { openTestDatabase } from "@/test/support/test-database";
import { seedActor } from "@/test/support/seed";
import { proxyVisualDl } from "../proxy/proxy-visualdl";
import { createLogWriter } from "../writer";
import { compareRunCurves, getRunCurves, runCurveCsv, runCurveImage } from "./run-curves";

// A finished run's curves come from the log directory its outputs name, whatever target trained it.
describe("run curves", () => {
  let db: Database;
  let actor: Actor;
  let outsider: Actor;
  let dir: string;
  const runs: Record<string, string> = {};

  async function runWithLog(name: string, lossAt: (step: number) => number) {
    const logDir = path.join(dir, name, "vdl");
    const writer = await createLogWriter(logDir, { timestamp: 1_700_000_000 });
    for (let step = 0; step < 20; step++) {
      writer.addScalar("train/loss", lossAt(step), step * 10, 1_700_000_000_000 + step * 1000);
      writer.addScalar("eval/hmean", step / 20, step * 10);
    }
    writer.addImage("eval/det_vis", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), 190);
    await writer.close();
    const target = await db.prisma.target.upsert({ where: { teamId_name: { teamId: actor.teamId, name: "local" } }, create: { teamId: actor.teamId, name: "local", kind: "local" }, update: {} });
    const run = await db.prisma.trainingRun.create({
      data: { teamId: actor.teamId, name, targetId: target.id, modelName: "det", configPath: "configs/det/det_mv3_db.yml", state: "Succeeded", outputs: { visualdlUri: logDir } },
    });
    return run.id;
  }

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "viewer");
    outsider = await seedActor(db.prisma, "admin");
    dir = await mkdtemp(path.join(os.tmpdir(), "run-curves-"));
    runs.a = await runWithLog("run-a", (s) => 2 - s * 0.05);
    runs.b = await runWithLog("run-b", (s) => 2 - s * 0.08);
    const target = await db.prisma.target.findFirstOrThrow({ where: { teamId: actor.teamId } });
    runs.none = (await db.prisma.trainingRun.create({ data: { teamId: actor.teamId, name: "no-logs", targetId: target.id, modelName: "det", configPath: "x.yml" } })).id;
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("charts a run's scalars grouped by prefix, with its logged images", async () => {
    const curves = await getRunCurves(db.prisma, actor, runs.a!, { smoothing: 0.6, maxPoints: 2000 });
    expect(curves.available).toBe(true);
    expect(curves.scalars.map((s) => [s.group, s.tag, s.count])).toEqual([["eval", "eval/hmean", 20], ["train", "train/loss", 20]]);
    expect(curves.scalars[1]!.best).toEqual({ step: 190, value: expect.closeTo(1.05, 5) });
    expect(curves.images).toEqual([{ tag: "eval/det_vis", steps: [{ step: 190, timestampMs: expect.any(Number) }] }]);
    const image = await runCurveImage(db.prisma, actor, runs.a!, "eval/det_vis", 190);
    expect(image.contentType).toBe("image/png");
    const { csv } = await runCurveCsv(db.prisma, actor, runs.a!, "train/loss");
    expect(csv.split("\n")[1]).toBe("1700000000,0,2");
  });

  it("overlays several runs by tag", async () => {
    const compared = await compareRunCurves(db.prisma, actor, [runs.a!, runs.b!], { smoothing: 0, maxPoints: 2000 });
    expect(compared.runs.map((r) => [r.name, r.scalars.length])).toEqual([["run-a", 2], ["run-b", 2]]);
    const lastLoss = compared.runs.map((r) => r.scalars.find((s) => s.tag === "train/loss")!.last!.value);
    expect(lastLoss[1]).toBeLessThan(lastLoss[0]!);
  });

  it("says plainly when a run has no logs, and hides other teams' runs", async () => {
    const curves = await getRunCurves(db.prisma, actor, runs.none!, { smoothing: 0.6, maxPoints: 2000 });
    expect(curves).toMatchObject({ available: false, scalars: [] });
    expect(curves.message).toContain("Global.use_visualdl");
    await expect(getRunCurves(db.prisma, outsider, runs.a!, { smoothing: 0.6, maxPoints: 100 })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses to proxy VisualDL for a run that runs no VisualDL server", async () => {
    const error = await proxyVisualDl(db.prisma, actor, runs.a!, new Request("http://console/api/v1/runs/x/visualdl/app")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleError);
    expect((error as ConsoleError).code).toBe("not_found");
  });
});
