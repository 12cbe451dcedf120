import { readConfig } from "@/lib/config/env";
import { prisma as openPrisma } from "@/lib/db";
import { ConsoleError } from "@/lib/errors/console-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { reachesConsoleObjects } from "@/lib/storage/console-objects";
import { consoleStoreUri, parseDatasetSource, uploadPrefix, type DatasetSource } from "./dataset-source";
import { SYNTHESIS_JOB_KIND, SYNTHETIC_DATASETS_PREFIX } from "./synthesize/synthesis-names";

type ObjectStoreSource = Extract<DatasetSource, { kind: "object-store" }>;
type Env = Record<string, string | undefined>;

/** Whose source it is: the team registering it, or the dataset reading it (its team is looked up if needed). */
export interface SourceOwner {
  teamId?: string;
  datasetId?: string;
}

/**
 * Whether a source without credentials may be read with the console's own store access. The admin says
 * so with CONSOLE_SOURCES_USE_CONSOLE_CREDENTIALS; by default yes on MinIO or the embedded store
 * (S3_ENDPOINT set: the team's own data store, fenced off from the console's internal objects), no on
 * AWS, where the console's role may read every bucket of the account.
 */
export function sourcesMayUseConsoleCredentials(env: Env = process.env): boolean {
  const value = env.CONSOLE_SOURCES_USE_CONSOLE_CREDENTIALS?.trim().toLowerCase();
  if (value === "1" || value === "true") return true;
  if (value === "0" || value === "false") return false;
  return Boolean(readConfig(env as NodeJS.ProcessEnv).s3.endpoint);
}

/**
 * Why the console will not read this source for its owner, in words the user can act on; null when it
 * may. Asked at registration and again each time the source is read, so a dataset registered before a
 * rule (or an admin's change of mind) cannot get round it.
 */
export async function sourceAccessProblem(
  sourceUri: string,
  credentials: Record<string, string | undefined> | null | undefined,
  owner: SourceOwner,
  options: { prisma?: PrismaClient; env?: Env } = {},
): Promise<string | null> {
  const source = parseDatasetSource(sourceUri);
  if (source.kind !== "object-store") return null;
  const env = options.env ?? process.env;
  const store = readConfig(env as NodeJS.ProcessEnv).s3;
  if (source.bucket === store.bucket && (await consoleGaveOwnerThisPrefix(source, owner, options.prisma))) return null;
  const consoleCredentials = !credentials?.accessKeyId && !credentials?.endpoint;
  if (consoleCredentials && !sourcesMayUseConsoleCredentials(env)) {
    return `${sourceUri} has no credentials, and this console does not read sources with its own (CONSOLE_SOURCES_USE_CONSOLE_CREDENTIALS is off): attach an access key for the bucket in the dataset's credentials.`;
  }
  if (source.bucket === store.bucket && reachesConsoleStore(source, credentials, consoleCredentials, store.endpoint) && reachesConsoleObjects(source.prefix)) {
    return `${sourceUri} is ${source.prefix === "" ? "the whole of" : "inside"} the console's registry bucket, where it keeps its own objects (_console/ and other _ folders): name a folder of your data instead, or upload an archive.`;
  }
  return null;
}

/** The same question, as the 422 on `sourceUri` a form shows beside the field. */
export async function assertSourceAccessible(...args: Parameters<typeof sourceAccessProblem>): Promise<void> {
  const problem = await sourceAccessProblem(...args);
  if (problem) throw new ConsoleError("unprocessable", problem, { sourceUri: [problem] });
}

/** Requests for the source go to the console's own store, where its internal objects live. */
function reachesConsoleStore(source: ObjectStoreSource, credentials: Record<string, string | undefined> | null | undefined, consoleCredentials: boolean, storeEndpoint: string | null): boolean {
  if (consoleCredentials) return true;
  // On AWS a dataset's own keys are judged by IAM; a MinIO or the embedded store may check them less well.
  if (!storeEndpoint) return false;
  const endpoint = credentials?.endpoint ?? (source.scheme === "minio" ? storeEndpoint : null);
  return endpoint !== null && origin(endpoint) === origin(storeEndpoint);
}

/**
 * The prefixes the console itself gave a dataset in its registry bucket: an uploaded dataset's own
 * folder, and the folder a synthesis job of the same team generated.
 */
async function consoleGaveOwnerThisPrefix(source: ObjectStoreSource, owner: SourceOwner, prisma?: PrismaClient): Promise<boolean> {
  if (owner.datasetId && source.prefix === uploadPrefix(owner.datasetId)) return true;
  if (!source.prefix.startsWith(SYNTHETIC_DATASETS_PREFIX)) return false;
  const db = prisma ?? (await openPrisma());
  const teamId = owner.teamId ?? (owner.datasetId ? (await db.dataset.findUnique({ where: { id: owner.datasetId }, select: { teamId: true } }))?.teamId : undefined);
  if (!teamId) return false;
  const folder = source.prefix.replace(/\/$/, "");
  // The job records the URI it gave the dataset; either scheme, in case the store's kind changed since.
  const uris = [consoleStoreUri(folder), `minio://${source.bucket}/${folder}`, `s3://${source.bucket}/${folder}`];
  const job = await db.job.findFirst({
    where: { teamId, kind: SYNTHESIS_JOB_KIND, OR: uris.map((uri) => ({ input: { path: ["sourceUri"], equals: uri } })) },
    select: { id: true },
  });
  return job !== null;
}

function origin(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return endpoint;
  }
}
