import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, redactUrl } from "./open-database";

describe("the embedded database", () => {
  it("keeps its rows across a restart, and migrates only once", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pglite-"));
    try {
      const first = await openDatabase({ kind: "pglite", dir });
      expect(first.migrations.applied.length).toBeGreaterThan(0);
      await first.prisma.team.create({ data: { slug: "ocr", name: "OCR team" } });
      await first.close();

      const second = await openDatabase({ kind: "pglite", dir });
      expect(second.migrations.applied).toEqual([]);
      expect(await second.prisma.team.findUnique({ where: { slug: "ocr" } })).toMatchObject({ name: "OCR team" });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("never shows a database password in its location", () => {
    expect(redactUrl("postgresql://console:s3cret@db:5432/ocr")).toBe("postgresql://console:***@db:5432/ocr");
  });
});
