import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer, E2E_ADMIN_TOKEN, signIn, uniqueName } from "./support";

// A detection dataset made by the synthetic generator through the API, then previewed in the page:
// thumbnails with their boxes drawn, search, a sample opened large, and the statistics charts.

async function synthesize(request: APIRequestContext, body: Record<string, unknown>) {
  const started = await request.post("/api/v1/datasets:synthesize", { headers: bearer(E2E_ADMIN_TOKEN), data: body });
  expect(started.status(), await started.text()).toBe(202);
  const { jobId } = (await started.json()) as { jobId: string };
  await expect
    .poll(
      async () => {
        const job = await (await request.get(`/api/v1/jobs/${jobId}`, { headers: bearer(E2E_ADMIN_TOKEN) })).json();
        if (job.state === "failed") throw new Error(`synthesis failed: ${job.error}`);
        return job.state;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe("succeeded");
  return jobId;
}

test("a synthesized detection dataset shows its boxes drawn over the images, finds text, and charts its statistics", async ({ page, request }) => {
  test.setTimeout(120_000);
  const name = uniqueName("synth-pages");
  await synthesize(request, {
    name,
    task: "det",
    text: "invoice total amount receipt",
    count: 6,
    testFraction: 0.2,
    seed: 42,
    fontSize: { min: 24, max: 30 },
    page: { width: 480, height: 320, lines: { min: 2, max: 3 } },
  });

  const samples = await request.get(`/api/v1/datasets/${name}/samples?split=train&limit=10`, { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(samples.status()).toBe(200);
  const body = await samples.json();
  expect(body.items.length).toBe(5);
  expect(body.items[0].image).toEqual({ width: 480, height: 320 });
  const escape = await request.get(`/api/v1/datasets/${name}/samples/image?path=${encodeURIComponent("../../etc/passwd")}`, { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(escape.status()).toBe(400);

  await signIn(page);
  await page.goto(`/datasets/${name}/preview`);
  const gallery = page.getByRole("list", { name: "Sample gallery" });
  await expect(gallery.getByTestId("sample-tile")).toHaveCount(5, { timeout: 30_000 });
  // Boxes are drawn over the thumbnails, and the thumbnails themselves load.
  await expect(gallery.getByTestId("sample-box").first()).toBeVisible();
  expect(await gallery.getByTestId("sample-box").count()).toBeGreaterThanOrEqual(10);
  const thumbnail = await gallery.getByTestId("sample-thumbnail").first().getAttribute("href");
  const thumbnailResponse = await page.request.get(thumbnail!);
  expect(thumbnailResponse.status()).toBe(200);
  expect(thumbnailResponse.headers()["content-type"]).toBe("image/webp");

  // Opened large: the zoomable viewer with the labelled boxes and their transcriptions.
  await gallery.getByRole("button", { name: /Open train\/img_000001\.png/ }).click();
  const dialog = page.getByRole("dialog", { name: /train\/img_000001\.png/ });
  await expect(dialog.getByTestId("ocr-box").first()).toBeVisible();
  await expect(dialog.getByRole("list", { name: "Transcriptions" })).toContainText(/invoice|total|amount|receipt/);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  // Search narrows the gallery to samples whose text contains the word.
  await page.getByLabel("Search text").fill("RECEIPT");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText(/matching “RECEIPT”/)).toBeVisible();
  for (const tile of await gallery.getByTestId("sample-tile").all()) await expect(tile).toContainText(/receipt/i);
  await page.getByLabel("Search text").fill("no-such-word");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No sample's text contains “no-such-word”.")).toBeVisible();

  // The test split has the rest.
  await page.getByRole("tab", { name: "Test" }).click();
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(gallery.getByTestId("sample-tile")).toHaveCount(1);

  // Statistics as charts, titled and with their numbers for screen readers.
  await expect(page.getByRole("img", { name: "Boxes per image" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("img", { name: "Text length" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Character frequency/ })).toBeVisible();
  await expect(page.getByRole("img", { name: "Image sizes" })).toBeVisible();
});

test("the generator page starts a job, shows its progress, and links to the new dataset's preview", async ({ page }) => {
  test.setTimeout(120_000);
  const name = uniqueName("synth-lines");
  await signIn(page);
  await page.goto("/datasets/synthesize");
  await page.getByLabel("Dataset name").fill(name);
  await page.getByLabel("Lines", { exact: true }).fill("8");
  await page.getByLabel("Seed", { exact: true }).fill("7");
  await page.getByRole("button", { name: "Generate dataset" }).click();

  const progress = page.getByRole("region", { name: `Generating ${name}` });
  await expect(progress).toHaveAttribute("data-state", "succeeded", { timeout: 60_000 });
  await expect(page).toHaveURL(/\?job=/);
  await page.getByRole("link", { name: "Preview samples" }).click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${name}/preview$`));
  await expect(page.getByRole("list", { name: "Sample gallery" }).getByTestId("sample-tile").first()).toBeVisible({ timeout: 30_000 });

  // A taken name is refused next to the field, before any work starts.
  await page.goto("/datasets/synthesize");
  await page.getByLabel("Dataset name").fill(name);
  await page.getByRole("button", { name: "Generate dataset" }).click();
  await expect(page.locator("#name-error")).toHaveText("This name is taken in your team");
});
