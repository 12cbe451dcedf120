import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { createDataset } from "@/lib/datasets/create-dataset";
import type { Database } from "@/lib/db/open-database";
import { seedActor } from "@/test/support/seed";
import { openTestDatabase } from "@/test/support/test-database";
import { listAuditEvents } from "./list-audit-events";

describe("audit trail", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    // No S3_ENDPOINT here means AWS, where credential-less s3:// sources need the admin's consent.
    process.env.CONSOLE_SOURCES_USE_CONSOLE_CREDENTIALS = "1";
  });
  afterAll(async () => db.close());

  it("records each change with its actor, newest first, and pages and filters", async () => {
    const admin = await seedActor(db.prisma, "admin");
    const { token } = await createApiToken(db.prisma, admin, { name: "ci" });
    await createDataset(db.prisma, { ...admin, via: "api-token" }, {
      name: "lines",
      task: "rec",
      sourceUri: "s3://ocr-data/lines",
      trainLabelFile: "train.txt",
      testLabelFile: "test.txt",
    });
    await revokeApiToken(db.prisma, admin, token.id);

    const all = await listAuditEvents(db.prisma, admin);
    expect(all.items.map((e) => e.action)).toEqual(["api-token.revoke", "dataset.create", "api-token.create"]);
    expect(all.items[1]!.actor).toBe(`${admin.email} (API token)`);

    const first = await listAuditEvents(db.prisma, admin, { limit: 2 });
    const rest = await listAuditEvents(db.prisma, admin, { limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...rest.items].map((e) => e.id)).toEqual(all.items.map((e) => e.id));
    expect(rest.nextCursor).toBeNull();

    const tokensOnly = await listAuditEvents(db.prisma, admin, { objectType: "api-token" });
    expect(tokensOnly.items).toHaveLength(2);
  });

  it("shows a team only its own events", async () => {
    const other = await seedActor(db.prisma, "admin");
    expect((await listAuditEvents(db.prisma, other)).items).toEqual([]);
  });
});
