import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import { parseInput } from "@/lib/errors/validation";
import { jobIdSchema, type JobView } from "@/lib/schemas/jobs";
import { toJobView } from "./job-view";
import type { JobOptions } from "./start-job";

/** One job by id, whoever's it is: for domain code that already knows the job belongs to its subject. */
export async function getJob(id: string, options: JobOptions = {}): Promise<JobView | null> {
  const db = options.prisma ?? (await openPrisma());
  const job = await db.job.findUnique({ where: { id } });
  return job ? toJobView(job) : null;
}

/** The newest job about a subject (optionally of one kind), e.g. a dataset's last validation. */
export async function latestJob(
  subject: { subjectType: string; subjectId: string; kind?: string },
  options: JobOptions = {},
): Promise<JobView | null> {
  const db = options.prisma ?? (await openPrisma());
  const job = await db.job.findFirst({
    where: { subjectType: subject.subjectType, subjectId: subject.subjectId, ...(subject.kind ? { kind: subject.kind } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return job ? toJobView(job) : null;
}

/** A job of the actor's team, for the API and pages; another team's job is as absent as a missing one. */
export async function getJobForActor(prisma: PrismaClient, actor: Actor, rawId: unknown): Promise<JobView> {
  const id = parseInput(jobIdSchema, rawId);
  const job = await prisma.job.findUnique({ where: { id } });
  if (!job || job.teamId !== actor.teamId) throw new ConsoleError("not_found", `There is no job ${id}.`);
  return toJobView(job);
}
