import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { bearer, createUser, E2E_ADMIN_TOKEN, signIn, uniqueName } from "./support";

// The e2e console trains on the local target with the fixture trainer (test/support/fake-paddleocr):
// PaddleOCR's arguments, log lines and outputs without PaddlePaddle. `Global.fake_step_ms` slows it
// enough to watch a run while it is running.

/** Sets one row of the config-change table, adding the row when the key is not there yet. */
async function setConfigChange(page: Page, key: string, value: string) {
  const rows = page.getByTestId("config-change-row");
  const count = await rows.count();
  for (let index = 0; index < count; index += 1) {
    const row = rows.nth(index);
    if ((await row.getByLabel(/^Key \d+$/).inputValue()) === key) {
      await row.getByLabel(/^Value \d+$/).fill(value);
      return;
    }
  }
  await page.getByRole("button", { name: "Add change" }).click();
  const row = rows.last();
  await row.getByLabel(/^Key \d+$/).fill(key);
  await row.getByLabel(/^Value \d+$/).fill(value);
}

async function configChangeValue(page: Page, key: string): Promise<string | null> {
  const rows = page.getByTestId("config-change-row");
  for (let index = 0; index < (await rows.count()); index += 1) {
    const row = rows.nth(index);
    if ((await row.getByLabel(/^Key \d+$/).inputValue()) === key) return row.getByLabel(/^Value \d+$/).inputValue();
  }
  return null;
}

async function runState(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.get(`/api/v1/runs/${name}`, { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { state: string }).state;
}

test("a local run launched from the form goes to Succeeded with live logs, compares with a second run, and clones", async ({ page, request }) => {
  test.setTimeout(300_000);
  await signIn(page);
  const first = uniqueName("e2e-det");

  // New run: the local target can train, a detection template prefills the config and its changes.
  await page.goto("/runs/new");
  await page.getByLabel("Target").selectOption("local");
  await expect(page.getByTestId("target-readiness")).not.toHaveAttribute("role", "alert");
  await page.getByRole("button", { name: /Detection · MobileNetV3 DB/ }).click();
  await expect(page.getByLabel("PaddleOCR config")).toHaveValue("configs/det/det_mv3_db.yml");
  await page.getByLabel("Run name").fill(first);

  // A malformed change is caught on its row, and what was typed stays.
  await setConfigChange(page, "epoch_num", "3");
  await page.getByRole("button", { name: "View request" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Write a change as Key.Sub=value" })).toBeVisible();
  await expect(page.getByLabel("Run name")).toHaveValue(first);
  await page.getByRole("button", { name: "Remove change" }).last().click();

  await setConfigChange(page, "Global.epoch_num", "4");
  await setConfigChange(page, "Global.eval_batch_step", "[0,4]");
  await setConfigChange(page, "Global.fake_step_ms", "400");

  // "View request" shows the command line that launching will run, without launching.
  await page.getByRole("button", { name: "View request" }).click();
  const rendered = page.getByTestId("rendered-request");
  await expect(rendered).toContainText("configs/det/det_mv3_db.yml", { timeout: 20_000 });
  await expect(rendered).toContainText("Global.epoch_num=4");

  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${first}`), { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: first, exact: true })).toBeVisible();

  // Live logs: lines arrive while the run trains, without reloading the page.
  await page.getByRole("tab", { name: "Logs" }).click();
  await expect(page.getByTestId("log-line").filter({ hasText: /epoch: \[\d+\/4\], global_step/ }).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("run-state")).toHaveAttribute("data-state", "Succeeded", { timeout: 120_000 });
  await expect(page.getByTestId("log-line").filter({ hasText: "best metric" }).first()).toBeVisible({ timeout: 30_000 });

  // The log can be searched.
  await page.getByLabel("Search").fill("best metric");
  await expect(page.getByTestId("log-line").first()).toContainText("best metric");

  // Overview: the timeline went through Running to Succeeded; the parameters are the ones sent.
  await page.getByRole("tab", { name: "Overview" }).click();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByTestId("timeline-entry").filter({ hasText: "Running" }).first()).toBeVisible();
  await expect(timeline.getByTestId("timeline-entry").filter({ hasText: "Succeeded" }).first()).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "configs/det/det_mv3_db.yml" }).first()).toBeVisible();
  await page.getByRole("tab", { name: "Request" }).click();
  await expect(page.getByTestId("rendered-request")).toContainText("Global.epoch_num=4");

  // A second run through the API, the way a script would launch it, with fewer epochs.
  const second = uniqueName("e2e-det");
  const created = await request.post("/api/v1/runs", {
    headers: bearer(E2E_ADMIN_TOKEN),
    data: {
      name: second,
      target: "local",
      modelName: "det-mv3-db",
      configPath: "configs/det/det_mv3_db.yml",
      configChanges: ["Global.epoch_num=2", "Global.eval_batch_step=[0,4]", "Global.fake_step_ms=50"],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  await expect.poll(() => runState(request, second), { timeout: 120_000, intervals: [1_000] }).toBe("Succeeded");

  // Compare: select both in the list; the differing epoch count is highlighted.
  await page.goto(`/runs?q=e2e-det`);
  await page.getByLabel(`Select ${first}`, { exact: true }).check();
  await page.getByLabel(`Select ${second}`, { exact: true }).check();
  await page.getByRole("link", { name: "Compare selected" }).click();
  await expect(page).toHaveURL(/\/runs\/compare\?runs=/);
  const diff = page.getByRole("table", { name: "Parameters diff" });
  const epochRow = diff.getByRole("row").filter({ hasText: /Global\.epoch_num/ });
  await expect(epochRow).toHaveAttribute("data-differs", "true");
  await expect(epochRow).toContainText("4");
  await expect(epochRow).toContainText("2");
  await expect(page.getByRole("table", { name: "Metrics comparison" })).toContainText(/hmean/);
  await expect(page.getByRole("img", { name: /chart$/ }).first()).toBeVisible();

  // Clone: the form opens with the first run's parameters; launch it under a new name.
  await page.goto(`/runs/${first}`);
  await page.getByRole("link", { name: "Clone" }).click();
  await expect(page).toHaveURL(/\/runs\/new\?from=/);
  await expect(page.getByText(`Cloned from ${first}`)).toBeVisible();
  await expect(page.getByLabel("PaddleOCR config")).toHaveValue("configs/det/det_mv3_db.yml");
  expect(await configChangeValue(page, "Global.epoch_num")).toBe("4");
  const clone = uniqueName("e2e-clone");
  await page.getByLabel("Run name").fill(clone);
  await setConfigChange(page, "Global.fake_step_ms", "20");
  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${clone}`), { timeout: 30_000 });
  await expect(page.getByRole("list", { name: "Lineage" })).toContainText(first);
  await expect(page.getByTestId("run-state")).toHaveAttribute("data-state", "Succeeded", { timeout: 120_000 });
});

test("a viewer sees runs but cannot launch one", async ({ page, request }) => {
  const viewer = await createUser(request, "viewer");
  await signIn(page, viewer.email, viewer.password);
  await page.goto("/runs");
  await expect(page.getByRole("heading", { name: "Runs" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New run" })).toHaveCount(0);
  await page.goto("/runs/new");
  await expect(page.getByRole("alert").filter({ hasText: "needs the editor or admin role" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Launch run" })).toHaveCount(0);
});
