#!/usr/bin/env node
// `npm start` (and `npm run dev`): prepares the embedded defaults — data directory, build, object
// store — then runs Next.js, whose instrumentation opens and migrates the database and creates the
// first admin. Everything is configuration: set DATABASE_URL or S3_ENDPOINT and the embedded part
// is simply not started.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { startEmbeddedS3 } from "./embedded-s3.mjs";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const root = path.resolve(import.meta.dirname, "..");
const log = (message) => console.log(`[ocr-console] ${message}`);

const dataDir = path.resolve(process.env.CONSOLE_DATA_DIR || "data");
mkdirSync(dataDir, { recursive: true });
const env = { ...process.env, CONSOLE_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
const port = process.env.PORT || "3000";
log(`data directory ${dataDir}`);

function run(command, args, description) {
  log(description);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    log(`failed: ${description}`);
    process.exit(result.status ?? 1);
  }
}

const SOURCES = ["app", "components", "lib", "prisma", "public", "instrumentation.ts", "next.config.ts", "package.json", "postcss.config.mjs"];

function newestSourceMtime(entry) {
  const full = path.join(root, entry);
  if (!existsSync(full) || entry === path.join("lib", "generated")) return 0;
  const stats = statSync(full);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newestSourceMtime(path.join(entry, name))));
}

/** A production build exists and is newer than every source file. */
function buildIsCurrent() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  return existsSync(buildId) && statSync(buildId).mtimeMs >= Math.max(...SOURCES.map(newestSourceMtime));
}

run(process.execPath, ["scripts/prisma-generate.mjs"], "generating the database client");
if (mode === "start" && !buildIsCurrent()) {
  run(process.execPath, ["node_modules/next/dist/bin/next", "build"], "building the console (the first start takes a minute or two)");
}

let embeddedS3 = null;
if (!env.S3_ENDPOINT) {
  embeddedS3 = await startEmbeddedS3({ directory: path.join(dataDir, "s3"), bucket: env.S3_BUCKET || "model-center" });
  Object.assign(env, {
    S3_ENDPOINT: embeddedS3.endpoint,
    S3_ACCESS_KEY_ID: embeddedS3.accessKeyId,
    S3_SECRET_ACCESS_KEY: embeddedS3.secretAccessKey,
  });
  log(`embedded object store at ${embeddedS3.endpoint} (data in ${path.join(dataDir, "s3")})`);
}

log(`starting the console on port ${port}`);
const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", mode, "--port", port], { cwd: root, stdio: "inherit", env });

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  next.kill(signal);
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
next.on("exit", async (code, signal) => {
  await embeddedS3?.stop();
  process.exit(code ?? (signal ? 0 : 1));
});
