import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./open-database";
import { schemaScalarFields } from "@/test/support/prisma-schema";
import { DATABASE_KINDS, databaseAvailable, openTestDatabase } from "@/test/support/test-database";

// Writes every field of every model through the Prisma client into a database built only by the SQL
// migrations, and reads it back. A field in schema.prisma without its column in a migration (or with
// the wrong type) fails here, which is what keeps hand-written migrations honest.

const at = (iso: string) => new Date(iso);

function fixtures(ids: Record<string, string>) {
  return {
    User: { id: ids.user, email: "ana@example.com", name: "Ana", passwordHash: "scrypt$1$2$3$s$h", role: "editor", disabled: true, createdAt: at("2026-01-02T03:04:05.678Z"), updatedAt: at("2026-01-03T00:00:00.000Z") },
    Team: { id: ids.team, slug: "vision", name: "Vision team", createdAt: at("2026-01-02T00:00:00.001Z") },
    Membership: { id: ids.membership, userId: ids.user, teamId: ids.team, role: "admin", createdAt: at("2026-01-02T00:00:00.002Z") },
    Session: { id: ids.session, tokenHash: "a".repeat(64), userId: ids.user, createdAt: at("2026-01-02T00:00:00.003Z"), expiresAt: at("2026-02-02T00:00:00.000Z") },
    ApiToken: { id: ids.apiToken, name: "ci", tokenHash: "b".repeat(64), prefix: "ocrc_abcd", userId: ids.user, createdAt: at("2026-01-02T00:00:00.004Z"), lastUsedAt: at("2026-01-04T00:00:00.000Z"), revokedAt: at("2026-01-05T00:00:00.000Z") },
    Target: { id: ids.target, teamId: ids.team, name: "gpu", kind: "kubernetes", config: { namespace: "kubeflow", nested: { a: [1, 2] } }, secretCiphertext: "v1.x.y.z", lastCheckAt: at("2026-01-06T00:00:00.000Z"), lastCheckOk: false, lastCheckMessage: "Forbidden", createdById: ids.user, createdAt: at("2026-01-02T00:00:00.005Z"), updatedAt: at("2026-01-02T00:00:00.006Z") },
    Dataset: { id: ids.dataset, teamId: ids.team, name: "icdar2015", task: "rec", sourceUri: "s3://ocr/icdar2015", trainLabelFile: "train.txt", testLabelFile: "test.txt", dictionaryFile: "dict.txt", useSpaceChar: false, credentialsCiphertext: "v1.c.d.e", description: "ICDAR 2015 lines", status: "valid", createdById: ids.user, createdAt: at("2026-01-02T00:00:00.007Z"), updatedAt: at("2026-01-02T00:00:00.008Z") },
    DatasetVersion: { id: ids.datasetVersion, datasetId: ids.dataset, version: 2, manifestKey: "_console/datasets/d/2/manifest.json", fileCount: 12, totalBytes: 5_000_000_000, imageCount: 10, labelCount: 40, report: { issues: [{ line: 3 }] }, stats: { boxesPerImage: [1, 2] }, valid: true, createdById: ids.user, createdAt: at("2026-01-02T00:00:00.0075Z") },
    DatasetCache: { id: ids.datasetCache, datasetId: ids.dataset, datasetVersionId: ids.datasetVersion, targetId: ids.target, state: "Syncing", phase: "Partial", progress: 0.5, bytesDone: 10, bytesTotal: 20, location: "/data/cache/d/2", message: "copying", details: { sampleSet: "data-center" }, createdAt: at("2026-01-02T00:00:00.0076Z"), updatedAt: at("2026-01-02T00:00:00.0077Z") },
    Job: { id: ids.job, teamId: ids.team, kind: "dataset.validate", subjectType: "dataset", subjectId: ids.dataset, state: "running", progress: 0.25, message: "reading train.txt", input: { version: 2 }, result: { ok: true }, error: "boom", cancelRequested: true, createdById: ids.user, createdAt: at("2026-01-02T00:00:00.0078Z"), startedAt: at("2026-01-02T00:00:01.000Z"), finishedAt: at("2026-01-02T00:00:02.000Z"), heartbeatAt: at("2026-01-02T00:00:01.500Z") },
    TrainingRun: { id: ids.run, teamId: ids.team, name: "run-1", targetId: ids.target, datasetId: ids.dataset, datasetVersionId: ids.datasetVersion, modelName: "ch_db", configPath: "configs/det/det_mv3_db.yml", configChanges: ["Global.epoch_num=10"], pretrainedModel: "s3://m/best", image: "paddlecloud/paddleocr:2.6", resources: { cpu: "4" }, targetOptions: { spot: true }, request: { kind: "PaddleJob" }, externalId: "paddlejob/run-1", state: "Running", phase: "Running", desiredState: "stopped", failureReason: "OOMKilled", exitCode: 137, exitSignal: "SIGKILL", metrics: { hmean: 0.81 }, keyMetricName: "hmean", keyMetricValue: 0.81, outputs: { checkpoints: "s3://x" }, logPath: "/data/runs/run-1/train.log", clonedFromId: "run-0", attempt: 2, createdById: ids.user, createdAt: at("2026-01-02T00:00:00.009Z"), updatedAt: at("2026-01-02T00:00:00.0095Z"), startedAt: at("2026-01-02T00:01:00.000Z"), finishedAt: at("2026-01-02T02:00:00.000Z") },
    RunEvent: { id: ids.runEvent, runId: ids.run, at: at("2026-01-02T00:01:00.000Z"), state: "Starting", phase: "Pending", reason: "Created", message: "PaddleJob created" },
    RunMetric: { id: ids.runMetric, runId: ids.run, name: "hmean", step: 1200, epoch: 3, value: 0.5, at: at("2026-01-02T00:02:00.000Z"), source: "log" },
    ModelVersion: { id: ids.modelVersion, teamId: ids.team, modelName: "ch_db", version: "3", storageUri: "s3://model-center/ch_db/3/", format: "paddle-inference", metrics: { hmean: 0.8 }, manifest: { files: [{ path: "inference.pdmodel" }] }, hasManifest: true, sizeBytes: 1234, fileCount: 3, notes: "good", runId: ids.run, datasetId: ids.dataset, datasetVersionId: ids.datasetVersion, createdById: ids.user, createdAt: at("2026-01-02T00:00:00.010Z"), updatedAt: at("2026-01-02T00:00:00.0101Z"), lastSeenAt: at("2026-01-03T00:00:00.000Z") },
    ModelAlias: { id: ids.modelAlias, teamId: ids.team, modelName: "ch_db", alias: "production", version: "3", setById: ids.user, setByLabel: "ana@example.com", setAt: at("2026-01-02T00:00:00.0102Z"), etag: "\"abc\"" },
    Endpoint: { id: ids.endpoint, teamId: ids.team, name: "ocr-prod", targetId: ids.target, status: "InService", statusReason: "Ready", url: "http://ocr.example/", externalId: "ocr-prod-ep", config: { minScale: 1 }, createdById: ids.user, createdAt: at("2026-01-02T00:00:00.011Z"), updatedAt: at("2026-01-02T00:00:00.012Z") },
    Deployment: { id: ids.deployment, endpointId: ids.endpoint, modelVersionId: ids.modelVersion, role: "canary", variantName: "green", trafficPercent: 10, status: "Ready", config: { minScale: 1 }, createdAt: at("2026-01-02T00:00:00.013Z"), updatedAt: at("2026-01-02T00:00:00.0131Z"), retiredAt: at("2026-01-09T00:00:00.000Z") },
    Prediction: { id: ids.prediction, endpointId: ids.endpoint, createdById: ids.user, createdAt: at("2026-01-02T00:00:00.014Z"), latencyMs: 42, imageBytes: 12345, imageKey: "_console/predictions/e/p", thumbKey: "_console/predictions/e/p.thumb.webp", imageType: "image/png", result: { lines: [{ text: "你好", score: 0.99 }] } },
    AuditEvent: { id: ids.audit, at: at("2026-01-02T00:00:00.015Z"), teamId: ids.team, actorId: ids.user, actorLabel: "ana@example.com", action: "dataset.create", objectType: "dataset", objectId: ids.dataset, details: { name: "icdar2015" } },
  } as const;
}

// Creation order respects foreign keys.
const MODELS = ["User", "Team", "Membership", "Session", "ApiToken", "Target", "Dataset", "DatasetVersion", "DatasetCache", "Job", "TrainingRun", "RunEvent", "RunMetric", "ModelVersion", "ModelAlias", "Endpoint", "Deployment", "Prediction", "AuditEvent"] as const;

const delegate = (name: string) => name[0]!.toLowerCase() + name.slice(1);

describe.each(DATABASE_KINDS)("schema round trip on %s", (kind) => {
  describe.skipIf(!databaseAvailable(kind))(kind, () => {
    let db: Database;
    beforeAll(async () => {
      db = await openTestDatabase(kind);
    });
    afterAll(async () => db?.close());

    it("the fixtures cover every model and every field of schema.prisma", () => {
      const fields = schemaScalarFields();
      const data = fixtures(Object.fromEntries(MODELS.map((m) => [m, "x"])));
      expect(Object.keys(fields).sort()).toEqual([...MODELS].sort());
      for (const model of MODELS) expect(Object.keys(data[model]).sort(), model).toEqual(fields[model]!.sort());
    });

    it("writes and reads back every field of every model", async () => {
      const ids = Object.fromEntries(
        ["user", "team", "membership", "session", "apiToken", "target", "dataset", "datasetVersion", "datasetCache", "job", "run", "runEvent", "runMetric", "modelVersion", "modelAlias", "endpoint", "deployment", "prediction", "audit"].map((k) => [k, `${k}-${kind}`]),
      );
      const data = fixtures(ids);
      const client = db.prisma as unknown as Record<string, { create(args: unknown): Promise<unknown>; findUniqueOrThrow(args: unknown): Promise<Record<string, unknown>> }>;
      for (const model of MODELS) {
        const row = data[model];
        await client[delegate(model)]!.create({ data: row });
        const read = await client[delegate(model)]!.findUniqueOrThrow({ where: { id: row.id } });
        const expected = { ...row } as Record<string, unknown>;
        // @updatedAt is set by the client on write, whatever was given.
        if ("updatedAt" in expected) {
          expect(read.updatedAt).toBeInstanceOf(Date);
          delete expected.updatedAt;
          delete read.updatedAt;
        }
        expect(read, model).toEqual(expected);
      }
    });
  });
});
