import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { renderTextPng } from "../lib/ocr/test-images";
import { bearer, createUser, E2E_ADMIN_TOKEN, signIn } from "./support";

test("a viewer drops an image on the built-in endpoint and sees every line boxed and read", async ({ page, request }) => {
  const viewer = await createUser(request, "viewer");
  await signIn(page, viewer.email, viewer.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Endpoints" }).click();
  await page.getByRole("link", { name: "pp-ocrv4" }).click();
  await expect(page.getByTestId("endpoint-state")).toHaveText("ready", { timeout: 30_000 });
  // Viewers test; only editors remove.
  await expect(page.getByRole("button", { name: "Remove endpoint" })).toHaveCount(0);

  const png = await renderTextPng(900, 260, [
    { text: "TOTAL AMOUNT 1234", x: 40, y: 90, size: 44 },
    { text: "THANK YOU", x: 40, y: 190, size: 44 },
  ]);
  await page.getByLabel("Image").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: png });

  const lines = page.getByTestId("ocr-line");
  await expect(lines).toHaveCount(2, { timeout: 30_000 });
  await expect(lines.nth(0)).toContainText("TOTAL AMOUNT 1234");
  await expect(lines.nth(1)).toContainText("THANK YOU");
  await expect(page.getByTestId("ocr-box")).toHaveCount(2);
  await expect(page.getByTestId("ocr-timing-total")).toContainText("ms");
  for (const stage of ["decodeMs", "detMs", "recMs"]) await expect(page.getByTestId(`ocr-timing-${stage}`)).toContainText("ms");

  // Hovering a row highlights its box; zoom works; the JSON view and its download carry the answer.
  await lines.nth(1).hover();
  await expect(page.locator('[data-testid="ocr-box"][data-highlighted]')).toHaveCount(1);
  await page.getByRole("button", { name: "Zoom in" }).click();
  await expect(page.getByText("150%", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Fit to view" }).click();
  await page.getByRole("tab", { name: "JSON" }).click();
  await expect(page.getByTestId("ocr-json")).toContainText('"text": "THANK YOU"');
  await expect(page.getByTestId("ocr-json")).toContainText('"timings"');
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download JSON" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^ocr-result-.*\.json$/);
  await page.getByRole("tab", { name: "Boxes" }).click();

  // The test is kept in the endpoint's history, and survives a reload.
  await page.reload();
  const history = page.getByRole("table", { name: "Recent tests" });
  await expect(history).toContainText(viewer.email);
  await expect(history).toContainText(/TOTAL ?AMOUNT/);
  const thumbnail = history.getByRole("img").first();
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);

  // A kept test opens with its image from the object store, and re-runs for comparison.
  await history.getByRole("link", { name: "Open · compare" }).first().click();
  await expect(page.getByTestId("ocr-line")).toHaveCount(2);
  // Other specs may have deployed more endpoints: compare with the same model on purpose.
  await page.getByLabel("Re-run on").selectOption("pp-ocrv4");
  await page.getByRole("button", { name: "Run and compare" }).click();
  await expect(page.getByTestId("compare-summary")).toHaveText(/^2 of 2 lines read alike$/, { timeout: 30_000 });
  await expect(page.getByTestId("ocr-line")).toHaveCount(4);
});

test("scripts call any endpoint through the API: multipart or base64, with clear refusals", async ({ request }) => {
  const png = await renderTextPng(600, 120, [{ text: "API 2026", x: 30, y: 80, size: 48 }]);
  const multipart = await request.post("/api/v1/endpoints/pp-ocrv4/predict", {
    headers: bearer(E2E_ADMIN_TOKEN),
    multipart: { image: { name: "api.png", mimeType: "image/png", buffer: png } },
  });
  expect(multipart.status(), await multipart.text()).toBe(200);
  const result = await multipart.json();
  expect(result.lines.map((l: { text: string }) => l.text)).toEqual(["API 2026"]);
  expect(result.lines[0].box).toHaveLength(4);

  const json = await request.post("/api/v1/endpoints/pp-ocrv4/predict", { headers: bearer(E2E_ADMIN_TOKEN), data: { image: png.toString("base64") } });
  expect(json.status()).toBe(200);

  // Windows bitmaps too (sharp cannot read them; the runtime decodes them itself).
  const bmp = await request.post("/api/v1/endpoints/pp-ocrv4/predict", {
    headers: bearer(E2E_ADMIN_TOKEN),
    multipart: { image: { name: "scan.bmp", mimeType: "image/bmp", buffer: await pngToBmp(png) } },
  });
  expect(bmp.status(), await bmp.text()).toBe(200);
  expect((await bmp.json()).lines.map((l: { text: string }) => l.text)).toEqual(["API 2026"]);

  const truncated = await request.post("/api/v1/endpoints/pp-ocrv4/predict", {
    headers: bearer(E2E_ADMIN_TOKEN),
    multipart: { image: { name: "cut.png", mimeType: "image/png", buffer: png.subarray(0, png.length >> 1) } },
  });
  expect(truncated.status()).toBe(422);

  const svg = await request.post("/api/v1/endpoints/pp-ocrv4/predict", {
    headers: bearer(E2E_ADMIN_TOKEN),
    multipart: { image: { name: "x.svg", mimeType: "image/svg+xml", buffer: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>") } },
  });
  expect(svg.status()).toBe(415);
  expect((await svg.json()).error.message).toMatch(/SVG|not supported|unsupported/i);

  const listed = await request.get("/api/v1/endpoints", { headers: bearer(E2E_ADMIN_TOKEN) });
  expect((await listed.json()).items).toEqual(expect.arrayContaining([expect.objectContaining({ name: "pp-ocrv4", state: "ready" })]));
});

/** A 24-bit bottom-up BMP of a PNG, as a scanner would save it. */
async function pngToBmp(png: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const stride = Math.ceil((info.width * 3) / 4) * 4;
  const file = Buffer.alloc(54 + stride * info.height);
  file.write("BM", 0, "ascii");
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(info.width, 18);
  file.writeInt32LE(info.height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const from = (y * info.width + x) * 3;
      const to = 54 + (info.height - 1 - y) * stride + x * 3;
      file[to] = data[from + 2]!;
      file[to + 1] = data[from + 1]!;
      file[to + 2] = data[from]!;
    }
  }
  return file;
}
