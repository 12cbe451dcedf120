import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { bearer, E2E_ADMIN, E2E_ADMIN_TOKEN, signIn, uniqueName } from "./support";

test.setTimeout(120_000);

test("an editor uploads a version with progress, sets production, compares it with another, and deletes one", async ({ page, request }) => {
  const model = uniqueName("receipts_det");
  await signIn(page);

  // Upload from the browser: a two-part weights file, the model graph and the training config.
  await page.goto(`/models/new?model=${model}`);
  await expect(page.getByLabel("Model")).toHaveValue(model);
  await page.getByLabel("Choose files").setInputFiles([
    { name: "inference.pdiparams", mimeType: "application/octet-stream", buffer: randomBytes(9 * 1024 * 1024) },
    { name: "inference.pdmodel", mimeType: "application/octet-stream", buffer: Buffer.from("graph") },
    { name: "config.yml", mimeType: "text/yaml", buffer: Buffer.from("Global:\n  epoch_num: 100\n  use_gpu: false\n") },
  ]);
  await expect(page.getByRole("list", { name: "Chosen files" })).toContainText("3 files");
  await page.getByRole("button", { name: "Upload version" }).click();
  await expect(page.getByRole("progressbar", { name: "Upload progress" })).toBeVisible();

  // Checked and registered: the version page shows its files with sha256 and the highlighted config.
  await expect(page).toHaveURL(new RegExp(`/models/${model}/versions/1$`), { timeout: 60_000 });
  await expect(page.getByRole("heading", { name: `${model}:1` })).toBeVisible();
  const files = page.getByRole("table", { name: "Files" });
  await expect(files).toContainText("inference.pdiparams");
  await expect(files).toContainText("9.0 MiB");
  await expect(files.getByRole("link", { name: "Download" })).toHaveCount(3);
  await expect(page.getByLabel("Training config file")).toContainText("epoch_num: 100");

  // A second version, as a script registers it through the REST API.
  const form = new FormData();
  form.append("files", new Blob([randomBytes(1024)]), "inference.pdiparams");
  form.append("files", new Blob(["graph"]), "inference.pdmodel");
  form.append("files", new Blob(["Global:\n  epoch_num: 200\n  use_gpu: false\n"]), "config.yml");
  form.append("metrics", JSON.stringify({ hmean: 0.82 }));
  const second = await request.post(`/api/v1/models/${model}/versions`, { headers: bearer(E2E_ADMIN_TOKEN), multipart: form });
  expect(second.status(), await second.text()).toBe(201);
  expect(await second.json()).toMatchObject({ modelName: model, version: "2" });

  // The model is listed, with both versions.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
  await page.getByLabel("Search models").fill(model);
  const models = page.getByRole("table", { name: "Models" });
  await expect(models.getByRole("row")).toHaveCount(2);
  await expect(models).toContainText("2");
  await models.getByRole("link", { name: model }).click();
  const versions = page.getByRole("table", { name: "Versions" });
  await expect(versions.getByRole("link", { name: "1", exact: true })).toBeVisible();
  await expect(versions.getByRole("link", { name: "2", exact: true })).toBeVisible();

  // Set production on version 1: shown with who set it.
  await page.getByLabel("Alias", { exact: true }).fill("production");
  await page.getByLabel("Version", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Set production" }).click();
  await expect(page.getByTestId("alias-production")).toContainText(`production → 1`);
  await expect(page.getByTestId("alias-production")).toContainText(`set by ${E2E_ADMIN.email}`);

  // Compare the two versions: metrics, config diff, files.
  await page.getByLabel("Pick version 1 to compare").check();
  await page.getByLabel("Pick version 2 to compare").check();
  await page.getByRole("button", { name: /^Compare / }).click();
  await expect(page).toHaveURL(/\/compare\?a=1&b=2$/);
  await expect(page.getByRole("table", { name: "Metrics" })).toContainText("hmean");
  const diff = page.getByLabel("Config differences");
  await expect(diff).toContainText("epoch_num: 100");
  await expect(diff).toContainText("epoch_num: 200");
  await expect(page.getByRole("table", { name: "Files compared" })).toContainText("changed");

  // Version 1 carries production: its deletion is refused and says why.
  await page.goto(`/models/${model}/versions/1`);
  await page.getByRole("button", { name: "Delete version" }).click();
  await page.getByLabel(`Type ${model}:1 to confirm`).fill(`${model}:1`);
  await page.getByRole("button", { name: `Delete ${model}:1` }).click();
  await expect(page.getByText(/production points at/).first()).toBeVisible();

  // Version 2 is deleted after typing its name.
  await page.goto(`/models/${model}/versions/2`);
  await page.getByRole("button", { name: "Delete version" }).click();
  const confirmButton = page.getByRole("button", { name: `Delete ${model}:2` });
  await expect(confirmButton).toBeDisabled();
  await page.getByLabel(`Type ${model}:2 to confirm`).fill(`${model}:2`);
  await confirmButton.click();
  await expect(page).toHaveURL(new RegExp(`/models/${model}$`));
  await expect(page.getByRole("table", { name: "Versions" }).getByRole("link", { name: "2", exact: true })).toHaveCount(0);
});

test("the registry's REST API pages versions, moves aliases conditionally and refuses unsafe deletes", async ({ request }) => {
  const model = uniqueName("api_rec");
  for (const acc of [0.81, 0.9]) {
    const form = new FormData();
    form.append("files", new Blob([randomBytes(64)]), "rec.onnx");
    form.append("metrics", JSON.stringify({ acc }));
    const created = await request.post(`/api/v1/models/${model}/versions`, { headers: bearer(E2E_ADMIN_TOKEN), multipart: form });
    expect(created.status(), await created.text()).toBe(201);
  }
  const page = await request.get(`/api/v1/models/${model}/versions?sort=metric:acc&limit=1`, { headers: bearer(E2E_ADMIN_TOKEN) });
  const first = await page.json();
  expect(first.items).toMatchObject([{ version: "2", metrics: { acc: 0.9 } }]);
  const next = await request.get(`/api/v1/models/${model}/versions?sort=metric:acc&limit=1&cursor=${first.nextCursor}`, { headers: bearer(E2E_ADMIN_TOKEN) });
  expect((await next.json()).items).toMatchObject([{ version: "1" }]);

  const set = await request.put(`/api/v1/models/${model}/aliases/staging`, { headers: bearer(E2E_ADMIN_TOKEN), data: { version: "1", expectedVersion: null } });
  expect(set.status(), await set.text()).toBe(200);
  const stale = await request.put(`/api/v1/models/${model}/aliases/staging`, { headers: bearer(E2E_ADMIN_TOKEN), data: { version: "2", expectedVersion: null } });
  expect(stale.status()).toBe(409);
  const refused = await request.delete(`/api/v1/models/${model}/versions/1`, { headers: bearer(E2E_ADMIN_TOKEN), data: { confirm: `${model}:1` } });
  expect(refused.status()).toBe(409);

  const detail = await request.get(`/api/v1/models/${model}/versions/2`, { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(await detail.json()).toMatchObject({ files: [{ path: "rec.onnx", size: 64, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }] });
  const download = await request.get(`/api/v1/models/${model}/versions/2/files/rec.onnx`, { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(download.status()).toBe(200);
  expect((await download.body()).byteLength).toBe(64);
});
