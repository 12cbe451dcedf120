import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { ConsoleError } from "@/lib/errors/console-error";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { cancelJob, cancelJobForActor, failInterruptedJobs, getJob, getJobForActor, INTERRUPTED_MESSAGE, latestJob, startJob, waitForJob } from "./index";

describe("background jobs", () => {
  let db: Database;
  let actor: Actor;
  const subject = (id: string) => ({ subjectType: "dataset", subjectId: id });

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "editor");
  });
  afterAll(async () => db?.close());

  const spec = (subjectId: string, kind = "dataset.validate") => ({ teamId: actor.teamId, kind, ...subject(subjectId), createdById: actor.userId });

  it("returns at once, shows progress while working, and keeps the result", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reported!: () => void;
    const halfway = new Promise<void>((resolve) => (reported = resolve));
    const { id } = await startJob(
      spec("ds-1"),
      async ({ progress }) => {
        await progress(0.5, "Hashing 5 of 10 files");
        reported();
        await gate;
        return { version: 3, valid: true };
      },
      { prisma: db.prisma },
    );
    await halfway;
    expect(await getJob(id, { prisma: db.prisma })).toMatchObject({ state: "running", progress: 0.5, message: "Hashing 5 of 10 files" });
    release();
    const job = await waitForJob(id, { prisma: db.prisma });
    expect(job).toMatchObject({ state: "succeeded", progress: 1, result: { version: 3, valid: true }, error: null });
    expect(job.finishedAt).not.toBeNull();
    expect(await latestJob(subject("ds-1"), { prisma: db.prisma })).toMatchObject({ id });
  });

  it("records a thrown error as the job's failure, in the words of the error", async () => {
    const { id } = await startJob(
      spec("ds-2"),
      async () => {
        throw new ConsoleError("unprocessable", "label file not found: train.txt");
      },
      { prisma: db.prisma },
    );
    expect(await waitForJob(id, { prisma: db.prisma })).toMatchObject({ state: "failed", error: "label file not found: train.txt" });
  });

  it("cancels running work through its signal", async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const { id } = await startJob(
      spec("ds-3"),
      ({ signal }) =>
        new Promise((_, reject) => {
          started();
          signal.addEventListener("abort", () => reject(new Error("aborted")));
        }),
      { prisma: db.prisma },
    );
    await running;
    await cancelJobForActor(db.prisma, actor, id);
    expect(await waitForJob(id, { prisma: db.prisma })).toMatchObject({ state: "cancelled", cancelRequested: true });
    const audit = await db.prisma.auditEvent.findMany({ where: { objectId: id } });
    expect(audit).toMatchObject([{ action: "job.cancel", actorId: actor.userId }]);
  });

  it("queues jobs beyond the concurrency limit and runs them in turn; a queued one cancels at once", async () => {
    const releases: Array<() => void> = [];
    const work = () => new Promise<string>((resolve) => releases.push(() => resolve("done")));
    const first = await startJob(spec("q-1"), work, { prisma: db.prisma });
    const second = await startJob(spec("q-2"), work, { prisma: db.prisma });
    const third = await startJob(spec("q-3"), work, { prisma: db.prisma });
    const fourth = await startJob(spec("q-4"), work, { prisma: db.prisma });
    await expect.poll(() => releases.length).toBe(2);
    expect(await getJob(third.id, { prisma: db.prisma })).toMatchObject({ state: "queued", message: "Waiting for other jobs to finish" });

    expect(await cancelJob(fourth.id, { prisma: db.prisma })).toMatchObject({ state: "cancelled" });
    releases[0]!();
    await expect.poll(() => releases.length).toBe(3);
    for (const release of releases.slice(1)) release();
    for (const { id } of [first, second, third]) expect((await waitForJob(id, { prisma: db.prisma })).state).toBe("succeeded");
    expect(releases).toHaveLength(3);
  });

  it("marks jobs of a previous process failed at start, leaving this process's own", async () => {
    const orphan = await db.prisma.job.create({ data: { teamId: actor.teamId, kind: "dataset.cache", subjectType: "dataset", subjectId: "x", state: "running" } });
    let release!: () => void;
    const mine = await startJob(spec("ds-4"), () => new Promise<void>((resolve) => (release = resolve)), { prisma: db.prisma });
    await expect.poll(async () => (await getJob(mine.id, { prisma: db.prisma }))?.state).toBe("running");
    expect(await failInterruptedJobs({ prisma: db.prisma })).toBe(1);
    expect(await getJob(orphan.id, { prisma: db.prisma })).toMatchObject({ state: "failed", error: INTERRUPTED_MESSAGE });
    release();
    expect((await waitForJob(mine.id, { prisma: db.prisma })).state).toBe("succeeded");
  });

  it("shows a job only to its own team", async () => {
    const { id } = await startJob(spec("ds-5"), async () => null, { prisma: db.prisma });
    await waitForJob(id, { prisma: db.prisma });
    await expect(getJobForActor(db.prisma, actor, id)).resolves.toMatchObject({ id, result: null });
    const stranger = await seedActor(db.prisma, "admin");
    await expect(getJobForActor(db.prisma, stranger, id)).rejects.toMatchObject({ code: "not_found" });
    await expect(cancelJobForActor(db.prisma, stranger, id)).rejects.toMatchObject({ code: "not_found" });
  });
});
