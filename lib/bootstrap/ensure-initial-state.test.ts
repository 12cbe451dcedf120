import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { actorForApiToken } from "@/lib/api-tokens/actor-for-api-token";
import { verifyPassword } from "@/lib/auth/password";
import type { Database } from "@/lib/db/open-database";
import { openTestDatabase } from "@/test/support/test-database";
import { ensureInitialState } from "./ensure-initial-state";

describe("first start", () => {
  let db: Database;
  let printed: string[];
  const log = (message: string) => printed.push(message);

  beforeEach(async () => {
    db = await openTestDatabase("pglite");
    printed = [];
  });
  afterEach(async () => db.close());

  it("creates the admin with a generated password shown once, a team and the local target", async () => {
    await ensureInitialState(db.prisma, { adminEmail: "admin@ocr-console.local", log });
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: "admin@ocr-console.local" }, include: { memberships: true } });
    expect(admin.role).toBe("admin");
    expect(admin.memberships).toMatchObject([{ role: "admin" }]);
    const password = /password: (\S+)/.exec(printed.join("\n"))?.[1];
    expect(password).toHaveLength(20);
    expect(await verifyPassword(password!, admin.passwordHash)).toBe(true);
    expect(admin.passwordHash).not.toContain(password!);
    const targets = await db.prisma.target.findMany();
    expect(targets).toMatchObject([{ name: "local", kind: "local", teamId: admin.memberships[0]!.teamId }]);
    // OCR out of the box: the built-in model version, served by the `pp-ocrv4` endpoint on local.
    const endpoint = await db.prisma.endpoint.findFirstOrThrow({ include: { deployments: { include: { modelVersion: true } } } });
    expect(endpoint).toMatchObject({ name: "pp-ocrv4", targetId: targets[0]!.id });
    expect(endpoint.deployments).toMatchObject([{ trafficPercent: 100, modelVersion: { modelName: "pp-ocrv4", version: "1" } }]);
    // The registry shows its files with sizes and sha256.
    const builtin = endpoint.deployments[0]!.modelVersion;
    expect(builtin).toMatchObject({ hasManifest: true, fileCount: 4, format: "paddleocr-onnx/v1" });
    expect((builtin.manifest as { files: Array<{ path: string; sha256: string }> }).files).toContainEqual(
      expect.objectContaining({ path: "ch_PP-OCRv4_det_infer.onnx", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    );

    // A restart creates nothing and prints no password again.
    printed = [];
    await ensureInitialState(db.prisma, { adminEmail: "admin@ocr-console.local", log });
    expect(await db.prisma.user.count()).toBe(1);
    expect(await db.prisma.target.count()).toBe(1);
    expect(await db.prisma.endpoint.count()).toBe(1);
    expect(await db.prisma.modelVersion.count()).toBe(1);
    expect(printed.join("\n")).not.toMatch(/password:/);
  });

  it("renames the built-in version of an older database to pp-ocrv4:1, keeping the endpoint on it", async () => {
    await ensureInitialState(db.prisma, { adminEmail: "admin@ocr-console.local", adminPassword: "admin-password-1", log });
    // What a database from before the registry holds: the built-in models as pp-ocrv4:builtin, no manifest.
    const row = await db.prisma.modelVersion.findFirstOrThrow();
    await db.prisma.modelVersion.update({ where: { id: row.id }, data: { version: "builtin", manifest: {}, hasManifest: false, fileCount: 0 } });

    await ensureInitialState(db.prisma, { adminEmail: "admin@ocr-console.local", log });
    const versions = await db.prisma.modelVersion.findMany();
    expect(versions).toMatchObject([{ id: row.id, modelName: "pp-ocrv4", version: "1", hasManifest: true, fileCount: 4 }]);
    const endpoint = await db.prisma.endpoint.findFirstOrThrow({ include: { deployments: true } });
    expect(endpoint.deployments).toMatchObject([{ modelVersionId: row.id }]);
  });

  it("takes the admin password and an API token from the environment for unattended installs", async () => {
    await ensureInitialState(db.prisma, {
      adminEmail: "ops@example.com",
      adminPassword: "from-the-environment-123",
      apiToken: "ocrc_preset_token_value",
      log,
    });
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: "ops@example.com" } });
    expect(await verifyPassword("from-the-environment-123", admin.passwordHash)).toBe(true);
    expect(printed.join("\n")).not.toContain("from-the-environment-123");
    const actor = await actorForApiToken(db.prisma, "ocrc_preset_token_value");
    expect(actor).toMatchObject({ email: "ops@example.com", role: "admin", via: "api-token" });
  });
});
