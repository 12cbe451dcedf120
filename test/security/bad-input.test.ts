import { describe, expect, it } from "vitest";
import type { OperationKey } from "@/lib/api/find-operation";
import { sameOriginHeaders } from "./callers";
import { consoleUnderTest } from "./console-under-test";
import { callOperation, type CallOptions } from "./routes";

// The bad-input catalogue: what a careless script, a fuzzer or an attacker sends to the API, each
// answered with a clear 4xx in the one error shape — and nothing stored.

const MiB = 1024 * 1024;
const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { "content-type": "application/json" } });
const dataset = (changes: Record<string, unknown>) => json({ name: "icdar", task: "det", sourceUri: "s3://ocr-data/icdar2015", trainLabelFile: "train.txt", testLabelFile: "test.txt", ...changes });
const credentials = (changes: Record<string, unknown>) => dataset({ credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret", ...changes } });
const user = (changes: Record<string, unknown>) => json({ email: "new.user@example.com", name: "New", role: "viewer", password: "a long enough password", ...changes });
const kubernetesTarget = (changes: Record<string, unknown>) => json({ name: "cluster", kind: "kubernetes", config: { namespace: "kubeflow" }, ...changes });
const run = (changes: Record<string, unknown>) => json({ name: "det-run", target: "local", template: "det_mv3_db", datasetVersion: "icdar:1", ...changes });
const text = (body: string, type: string) => ({ body, headers: { "content-type": type } });
const bytes = (body: Uint8Array, type: string) => ({ body: body as BodyInit, headers: { "content-type": type } });

/** A body with no Content-Length that keeps coming: only a reader that counts while it streams stops it. */
function endless(type: string, chunk = new Uint8Array(64 * 1024).fill(0x61)) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      // Bounded so a reader that never stops still ends the test (with a wrong answer, not a hang).
      if ((sent += chunk.byteLength) > 64 * MiB) controller.close();
      else controller.enqueue(chunk);
    },
  });
  return { body, headers: { "content-type": type } };
}

function multipart(parts: string, boundary = "XyZ") {
  return text(parts.replaceAll("\n", "\r\n"), `multipart/form-data; boundary=${boundary}`);
}

type Case = [title: string, key: OperationKey, options: CallOptions, status: number];

const CASES: Case[] = [
  // Bodies: type, shape, encoding and size, on any JSON route.
  ["text/plain JSON (the CSRF form)", "POST /api/v1/users", text(JSON.stringify({ email: "x@example.com" }), "text/plain"), 415],
  ["form-urlencoded body", "POST /api/v1/datasets", text("name=icdar&task=det", "application/x-www-form-urlencoded"), 415],
  ["no content type", "POST /api/v1/datasets", { body: "{}" }, 415],
  ["null body", "POST /api/v1/datasets", text("null", "application/json"), 400],
  ["array body", "POST /api/v1/datasets", text("[1,2]", "application/json"), 400],
  ["number body", "POST /api/v1/runs", text("42", "application/json"), 400],
  ["string body", "POST /api/v1/endpoints", text('"x"', "application/json"), 400],
  ["truncated JSON", "POST /api/v1/datasets", text('{"name": "ic', "application/json"), 400],
  ["not UTF-8", "POST /api/v1/datasets", bytes(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), "application/json"), 400],
  ["declared 2 MiB JSON", "POST /api/v1/datasets", { body: "x".repeat(2 * MiB), headers: { "content-type": "application/json" } }, 413],
  ["chunked endless JSON", "POST /api/v1/datasets", endless("application/json"), 413],
  ["chunked endless JSON to a viewer's route", "POST /api/v1/endpoints/{name}/predictions/{id}/rerun", endless("application/json"), 413],
  ["deep nesting", "POST /api/v1/runs:render", text(`{"name":${"[".repeat(5000)}${"]".repeat(5000)}}`, "application/json"), 400],
  // Names that become S3 keys, paths and Kubernetes names.
  ["dataset name with NUL", "POST /api/v1/datasets", dataset({ name: "ic\u0000dar" }), 400],
  ["dataset name with a bidi override", "POST /api/v1/datasets", dataset({ name: "ic\u202edar" }), 400],
  ["dataset name climbing out", "POST /api/v1/datasets", dataset({ name: "../etc" }), 400],
  ["dataset name with a slash", "POST /api/v1/datasets", dataset({ name: "a/b" }), 400],
  ["dataset name in capitals", "POST /api/v1/datasets", dataset({ name: "ICDAR" }), 400],
  ["dataset name of 64 characters", "POST /api/v1/datasets", dataset({ name: "a".repeat(64) }), 400],
  ["dataset name as a number", "POST /api/v1/datasets", dataset({ name: 42 }), 400],
  ["unknown task", "POST /api/v1/datasets", dataset({ task: "ner" }), 400],
  ["label file climbing out", "POST /api/v1/datasets", dataset({ trainLabelFile: "../../etc/passwd" }), 400],
  ["absolute label file", "POST /api/v1/datasets", dataset({ trainLabelFile: "/etc/passwd" }), 400],
  ["label file with a newline", "POST /api/v1/datasets", dataset({ testLabelFile: "test\n.txt" }), 400],
  ["label file with NUL", "POST /api/v1/datasets", dataset({ testLabelFile: "test.txt\u0000.png" }), 400],
  ["description of 3,000 characters", "POST /api/v1/datasets", dataset({ description: "d".repeat(3000) }), 400],
  ["description with NUL", "POST /api/v1/datasets", dataset({ description: "a\u0000b" }), 400],
  // URL fields: schemes, and addresses inside the console's network.
  ["file:// source", "POST /api/v1/datasets", dataset({ sourceUri: "file:///etc/passwd" }), 400],
  ["ftp:// source", "POST /api/v1/datasets", dataset({ sourceUri: "ftp://example.com/x" }), 400],
  ["source of 3,000 characters", "POST /api/v1/datasets", dataset({ sourceUri: `s3://b/${"k".repeat(3000)}` }), 400],
  ["source without a scheme", "POST /api/v1/datasets", dataset({ sourceUri: "ocr-data/icdar" }), 400],
  ["only an access key id", "POST /api/v1/datasets", dataset({ credentials: { accessKeyId: "AKIA" } }), 400],
  ["endpoint that is not a URL", "POST /api/v1/datasets", credentials({ endpoint: "not a url" }), 400],
  ["credentials as a string", "POST /api/v1/datasets", dataset({ credentials: "AKIA:secret" }), 400],
  // Users.
  ["user email not an email", "POST /api/v1/users", user({ email: "not-an-email" }), 400],
  ["user email with NUL", "POST /api/v1/users", user({ email: "a\u0000@example.com" }), 400],
  ["user password too short", "POST /api/v1/users", user({ password: "short" }), 400],
  ["user role that does not exist", "POST /api/v1/users", user({ role: "root" }), 400],
  ["user name of 101 characters", "POST /api/v1/users", user({ name: "n".repeat(101) }), 400],
  ["user without a password", "POST /api/v1/users", json({ email: "x@example.com", name: "X", role: "viewer" }), 400],
  // Targets.
  ["target of an unknown kind", "POST /api/v1/targets", json({ name: "t", kind: "nomad", config: {} }), 400],
  ["target name in capitals", "POST /api/v1/targets", kubernetesTarget({ name: "Cluster" }), 400],
  ["target name with a bidi override", "POST /api/v1/targets", kubernetesTarget({ name: "clu\u202eter" }), 400],
  ["namespace that is not a Kubernetes name", "POST /api/v1/targets", kubernetesTarget({ config: { namespace: "Kube_Flow" } }), 400],
  ["SageMaker role that is not an ARN", "POST /api/v1/targets", json({ name: "sm", kind: "sagemaker", config: { region: "us-east-1", roleArn: "admin", outputS3Uri: "s3://b/out" } }), 400],
  ["SageMaker region with NUL", "POST /api/v1/targets", json({ name: "sm", kind: "sagemaker", config: { region: "us-east-1\u0000", roleArn: "arn:aws:iam::123456789012:role/x", outputS3Uri: "s3://b/out" } }), 400],
  ["check of a target that does not exist", "POST /api/v1/targets/{name}:check", { params: { name: "nowhere" } }, 404],
  // Runs.
  ["run with fields that are not a run's", "POST /api/v1/runs:render", run({ target: "nowhere" }), 400],
  ["run name with NUL", "POST /api/v1/runs", run({ name: "det\u0000run" }), 400],
  ["run name climbing out", "POST /api/v1/runs", run({ name: "../../x" }), 400],
  ["stop with ids as a string", "POST /api/v1/runs:stop", json({ ids: "all" }), 400],
  ["runs page of 100,000", "GET /api/v1/runs", { query: "limit=100000" }, 400],
  ["runs sorted by a made-up field", "GET /api/v1/runs", { query: "sort=password" }, 400],
  ["run that does not exist", "GET /api/v1/runs/{id}", { params: { id: "nope" } }, 404],
  ["unknown custom method on a run", "POST /api/v1/runs/{id}:stop", { params: { id: "nope:explode" } }, 404],
  ["compare with one run", "GET /api/v1/runs:compare", { query: "runs=a" }, 400],
  // Registry: versions, aliases, files and uploads.
  ["alias climbing out", "PUT /api/v1/models/{name}/aliases/{alias}", { ...json({ version: 1 }), params: { name: "ppocr", alias: "../x" } }, 400],
  ["alias with NUL", "PUT /api/v1/models/{name}/aliases/{alias}", { ...json({ version: 1 }), params: { name: "ppocr", alias: "prod\u0000" } }, 400],
  ["model name climbing out", "GET /api/v1/models/{name}/versions", { params: { name: "../_console" } }, 400],
  ["file climbing out of a version", "GET /api/v1/models/{name}/versions/{version}/files/{path}", { params: { name: "ppocr", version: "1", path: "../../secret.key" } }, 404],
  ["version that is not a number", "GET /api/v1/models/{name}/versions/{version}", { params: { name: "ppocr", version: "1; drop" } }, 400],
  ["upload with a file climbing out", "POST /api/v1/models/{name}/uploads", { ...json({ files: [{ path: "../../x", size: 1, sha256: "0".repeat(64) }] }), params: { name: "ppocr" } }, 400],
  ["upload with an absolute file", "POST /api/v1/models/{name}/uploads", { ...json({ files: [{ path: "/etc/passwd", size: 1, sha256: "0".repeat(64) }] }), params: { name: "ppocr" } }, 400],
  ["upload with a negative size", "POST /api/v1/models/{name}/uploads", { ...json({ files: [{ path: "det.onnx", size: -1, sha256: "0".repeat(64) }] }), params: { name: "ppocr" } }, 400],
  ["upload part streaming past a part's size", "PUT /api/v1/models/{name}/uploads/{id}/files/{index}/parts/{part}", { ...endless("application/octet-stream"), params: { name: "ppocr" } }, 413],
  ["notes of a megabyte", "PUT /api/v1/models/{name}/versions/{version}/notes", { ...json({ notes: "n".repeat(MiB) }), params: { name: "ppocr", version: "1" } }, 413],
  ["versions form that is not multipart", "POST /api/v1/models/{name}/versions", { ...json({ files: [] }), params: { name: "ppocr" } }, 415],
  ["versions form with a broken boundary", "POST /api/v1/models/{name}/versions", { ...multipart("--XyZ\nContent-Disposition: form-data; name=\"files\"; filename=\"a\"\n\nabc\n--Wrong--\n"), params: { name: "ppocr" } }, 400],
  ["models sorted by a made-up field", "GET /api/v1/models", { query: "sort=secret" }, 400],
  // Endpoints and the playground.
  ["predict as text/plain", "POST /api/v1/endpoints/{name}/predict", { ...text('{"image":"aGk="}', "text/plain"), params: { name: "pp-ocrv4" } }, 415],
  ["predict streaming past 28 MB", "POST /api/v1/endpoints/{name}/predict", { ...endless("multipart/form-data; boundary=XyZ"), params: { name: "pp-ocrv4" } }, 413],
  ["predict JSON streaming past 28 MB", "POST /api/v1/endpoints/{name}/predict", { ...endless("application/json"), params: { name: "pp-ocrv4" } }, 413],
  ["predict with a broken multipart body", "POST /api/v1/endpoints/{name}/predict", { ...multipart("--XyZ\nContent-Disposition: form-data; name=\"image\"\n"), params: { name: "pp-ocrv4" } }, 400],
  ["predict without the image field", "POST /api/v1/endpoints/{name}/predict", { ...multipart('--XyZ\nContent-Disposition: form-data; name="picture"; filename="a.png"\n\nabc\n--XyZ--\n'), params: { name: "pp-ocrv4" } }, 400],
  ["predict with base64 that is not", "POST /api/v1/endpoints/{name}/predict", { ...json({ image: "%%%not base64%%%" }), params: { name: "pp-ocrv4" } }, 400],
  ["predict with the image as a number", "POST /api/v1/endpoints/{name}/predict", { ...json({ image: 12 }), params: { name: "pp-ocrv4" } }, 400],
  ["predict with params that are not JSON", "POST /api/v1/endpoints/{name}/predict", { ...multipart('--XyZ\nContent-Disposition: form-data; name="image"; filename="a.png"\n\nabc\n--XyZ\nContent-Disposition: form-data; name="params"\n\n{oops\n--XyZ--\n'), params: { name: "pp-ocrv4" } }, 400],
  ["endpoint name with a bidi override", "POST /api/v1/endpoints", json({ name: "ocr\u202e", target: "local", model: "pp-ocrv4", version: 1 }), 400],
  ["endpoint name climbing out", "POST /api/v1/endpoints", json({ name: "../ocr", target: "local", model: "pp-ocrv4", version: 1 }), 400],
  ["traffic share of 150 %", "POST /api/v1/endpoints/{name}/traffic", { ...json({ canaryPercent: 150 }), params: { name: "pp-ocrv4" } }, 400],
  ["traffic share as text", "POST /api/v1/endpoints/{name}/traffic", { ...json({ canaryPercent: "half" }), params: { name: "pp-ocrv4" } }, 400],
  ["endpoint that does not exist", "GET /api/v1/endpoints/{name}", { params: { name: "nowhere" } }, 404],
  // Datasets: archives, previews, synthesis, jobs.
  ["archive for a dataset that does not exist", "PUT /api/v1/datasets/{name}/archive", { ...bytes(new Uint8Array([1, 2, 3]), "application/zip"), params: { name: "nowhere" } }, 404],
  ["samples of a dataset that does not exist", "GET /api/v1/datasets/{name}/samples", { params: { name: "icdar" }, query: "page=-1" }, 404],
  ["validate a dataset that does not exist", "POST /api/v1/datasets/{name}:validate", { params: { name: "nowhere" } }, 404],
  ["synthesize a million lines", "POST /api/v1/datasets:synthesize", json({ name: "synth", task: "rec", count: 1_000_000, words: ["a"] }), 400],
  ["synthesize with a bad name", "POST /api/v1/datasets:synthesize", json({ name: "Synth/../x", task: "rec", count: 10, words: ["a"] }), 400],
  ["cancel a job that does not exist", "POST /api/v1/jobs/{id}:cancel", { params: { id: "nope" } }, 404],
  // Tokens and audit.
  ["token with an empty name", "POST /api/v1/api-tokens", json({ name: "" }), 400],
  ["token name with NUL", "POST /api/v1/api-tokens", json({ name: "ci\u0000" }), 400],
  ["audit page of 100,000", "GET /api/v1/audit-events", { query: "limit=100000" }, 400],
];

const harness = consoleUnderTest({ routes: true, dataDir: true });

async function stored() {
  const { prisma } = harness.database;
  const counts = await Promise.all([
    prisma.dataset.count(),
    prisma.trainingRun.count(),
    prisma.target.count(),
    prisma.user.count(),
    prisma.endpoint.count(),
    prisma.modelVersion.count(),
    prisma.apiToken.count(),
    prisma.job.count(),
    prisma.auditEvent.count(),
  ]);
  return counts.join(",");
}

describe("bad input", () => {
  it("has at least 80 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(80));

  it.each(CASES)("%s", async (_title, key, options, status) => {
    const before = await stored();
    const answer = await callOperation(harness.routes, key, { ...options, headers: { ...sameOriginHeaders(), ...harness.callers.admin.bearer, ...options.headers } });
    const body = (await answer.json()) as { error?: { code: string; message: string } };
    expect({ status: answer.status, message: body.error?.message }).toMatchObject({ status, message: expect.any(String) });
    expect(body.error!.message.length).toBeLessThan(600);
    expect(await stored(), "nothing stored").toBe(before);
  });
});
