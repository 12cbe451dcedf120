import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { ensureInitialState } from "@/lib/bootstrap/ensure-initial-state";
import type { Database } from "@/lib/db/open-database";
import { renderTextPng } from "@/lib/ocr/test-images";
import { stopAllLocalEndpoints } from "@/lib/providers/local/local-endpoints";
import { actorForUser } from "@/lib/auth/actor-for-user";
import { useTestObjectStore } from "@/test/support/object-store";
import { seedActor } from "@/test/support/seed";
import { getTestImage } from "./get-test-image";
import { openTestDatabase } from "@/test/support/test-database";
import { createEndpoint } from "./create-endpoint";
import { deleteEndpoint } from "./delete-endpoint";
import { getEndpoint, listEndpoints } from "./list-endpoints";
import { predict } from "./predict";
import { resumeEndpoints } from "./resume-endpoints";

// Endpoints on the local target with real serving processes and the real PP-OCRv4 models.
describe("endpoints on the local target", () => {
  let db: Database;
  let admin: Actor;
  let image: Buffer;

  beforeAll(async () => {
    useTestObjectStore();
    db = await openTestDatabase("pglite");
    await ensureInitialState(db.prisma, { adminEmail: "admin@example.com", adminPassword: "admin-password-1", log: () => {} });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    admin = (await actorForUser(db.prisma, user.id, "session"))!;
    image = await renderTextPng(520, 110, [{ text: "RECEIPT 2026", x: 30, y: 75, size: 46 }]);
  });
  afterAll(async () => {
    await stopAllLocalEndpoints();
    await db?.close();
  });

  it("serves the built-in pp-ocrv4 endpoint after a start, and keeps each test's result", async () => {
    const log: string[] = [];
    await resumeEndpoints(db.prisma, (m) => log.push(m));
    expect(log).toEqual([expect.stringContaining("serving endpoint pp-ocrv4 (pp-ocrv4:1) on local")]);
    const [endpoint] = await listEndpoints(db.prisma, admin);
    expect(endpoint).toMatchObject({ name: "pp-ocrv4", target: "local", model: { name: "pp-ocrv4", version: "1" } });
    expect(["starting", "ready"]).toContain(endpoint!.state);

    // The first request waits for the process to be ready.
    const result = await predict(db.prisma, admin, "pp-ocrv4", image);
    expect(result.lines.map((l) => l.text.replace(/\s/g, ""))).toEqual(["RECEIPT2026"]);
    expect(result.latencyMs).toBeGreaterThanOrEqual(result.timings.totalMs);
    expect((await getEndpoint(db.prisma, admin, "pp-ocrv4")).state).toBe("ready");
    const stored = await db.prisma.prediction.findUniqueOrThrow({ where: { id: result.id } });
    expect(stored).toMatchObject({ imageBytes: image.byteLength, createdById: admin.userId, imageType: "image/png" });
    // The image and a thumbnail are kept in the object store for the history.
    const kept = await getTestImage(db.prisma, admin, "pp-ocrv4", result.id, "full");
    expect(Buffer.from(await new Response(kept.body).arrayBuffer()).equals(image)).toBe(true);
    const thumb = await getTestImage(db.prisma, admin, "pp-ocrv4", result.id, "thumb");
    expect(thumb.contentType).toBe("image/webp");
  }, 60_000);

  it("passes the image's problem back as the right client error", async () => {
    await expect(predict(db.prisma, admin, "pp-ocrv4", Buffer.from("GIF89a-but-not-really"))).rejects.toMatchObject({ status: 422 });
    await expect(predict(db.prisma, admin, "pp-ocrv4", image, { det_db_thresh: 3 })).rejects.toMatchObject({ code: "bad_request" });
    await expect(predict(db.prisma, admin, "nowhere", image)).rejects.toMatchObject({ code: "not_found" });
  }, 30_000);

  it("deploys a second endpoint with its own parameters, refuses a taken name, and undeploys", async () => {
    const created = await createEndpoint(db.prisma, admin, { name: "strict", params: { drop_score: 0.99999 } });
    expect(created).toMatchObject({ name: "strict", state: "starting", params: { drop_score: 0.99999 } });
    expect((await predict(db.prisma, admin, "strict", image)).lines).toEqual([]);
    await expect(createEndpoint(db.prisma, admin, { name: "strict" })).rejects.toMatchObject({ code: "conflict" });

    await deleteEndpoint(db.prisma, admin, "strict");
    expect((await listEndpoints(db.prisma, admin)).map((e) => e.name)).toEqual(["pp-ocrv4"]);
    const audit = await db.prisma.auditEvent.findMany({ where: { objectType: "endpoint" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["endpoint.create", "endpoint.delete"]);
  }, 60_000);

  it("says plainly when a target cannot serve a model version, and creates nothing", async () => {
    await db.prisma.target.create({ data: { teamId: admin.teamId, name: "gpu", kind: "kubernetes", config: { connection: "in-cluster", namespace: "kubeflow" } } });
    // The built-in models ship inside the console: a cluster reads versions from the object store.
    await expect(createEndpoint(db.prisma, admin, { name: "on-k8s", target: "gpu" })).rejects.toThrow(/built-in PP-OCRv4 model, served by the local target only/);
    await expect(createEndpoint(db.prisma, admin, { name: "x", model: { name: "nope", version: "1" } })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.prisma.endpoint.count({ where: { name: { in: ["on-k8s", "x"] } } })).toBe(0);
  });

  it("keeps teams apart", async () => {
    const stranger = await seedActor(db.prisma, "admin");
    await expect(predict(db.prisma, stranger, "pp-ocrv4", image)).rejects.toMatchObject({ code: "not_found" });
  });
});
