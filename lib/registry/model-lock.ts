import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Runs `work` in a transaction holding the model's lock (a PostgreSQL transaction-scoped advisory
 * lock on team + model name). Alias moves, deletes and notes of one model take turns through it,
 * across requests and console processes sharing the database, so a read-then-write (the alias's
 * current version, then the new one in the bucket and the mirror) is never interleaved with
 * another writer's: no lost update, and each audit event's "from" is the previous event's "to".
 */
export async function withModelLock<T>(prisma: PrismaClient, teamId: string, modelName: string, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext($1))`, `model:${teamId}/${modelName}`);
      return work(tx);
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}
