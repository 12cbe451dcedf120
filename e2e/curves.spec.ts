import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer, E2E_ADMIN_TOKEN, signIn, uniqueName } from "./support";

// A local run with VisualDL on writes vdlrecords files as it trains (the fixture trainer writes them
// with the project's writer, byte-compatible with VisualDL); the Curves tab reads them as they grow.

async function launch(request: APIRequestContext, name: string, changes: string[]): Promise<string> {
  const created = await request.post("/api/v1/runs", {
    headers: bearer(E2E_ADMIN_TOKEN),
    data: { name, target: "local", modelName: "det-curves", configPath: "configs/det/det_mv3_db.yml", configChanges: ["Global.use_visualdl=True", ...changes] },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

function pointCount(text: string | null): number {
  return Number(/([\d,]+) points/.exec(text ?? "")?.[1]?.replace(/,/g, "") ?? 0);
}

test("a training run's curves appear and grow without a reload, and two runs overlay", async ({ page, request }) => {
  test.setTimeout(240_000);
  const slow = uniqueName("e2e-curves");
  const slowId = await launch(request, slow, ["Global.epoch_num=30", "Global.fake_step_ms=250", "Global.eval_batch_step=[0,10]"]);

  await signIn(page);
  await page.goto(`/runs/${slowId}?tab=curves`);
  const lossChart = page.getByRole("img", { name: "TRAIN/loss chart" });
  await expect(lossChart).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/Data last arrived/)).toBeVisible();

  // New records appended to the log file show up on screen; the page is never reloaded.
  const caption = page.locator("figure", { has: lossChart }).locator("xpath=following-sibling::div[1]");
  const before = pointCount(await caption.textContent());
  expect(before).toBeGreaterThan(0);
  await expect.poll(async () => pointCount(await caption.textContent()), { timeout: 30_000 }).toBeGreaterThan(before);

  // Smoothing, log scale and the CSV of the full series.
  await page.getByLabel("Log y").check();
  const csv = await request.get(`/api/v1/runs/${slowId}/curves/csv?tag=${encodeURIComponent("TRAIN/loss")}`, { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(csv.ok()).toBe(true);
  expect((await csv.text()).split("\n")[0]).toBe("wall_time,step,value");

  // A second run, then both overlaid on the compare page with one colour per run.
  const quick = uniqueName("e2e-curves");
  const quickId = await launch(request, quick, ["Global.epoch_num=2", "Global.fake_step_ms=20", "Global.eval_batch_step=[0,4]"]);
  await expect
    .poll(async () => ((await (await request.get(`/api/v1/runs/${quickId}/curves`, { headers: bearer(E2E_ADMIN_TOKEN) })).json()) as { scalars: unknown[] }).scalars.length, { timeout: 60_000 })
    .toBeGreaterThan(0);
  await page.goto(`/runs/compare?runs=${slowId},${quickId}`);
  const overlay = page.getByRole("region", { name: "VisualDL curves" });
  await expect(overlay.getByRole("list", { name: "Runs" })).toContainText(slow);
  await expect(overlay.getByRole("list", { name: "Runs" })).toContainText(quick);
  await expect(overlay.getByRole("img", { name: "TRAIN/loss chart" }).locator("path[data-series]")).toHaveCount(2);

  await request.post(`/api/v1/runs/${slowId}:stop`, { headers: bearer(E2E_ADMIN_TOKEN) });
});
