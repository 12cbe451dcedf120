import { expect, test, type APIRequestContext } from "@playwright/test";
import sharp from "sharp";
import yazl from "yazl";
import { bearer, createUser, E2E_ADMIN_TOKEN, signIn, uniqueName } from "./support";

const png = (w: number, h: number) => sharp({ create: { width: w, height: h, channels: 3, background: "#ffffff" } }).png().toBuffer();
const box = (text: string, x0: number, y0: number, x1: number, y1: number) => ({ transcription: text, points: [[x0, y0], [x1, y0], [x1, y1], [x0, y1]] });

async function zipOf(files: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(Buffer.from(data), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** A small ICDAR-style detection set in a folder, with one box outside its image on train.txt line 2. */
async function smallDetZip(): Promise<Buffer> {
  return zipOf({
    "mini/imgs/a.png": await png(320, 120),
    "mini/imgs/b.png": await png(200, 100),
    "mini/imgs/c.png": await png(160, 80),
    "mini/train.txt": [
      `imgs/a.png\t${JSON.stringify([box("HELLO", 10, 10, 150, 60), box("###", 200, 20, 300, 60)])}`,
      `imgs/b.png\t${JSON.stringify([box("WORLD", 150, 10, 260, 40)])}`,
    ].join("\n") + "\n",
    "mini/test.txt": `imgs/c.png\t${JSON.stringify([box("AGAIN", 10, 10, 150, 60)])}\n`,
  });
}

async function waitForJob(request: APIRequestContext, id: string) {
  let job: { state: string; error: string | null; result: unknown } = { state: "queued", error: null, result: null };
  await expect
    .poll(
      async () => {
        job = await (await request.get(`/api/v1/jobs/${id}`, { headers: bearer(E2E_ADMIN_TOKEN) })).json();
        return job.state;
      },
      { timeout: 60_000 },
    )
    .toMatch(/succeeded|failed|cancelled/);
  return job;
}

async function datasetNames(request: APIRequestContext): Promise<string[]> {
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

  // The dataset's page opens; the console starts validating what it can read itself.
  await expect(page).toHaveURL(new RegExp(`/datasets/${name}$`));
  await expect(page.getByText(`Dataset ${name} registered`)).toBeVisible();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await page.goto("/datasets");
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

test("an editor uploads a small zip, watches validation finish, reads the report and caches it locally", async ({ page, request }) => {
  const editor = await createUser(request, "editor");
  await signIn(page, editor.email, editor.password);
  const name = uniqueName("upload");

  await page.goto("/datasets/new");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Task").selectOption("det");
  await page.getByLabel("Upload an archive").check();
  await page.getByLabel("Archive", { exact: true }).setInputFiles({ name: "mini.zip", mimeType: "application/zip", buffer: await smallDetZip() });
  await page.getByLabel("Train label file").fill("train.txt");
  await page.getByLabel("Test label file").fill("test.txt");
  await page.getByRole("button", { name: "Register dataset" }).click();

  // The upload finishes and the dataset's page opens with its validation running or done.
  await expect(page).toHaveURL(new RegExp(`/datasets/${name}$`), { timeout: 60_000 });
  const validation = page.getByRole("region", { name: "Latest validation" });
  await expect(validation).toHaveAttribute("data-state", "succeeded", { timeout: 60_000 });
  await expect(validation.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");

  // The report: counts, and the issue at its line with the reason and the fix.
  await expect(page.getByTestId("dataset-status")).toHaveText("has issues", { timeout: 15_000 });
  const issues = page.getByRole("table", { name: "Issues" });
  await expect(issues).toContainText("train.txt:2");
  await expect(issues).toContainText("box 1 point (260, 10) lies outside the 200×100 image");
  await expect(issues).toContainText("fix the coordinates or the image");
  await expect(page.getByRole("table", { name: "Versions" })).toContainText("v1");

  // The same through the API.
  const detail = await (await request.get(`/api/v1/datasets/${name}`, { headers: bearer(E2E_ADMIN_TOKEN) })).json();
  expect(detail).toMatchObject({ status: "invalid", sourceKind: "upload", latestVersion: { version: 1, fileCount: 5, imageCount: 3 } });
  expect(detail.latestVersion.report.issues).toEqual([expect.objectContaining({ file: "train.txt", line: 2, kind: "box_outside_image" })]);

  // The preview draws the labelled boxes over the uploaded images.
  await page.getByRole("link", { name: "Preview & statistics" }).click();
  const gallery = page.getByRole("list", { name: "Sample gallery" });
  await expect(gallery.getByTestId("sample-tile")).toHaveCount(2, { timeout: 30_000 });
  await expect(gallery.getByTestId("sample-box")).toHaveCount(3);
  await expect(gallery).toContainText("HELLO");
  await page.goBack();

  // Cache on the local target, shown per target.
  const local = page.getByTestId("cache-local");
  await local.getByRole("button", { name: "Cache on local" }).click();
  await expect(local).toContainText("Ready", { timeout: 60_000 });
  await expect(local).toContainText(/cache\/datasets\/.+\/v1/);
});

test("archives that escape the dataset are refused with the reason, and keep nothing", async ({ request }) => {
  const name = uniqueName("slip");
  const created = await request.post("/api/v1/datasets", {
    headers: bearer(E2E_ADMIN_TOKEN),
    data: { name, task: "rec", source: "upload", trainLabelFile: "train.txt", testLabelFile: "test.txt" },
  });
  expect(created.status()).toBe(201);
  // yazl will not write "../" names; an attacker's tool does. Same-length names are swapped in the bytes.
  const evil = Buffer.from((await zipOf({ "aa/xx/evil.txt": "boom", "train.txt": "a.png\thi\n" })).toString("latin1").replaceAll("aa/xx/evil.txt", "../../evil.txt"), "latin1");
  const refused = await request.put(`/api/v1/datasets/${name}/archive`, { headers: { ...bearer(E2E_ADMIN_TOKEN), "Content-Type": "application/zip" }, data: evil });
  expect(refused.status()).toBe(422);
  expect((await refused.json()).error.message).toMatch(/climbs out of the dataset.*Nothing was extracted/);
  const validate = await request.post(`/api/v1/datasets/${name}:validate`, { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(validate.status()).toBe(409);
  expect((await validate.json()).error.message).toMatch(/upload its .zip or .tar.gz archive first/);
});

test("an https:// source on the console's own network is refused", async ({ request }) => {
  const name = uniqueName("ssrf");
  const created = await request.post("/api/v1/datasets", {
    headers: bearer(E2E_ADMIN_TOKEN),
    data: { name, task: "det", sourceUri: "https://169.254.169.254/latest/meta-data/data.zip", trainLabelFile: "train.txt", testLabelFile: "test.txt" },
  });
  expect(created.status()).toBe(201);
  const started = await request.post(`/api/v1/datasets/${name}:validate`, { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(started.status()).toBe(202);
  const job = await waitForJob(request, (await started.json()).id);
  expect(job.state).toBe("failed");
  expect(job.error).toMatch(/link-local.*CONSOLE_ALLOW_PRIVATE_SOURCES=1/);
});
