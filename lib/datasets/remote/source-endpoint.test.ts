import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { waitForJob } from "@/lib/jobs";
import { listSamples } from "@/lib/datasets/preview/list-samples";
import { closeServer, listenOnLoopback } from "@/test/support/loopback-server";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { createDataset } from "../create-dataset";
import { startDatasetValidation } from "../start-dataset-validation";

// Issue #14, High 4: a dataset whose credentials name an S3 endpoint on the console's own network. A
// loopback server plays the internal service; what it answers must never reach the user, and by default
// the console must not even connect to it.

const SECRET = "SECRET-INTERNAL-BODY";
type Answer = (res: ServerResponse) => void;
const answers: Record<string, Answer> = {
  "xml-403": (res) => res.writeHead(403, { "Content-Type": "application/xml" }).end(`<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>${SECRET}</Message></Error>`),
  "xml-code": (res) => res.writeHead(400, { "Content-Type": "application/xml" }).end(`<?xml version="1.0"?><Error><Code>${SECRET}</Code><Message>${SECRET}</Message></Error>`),
  "text-200": (res) => res.writeHead(200, { "Content-Type": "text/plain" }).end(SECRET),
  "html-500": (res) => res.writeHead(500, "SECRET-INTERNAL-BODY", { "Content-Type": "text/html" }).end(`<html>${SECRET}</html>`),
};
let answer: Answer = answers["xml-403"]!;
let requests = 0;
const server = createServer((_req: IncomingMessage, res: ServerResponse) => {
  requests++;
  answer(res);
});
let internal: string;
let db: Database;
let editor: Actor;
let dataDir: string;
let counter = 0;

beforeAll(async () => {
  useTestObjectStore();
  dataDir = await mkdtemp(path.join(os.tmpdir(), "source-endpoint-"));
  process.env.CONSOLE_DATA_DIR = dataDir;
  process.env.CONSOLE_SECRET_KEY ??= "source-endpoint-test-key";
  internal = await listenOnLoopback(server);
  db = await openTestDatabase("pglite");
  editor = await seedActor(db.prisma, "editor");
});
afterEach(() => {
  delete process.env.CONSOLE_ALLOW_PRIVATE_SOURCES;
});
afterAll(async () => {
  await closeServer(server);
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function datasetAt(endpoint: string): Promise<string> {
  const name = `internal-${++counter}`;
  await createDataset(db.prisma, editor, {
    name,
    task: "det",
    sourceUri: "s3://data-bucket/icdar",
    trainLabelFile: "train.txt",
    testLabelFile: "test.txt",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret", endpoint },
  });
  return name;
}

async function validationError(name: string): Promise<string> {
  const job = await waitForJob((await startDatasetValidation(db.prisma, editor, name)).id, { prisma: db.prisma });
  expect(job.state).toBe("failed");
  return job.error ?? "";
}

describe("an S3 endpoint in a dataset's credentials", () => {
  it.each([
    ["an IP literal", () => internal, /127\.0\.0\.1 is a loopback address/],
    ["a name resolving to loopback", () => internal.replace("127.0.0.1", "localhost"), /localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
  ])("on the console's own network (%s) is refused before any request is sent", async (_, endpoint, message) => {
    requests = 0;
    const name = await datasetAt(endpoint());
    const error = await validationError(name);
    expect(error).toMatch(message);
    expect(error).toMatch(/CONSOLE_ALLOW_PRIVATE_SOURCES=1/);
    // The preview reads the same source, and is refused the same way, as a 422.
    await expect(listSamples(db.prisma, editor, name, {})).rejects.toMatchObject({ status: 422, message: expect.stringMatching(message) });
    expect(requests).toBe(0);
  });

  it.each(Object.keys(answers))("is reached when an admin allows private sources, and its answer (%s) is never repeated", async (kind) => {
    process.env.CONSOLE_ALLOW_PRIVATE_SOURCES = "1";
    answer = answers[kind]!;
    requests = 0;
    const name = await datasetAt(internal);
    const error = await validationError(name);
    expect(requests).toBeGreaterThan(0);
    expect(error).not.toContain(SECRET);
    expect(error).toMatch(/^The object store at 127\.0\.0\.1:\d+ /);
    const preview = await listSamples(db.prisma, editor, name, {}).then(() => new Error("not refused"), (e: unknown) => e as Error);
    expect(preview.message).not.toContain(SECRET);
    expect(preview.message).toMatch(/The object store at 127\.0\.0\.1:\d+/);
    if (kind === "xml-403") expect(error).toMatch(/answered 403 AccessDenied for s3:\/\/data-bucket\/icdar\/; check the dataset's credentials/);
  });
});
