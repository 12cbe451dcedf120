import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Database } from "@/lib/db/open-database";
import { headObject, readObjectText } from "@/lib/storage/object-stream";
import { objectStoreClient } from "@/lib/storage/s3-client";
import { sealSecrets } from "@/lib/targets/target-secrets";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { EMBEDDED_S3_CREDENTIALS, startEmbeddedS3 } from "../../scripts/embedded-s3.mjs";
import { deleteVersion } from "./delete-version";
import { downloadVersionFile } from "./download-version-file";
import { getVersion } from "./get-version";
import { listTarballContents } from "./list-tarball-contents";
import { materializeVersion } from "./materialize-version";
import { registerVersion } from "./register-version";
import type { RegistryStore } from "./registry-store";
import { rescanBucket } from "./rescan-bucket";
import { nextFreeVersion } from "./reserve-version";
import { tarGz } from "./test-fixtures";

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

async function bytesOf(body: ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

// Models registered from objects training targets left behind, against real S3 servers: the
// Kubernetes model hub's upload into the registry bucket itself, and a SageMaker artifact in
// another account's S3 (here a second S3 server the registry's own client cannot reach).
describe("registering objects training targets left behind", () => {
  let db: Database;
  let actor: Actor;
  let store: RegistryStore;
  let tmp: string;
  const put = (key: string, body: string | Buffer) => store.client.send(new PutObjectCommand({ Bucket: store.bucket, Key: key, Body: body }));
  const rows = (modelName: string) =>
    db.prisma.modelVersion.findMany({ where: { teamId: actor.teamId, modelName }, orderBy: { version: "asc" } });

  beforeAll(async () => {
    useTestObjectStore();
    process.env.CONSOLE_SECRET_KEY ??= "registry-object-sources-test-key";
    db = await openTestDatabase("pglite");
    actor = await seedActor(db.prisma, "editor");
    store = { client: objectStoreClient(), bucket: `model-center-${Date.now()}` };
    await store.client.send(new CreateBucketCommand({ Bucket: store.bucket }));
    tmp = mkdtempSync(path.join(os.tmpdir(), "object-sources-"));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  describe("an upload into the registry bucket by PaddleCloud's model hub", () => {
    const hub = (version: string) => `s3://${store.bucket}/hub/${version}/hub.tar.gz`;
    const by = { id: null, label: "run det-1 on paddlecloud" };
    let tarball: Buffer;

    beforeAll(async () => {
      tarball = await tarGz({ "hub/server/inference.pdmodel": "graph", "hub/server/inference.pdiparams": randomBytes(2048), "config.yml": "Global:\n  epoch_num: 2\n" });
      for (const version of ["1", "2", "3"]) await put(`hub/${version}/hub.tar.gz`, tarball);
    });

    it("is that version: the number comes from its folder, model.json goes beside it, and a contradicting number is refused", async () => {
      const first = await registerVersion({ teamId: actor.teamId, modelName: "hub", source: { kind: "object", uri: hub("1") }, metrics: { hmean: 0.8 }, actor: by }, { prisma: db.prisma, store });
      expect(first).toEqual({ modelName: "hub", version: "1", storageUri: hub("1") });
      const manifest = JSON.parse((await readObjectText(store.client, store.bucket, "hub/1/model.json"))!);
      expect(manifest).toMatchObject({ version: "1", format: "paddlecloud-tarball", storageUri: hub("1"), metrics: { hmean: 0.8 } });
      expect(manifest.files).toMatchObject([{ path: "hub.tar.gz", size: tarball.byteLength, sha256: sha256(tarball) }]);
      expect(manifest.artifactStore).toBeUndefined();

      // The number the provider chose for the upload, given: the same version, not the next one.
      expect((await registerVersion({ teamId: actor.teamId, modelName: "hub", version: "2", source: { kind: "object", uri: hub("2") }, actor: by }, { prisma: db.prisma, store })).version).toBe("2");

      await expect(
        registerVersion({ teamId: actor.teamId, modelName: "hub", version: "4", source: { kind: "object", uri: hub("3") }, actor: by }, { prisma: db.prisma, store }),
      ).rejects.toMatchObject({ code: "bad_request", fieldErrors: { version: ["The object is version 3's"] } });
      expect(await headObject(store.client, store.bucket, "hub/3/model.json")).toBeNull();
      expect((await rows("hub")).map((r) => r.version)).toEqual(["1", "2"]);

      // Registering it again is refused, and the uploaded tarball stays.
      await expect(registerVersion({ teamId: actor.teamId, modelName: "hub", source: { kind: "object", uri: hub("1") }, actor: by }, { prisma: db.prisma, store })).rejects.toMatchObject({
        code: "conflict",
      });
      expect(await headObject(store.client, store.bucket, "hub/1/hub.tar.gz")).toMatchObject({ size: tarball.byteLength });
    });

    it("takes over the row a rescan made for the upload meanwhile, and a later rescan sees each version once", async () => {
      // A rescan before the run registers its upload mirrors hub/3/ as a version another tool wrote.
      await rescanBucket(db.prisma, actor, { store });
      const mirrored = (await rows("hub")).find((r) => r.version === "3")!;
      expect(mirrored).toMatchObject({ hasManifest: false });

      const third = await registerVersion({ teamId: actor.teamId, modelName: "hub", source: { kind: "object", uri: hub("3") }, runId: null, actor: by }, { prisma: db.prisma, store });
      expect(third.version).toBe("3");
      const adopted = await db.prisma.modelVersion.findUniqueOrThrow({ where: { id: mirrored.id } });
      expect(adopted).toMatchObject({ hasManifest: true, storageUri: hub("3"), fileCount: 1 });

      const report = await rescanBucket(db.prisma, actor, { store });
      expect(report).toMatchObject({ added: 0, updated: 0, removed: 0 });
      const versions = await rows("hub");
      expect(versions.map((r) => [r.version, r.hasManifest, r.storageUri])).toEqual([
        ["1", true, hub("1")],
        ["2", true, hub("2")],
        ["3", true, hub("3")],
      ]);

      // The version page reads the config inside the adopted tarball; deleting the version takes its folder.
      expect((await getVersion(db.prisma, actor, "hub", "1", store)).config).toMatchObject({ path: "hub.tar.gz!/config.yml", text: "Global:\n  epoch_num: 2\n" });
      await deleteVersion(db.prisma, actor, "hub", "2", { confirm: "hub:2" }, store);
      expect(await headObject(store.client, store.bucket, "hub/2/hub.tar.gz")).toBeNull();
      expect(await rescanBucket(db.prisma, actor, { store })).toMatchObject({ added: 0, removed: 0 });
      expect((await rows("hub")).map((r) => r.version)).toEqual(["1", "3"]);
    });

    it("leaves the uploader's files in place when the registration fails", async () => {
      await put("hub/5/hub.tar.gz", "not a tarball");
      await expect(registerVersion({ teamId: actor.teamId, modelName: "hub", source: { kind: "object", uri: hub("5") }, actor: by }, { prisma: db.prisma, store })).rejects.toMatchObject({
        code: "unavailable",
        message: expect.stringContaining("not a readable tarball"),
      });
      expect((await rows("hub")).map((r) => r.version)).toEqual(["1", "3"]);
      expect(await headObject(store.client, store.bucket, "hub/5/model.json")).toBeNull();
      expect(await readObjectText(store.client, store.bucket, "hub/5/hub.tar.gz")).toBe("not a tarball");
    });

    it("gives an upload registered twice at once (a watch and a status poll racing) to one of them", async () => {
      await put("hub/6/hub.tar.gz", tarball);
      const attempts = await Promise.allSettled(
        [0, 1].map(() => registerVersion({ teamId: actor.teamId, modelName: "hub", source: { kind: "object", uri: hub("6") }, actor: by }, { prisma: db.prisma, store })),
      );
      expect(attempts.filter((a) => a.status === "fulfilled").map((a) => (a as PromiseFulfilledResult<{ version: string }>).value.version)).toEqual(["6"]);
      expect(attempts.filter((a) => a.status === "rejected").map((a) => ((a as PromiseRejectedResult).reason as { code: string }).code)).toEqual(["conflict"]);
      expect(await headObject(store.client, store.bucket, "hub/6/model.json")).not.toBeNull();
      expect(await headObject(store.client, store.bucket, "hub/6/hub.tar.gz")).not.toBeNull();
    });

    it("tells the uploader a number whose folder is still empty", async () => {
      expect(await nextFreeVersion(db.prisma, store, actor.teamId, "hub")).toBe("7");
      await put("hub/7/hub.tar.gz", tarball); // written by another pipeline, not mirrored yet
      expect(await nextFreeVersion(db.prisma, store, actor.teamId, "hub")).toBe("8");
    });
  });

  describe("a SageMaker artifact in the AWS account's own S3", () => {
    let aws: { endpoint: string; stop(): Promise<void> };
    let awsS3: S3Client;
    let runId: string;
    let tarball: Buffer;
    const artifact = "s3://sagemaker-bucket/console/training/det-1/output/model.tar.gz";

    beforeAll(async () => {
      aws = await startEmbeddedS3({ directory: path.join(tmp, "aws"), bucket: "sagemaker-bucket" });
      awsS3 = new S3Client({ endpoint: aws.endpoint, region: "us-east-1", forcePathStyle: true, credentials: EMBEDDED_S3_CREDENTIALS });
      tarball = await tarGz({ "inference.pdmodel": "det-graph", "inference.pdiparams": randomBytes(4096), "config.yml": "Global:\n  use_gpu: true\n" });
      await awsS3.send(new PutObjectCommand({ Bucket: "sagemaker-bucket", Key: "console/training/det-1/output/model.tar.gz", Body: tarball }));

      const target = await db.prisma.target.create({
        data: {
          teamId: actor.teamId,
          name: "sagemaker-prod",
          kind: "sagemaker",
          config: { region: "us-east-1", roleArn: "arn:aws:iam::123456789012:role/SageMakerExecution", s3OutputPrefix: "s3://sagemaker-bucket/console", s3Endpoint: aws.endpoint },
          secretCiphertext: sealSecrets(EMBEDDED_S3_CREDENTIALS).ciphertext,
        },
      });
      const run = await db.prisma.trainingRun.create({
        data: { teamId: actor.teamId, name: "det-1", targetId: target.id, modelName: "sm-det", configPath: "configs/det/det_mv3_db.yml", createdById: actor.userId },
      });
      runId = run.id;
    }, 60_000);
    afterAll(async () => {
      awsS3?.destroy();
      await aws?.stop();
    });

    const by = () => ({ id: actor.userId, label: actor.email });

    it("is read with the target's client, not the registry's, and needs the run whose target reads it back", async () => {
      await expect(registerVersion({ teamId: actor.teamId, modelName: "sm-det", source: { kind: "object", uri: artifact }, runId, actor: by() }, { prisma: db.prisma, store })).rejects.toMatchObject({
        code: "not_found",
        message: `No object at ${artifact}.`,
      });
      await expect(
        registerVersion({ teamId: actor.teamId, modelName: "sm-det", source: { kind: "object", uri: artifact }, actor: by() }, { prisma: db.prisma, store, sourceClient: awsS3 }),
      ).rejects.toMatchObject({ code: "bad_request", fieldErrors: { runId: expect.any(Array) } });
      expect(await rows("sm-det")).toEqual([]);

      const registered = await registerVersion(
        { teamId: actor.teamId, modelName: "sm-det", source: { kind: "object", uri: artifact }, runId, metrics: { hmean: 0.7 }, actor: by() },
        { prisma: db.prisma, store, sourceClient: awsS3 },
      );
      expect(registered).toEqual({ modelName: "sm-det", version: "1", storageUri: artifact });
      const manifest = JSON.parse((await readObjectText(store.client, store.bucket, "sm-det/1/model.json"))!);
      expect(manifest.artifactStore).toMatchObject({ kind: "training-target", runId, target: "sagemaker-prod" });
      expect(manifest.files).toMatchObject([{ path: "model.tar.gz", size: tarball.byteLength, sha256: sha256(tarball), contents: expect.arrayContaining([{ path: "inference.pdmodel", size: 9 }]) }]);
    });

    it("is shown, downloaded, listed and served with a client from the run's target", async () => {
      const shown = await getVersion(db.prisma, actor, "sm-det", "1", store);
      expect(shown.config).toEqual({ path: "model.tar.gz!/config.yml", text: "Global:\n  use_gpu: true\n", truncated: false });
      expect(shown.files[0]).toMatchObject({ path: "model.tar.gz", downloadable: true });

      const download = await downloadVersionFile(db.prisma, actor, "sm-det", "1", "model.tar.gz", undefined, store);
      expect(download.size).toBe(tarball.byteLength);
      expect((await bytesOf(download.body)).equals(tarball)).toBe(true);

      expect((await listTarballContents(db.prisma, actor, "sm-det", "1", "model.tar.gz", store)).entries.map((e) => e.path)).toEqual(["inference.pdmodel", "inference.pdiparams", "config.yml"]);

      const dir = await materializeVersion(actor.teamId, "sm-det", "1", { prisma: db.prisma, store, cacheRoot: path.join(tmp, "cache") });
      expect(readFileSync(path.join(dir, "inference.pdmodel"), "utf8")).toBe("det-graph");
    });

    it("keeps its place after the mirror is rebuilt by a rescan, and says so when its target is gone", async () => {
      await db.prisma.modelVersion.deleteMany({ where: { teamId: actor.teamId, modelName: "sm-det" } });
      await rescanBucket(db.prisma, actor, { store });
      const [row] = await rows("sm-det");
      expect(row).toMatchObject({ storageUri: artifact, runId: null, hasManifest: true });
      const again = await downloadVersionFile(db.prisma, actor, "sm-det", "1", "model.tar.gz", undefined, store);
      expect((await bytesOf(again.body)).equals(tarball)).toBe(true);

      // A version whose run and target are gone still shows what it holds, without offering downloads.
      const manifest = row!.manifest as Record<string, unknown>;
      await db.prisma.modelVersion.update({
        where: { id: row!.id },
        data: { manifest: { ...manifest, artifactStore: { kind: "training-target", runId: "gone", targetId: "gone", target: "old-account" } } },
      });
      const shown = await getVersion(db.prisma, actor, "sm-det", "1", store);
      expect(shown.files[0]).toMatchObject({ path: "model.tar.gz", downloadable: false, contents: expect.any(Array) });
      expect(shown.config).toBeNull();
      await expect(downloadVersionFile(db.prisma, actor, "sm-det", "1", "model.tar.gz", undefined, store)).rejects.toMatchObject({
        code: "unavailable",
        message: `sm-det:1 is stored at ${artifact}, in the storage of target old-account, which was deleted: its files cannot be read any more.`,
      });
    });
  });
});
