import { expect, test } from "@playwright/test";
import { bearer, createUser, E2E_ADMIN_TOKEN, signIn, uniqueName } from "./support";

async function datasetNames(request: import("@playwright/test").APIRequestContext): Promise<string[]> {
  const response = await request.get("/api/v1/datasets?limit=200", { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: Array<{ name: string }> }).items.map((d) => d.name);
}

test("an editor registers a dataset; it is listed and still there after a reload", async ({ page, request }) => {
  const editor = await createUser(request, "editor");
  await signIn(page, editor.email, editor.password);
  const name = uniqueName("icdar");

  await page.goto("/datasets/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Task").selectOption("det");
  await page.getByLabel("Source URI").fill("s3://ocr-data/icdar2015");
  await page.getByRole("button", { name: "Register dataset" }).click();

  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByText(`Dataset ${name} registered`)).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("s3://ocr-data/icdar2015");
  await expect(row).toContainText(editor.email);

  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
});

test("an invalid source URI shows the error inline, keeps the input, and creates nothing", async ({ page, request }) => {
  await signIn(page);
  const name = uniqueName("bad-uri");
  await page.goto("/datasets/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Source URI").fill("ftp://files.example.com/icdar");
  await page.getByRole("button", { name: "Register dataset" }).click();

  await expect(page.locator("#sourceUri-error")).toContainText('Unsupported scheme "ftp://"');
  await expect(page.getByLabel("Source URI")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await expect(page).toHaveURL(/\/datasets\/new$/);
  expect(await datasetNames(request)).not.toContain(name);
});

test("a second dataset with the same name is refused with the reason", async ({ page, request }) => {
  const name = uniqueName("dup");
  const body = { name, task: "rec", sourceUri: "minio://model-center/lines", trainLabelFile: "train.txt", testLabelFile: "test.txt" };
  expect((await request.post("/api/v1/datasets", { headers: bearer(E2E_ADMIN_TOKEN), data: body })).status()).toBe(201);

  await signIn(page);
  await page.goto("/datasets/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Source URI").fill("s3://other-bucket/x");
  await page.getByRole("button", { name: "Register dataset" }).click();
  await expect(page.locator("#name-error")).toHaveText("This name is taken in your team");
});

test("a viewer sees datasets but cannot register one, in the page or through the API", async ({ page, request }) => {
  const viewer = await createUser(request, "viewer");
  await signIn(page, viewer.email, viewer.password);
  await expect(page.getByRole("heading", { name: "Datasets" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Register dataset" })).toHaveCount(0);

  await page.goto("/datasets/new");
  await expect(page.getByRole("alert").filter({ hasText: "viewer" })).toContainText("needs the editor or admin role");
  await expect(page.getByRole("button", { name: "Register dataset" })).toHaveCount(0);

  // The API refuses the same thing with the same reason, for a token the viewer made.
  await page.goto("/settings/api-tokens");
  await page.getByLabel("New token name").fill("viewer-notebook");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-api-token").textContent())!.trim();
  const name = uniqueName("viewer-try");
  const response = await request.post("/api/v1/datasets", {
    headers: bearer(token),
    data: { name, task: "det", sourceUri: "s3://ocr-data/x", trainLabelFile: "a.txt", testLabelFile: "b.txt" },
  });
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/editor role/);
  expect(await datasetNames(request)).not.toContain(name);
});
