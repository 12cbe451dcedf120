import { expect, test } from "@playwright/test";
import { bearer, E2E_ADMIN_TOKEN, signIn, uniqueName } from "./support";

test("health tells anonymous callers only the status, and signed-in ones the database, the object store and the local target", async ({ request }) => {
  const anonymous = await request.get("/api/health");
  expect(anonymous.status()).toBe(200);
  expect(await anonymous.json()).toEqual({ status: expect.stringMatching(/^(ok|degraded)$/) });

  const response = await request.get("/api/health", { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(response.status()).toBe(200);
  const health = await response.json();
  expect(health.database).toMatchObject({ ok: true, kind: "pglite" });
  expect(health.objectStore).toMatchObject({ ok: true, bucket: "model-center" });
  expect(health.targets).toEqual(expect.arrayContaining([expect.objectContaining({ name: "local", ok: true })]));
});

test("the API refuses callers without a valid token", async ({ request }) => {
  const missing = await request.get("/api/v1/datasets");
  expect(missing.status()).toBe(401);
  expect((await missing.json()).error.code).toBe("unauthorized");
  const wrong = await request.get("/api/v1/datasets", { headers: bearer("ocrc_not-a-real-token") });
  expect(wrong.status()).toBe(401);
});

test("datasets can be created and listed through the API; bad input names the field", async ({ request }) => {
  const name = uniqueName("api-ds");
  const created = await request.post("/api/v1/datasets", {
    headers: bearer(E2E_ADMIN_TOKEN),
    data: { name, task: "rec", sourceUri: "bos://ocr-lines/v1", trainLabelFile: "rec_gt_train.txt", testLabelFile: "rec_gt_test.txt" },
  });
  expect(created.status()).toBe(201);
  expect(await created.json()).toMatchObject({ name, task: "rec", sourceUri: "bos://ocr-lines/v1" });

  const list = await request.get("/api/v1/datasets?limit=1", { headers: bearer(E2E_ADMIN_TOKEN) });
  const page = await list.json();
  expect(page.items).toHaveLength(1);
  expect(page.items[0].name).toBe(name);
  expect(page.nextCursor === null || typeof page.nextCursor === "string").toBe(true);

  const bad = await request.post("/api/v1/datasets", { headers: bearer(E2E_ADMIN_TOKEN), data: { name: "Bad Name", task: "ocr" } });
  expect(bad.status()).toBe(400);
  const body = await bad.json();
  expect(Object.keys(body.error.fieldErrors)).toEqual(expect.arrayContaining(["name", "task", "sourceUri"]));

  const notJson = await request.post("/api/v1/datasets", { headers: { ...bearer(E2E_ADMIN_TOKEN), "Content-Type": "application/json" }, data: "{oops" });
  expect(notJson.status()).toBe(400);
});

test("a target's connection can be tested through the API", async ({ request }) => {
  const response = await request.post("/api/v1/targets/local:check", { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(response.status()).toBe(200);
  const check = await response.json();
  expect(check.ok).toBe(true);
  expect(check.items.map((item: { name: string }) => item.name)).toEqual(["Data directory", "Compute", "Cache directory"]);
  const unknown = await request.post("/api/v1/targets/nowhere:check", { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(unknown.status()).toBe(404);
});

test("target secrets are write-only through the API", async ({ request }) => {
  const name = uniqueName("api-aws");
  const secret = "wJalrXUtnFEMI/K7MDENG/never-returned";
  const created = await request.post("/api/v1/targets", {
    headers: bearer(E2E_ADMIN_TOKEN),
    data: {
      name,
      kind: "sagemaker",
      // The fake SageMaker on loopback: signed-in health asks the team's targets, and tests never leave this machine.
      config: { region: "us-east-1", roleArn: "arn:aws:iam::123456789012:role/Ocr", s3OutputPrefix: "s3://ocr-out/x", endpointOverride: process.env.E2E_SAGEMAKER_URL },
      secrets: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: secret },
    },
  });
  expect(created.status()).toBe(201);
  const target = await created.json();
  expect(target.secretsSet).toEqual(["accessKeyId", "secretAccessKey"]);
  expect(JSON.stringify(target)).not.toContain(secret);
  const list = await request.get("/api/v1/targets", { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(await list.text()).not.toContain(secret);
});

test("an API token works until it is revoked in Settings", async ({ page, request }) => {
  await signIn(page);
  await page.goto("/settings/api-tokens");
  const tokenName = uniqueName("ci-job");
  await page.getByLabel("New token name").fill(tokenName);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-api-token").textContent())!.trim();
  expect(token).toMatch(/^ocrc_/);
  expect((await request.get("/api/v1/datasets", { headers: bearer(token) })).status()).toBe(200);

  await page.reload();
  // After a reload the secret is gone for good; only its prefix remains.
  await expect(page.getByTestId("new-api-token")).toHaveCount(0);
  const row = page.getByRole("row", { name: new RegExp(tokenName) });
  await expect(row).toContainText(token.slice(0, 9));
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  expect((await request.get("/api/v1/datasets", { headers: bearer(token) })).status()).toBe(401);
});

test("changes made through the API appear in the audit log page", async ({ page, request }) => {
  const name = uniqueName("audited");
  const created = await request.post("/api/v1/datasets", {
    headers: bearer(E2E_ADMIN_TOKEN),
    data: { name, task: "det", sourceUri: "s3://ocr-data/audit", trainLabelFile: "a.txt", testLabelFile: "b.txt" },
  });
  expect(created.status()).toBe(201);
  await signIn(page);
  await page.goto("/settings/audit?action=dataset.create");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("(API token)");
  await expect(row).toContainText("dataset.create");
  // The shell shows the console's own health as /api/health reports it: this key is not the fake's,
  // so the target added above by "target secrets are write-only" makes it degraded.
  const health = await (await request.get("/api/health", { headers: bearer(E2E_ADMIN_TOKEN) })).json();
  expect(health.status).toBe("degraded");
  await expect(page.getByTestId("health")).toContainText(/InvalidClientTokenId|UnrecognizedClientException/);
  // Refused credentials are a banner over every page, pointing at where to fix them.
  const banner = page.getByRole("status", { name: "Refused credentials" });
  await expect(banner).toContainText(/its credentials are refused — .*(InvalidClientTokenId|UnrecognizedClientException)/);
  await expect(banner.getByRole("link", { name: /Settings → Targets/ })).toHaveAttribute("href", "/settings/targets");
});

test("the OpenAPI document describes every route with the schemas the routes use", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const doc = await response.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/datasets", "/api/v1/targets", "/api/v1/targets/{name}:check"]));
  const create = doc.paths["/api/v1/datasets"].post;
  expect(create["x-required-role"]).toBe("editor");
  expect(create.requestBody.content["application/json"].schema.required).toEqual(
    expect.arrayContaining(["name", "task", "trainLabelFile", "testLabelFile"]),
  );
  expect(create.requestBody.content["application/json"].schema.properties.task.enum).toEqual(["det", "rec", "cls"]);
});
