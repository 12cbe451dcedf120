import { expect, test, type APIRequestContext } from "@playwright/test";
import { renderTextPng } from "../lib/ocr/test-images";
import { bearer, E2E_ADMIN_TOKEN, signIn, uniqueName } from "./support";

// The Kubernetes target end to end: the fake kube-apiserver with PaddleCloud's CRDs and the simulated
// operators (test/support/kube-apiserver/e2e-cluster.ts) stand in for a PaddleCloud cluster. A run is
// launched from the form, its PaddleJob's phases and logs arrive live, the model hub upload is
// registered, deployed as a PaddleService and tested through the API server's service proxy.

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is set by e2e/global-setup.ts`);
  return value;
};

const auth = bearer(E2E_ADMIN_TOKEN);

async function addTarget(request: APIRequestContext, name: string) {
  const response = await request.post("/api/v1/targets", {
    headers: auth,
    data: { name, kind: "kubernetes", config: { connection: "kubeconfig-inline", namespace: "kubeflow" }, secrets: { kubeconfig: env("E2E_KUBECONFIG") } },
  });
  expect(response.status(), await response.text()).toBe(201);
}

async function getJson<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(path, { headers: auth });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

test("a run on the Kubernetes target trains as a PaddleJob, streams its logs, is registered, deployed and tested", async ({ page, request }) => {
  test.setTimeout(300_000);
  const target = uniqueName("paddlecloud");
  await addTarget(request, target);

  // The connection check finds every PaddleCloud API and the permissions it needs.
  const check = await request.post(`/api/v1/targets/${target}:check`, { headers: auth });
  expect(check.ok(), await check.text()).toBe(true);
  expect(await check.text()).toContain("PaddleCloud ready");

  await signIn(page);
  const name = uniqueName("k8s-det");
  await page.goto("/runs/new");
  await page.getByLabel("Target").selectOption(target);
  await expect(page.getByTestId("target-readiness")).not.toHaveAttribute("role", "alert", { timeout: 20_000 });
  await page.getByRole("button", { name: /Detection · MobileNetV3 DB/ }).click();
  await page.getByLabel("Run name").fill(name);
  // The target's own fields: replicas and VisualDL, as PaddleCloud's training component takes them.
  await page.getByLabel("Worker replicas").fill("1");
  await expect(page.getByLabel("VisualDL", { exact: false })).toBeChecked();

  // "View YAML": the manifests that launching applies, with the component's command.
  await page.getByRole("button", { name: "View request" }).click();
  const rendered = page.getByTestId("rendered-request");
  await expect(rendered).toContainText("kind: PaddleJob", { timeout: 20_000 });
  await expect(rendered).toContainText("tools/train.py -c configs/det/det_mv3_db.yml");
  await expect(rendered).toContainText("Global.save_model_dir=/mnt/task-center/models/");
  await expect(rendered).toContainText("kind: PersistentVolumeClaim");
  await expect(rendered).toContainText(`name: ${name}-visualdl`);

  await page.getByRole("button", { name: "Launch run" }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${name}`), { timeout: 30_000 });

  // Phases come from the watch on the PaddleJob; logs stream while it trains.
  await expect(page.getByTestId("run-phase")).toHaveText(/Pending|Running/, { timeout: 60_000 });
  // The shared volume and the PaddleJob's pods by role, with restarts.
  await expect(page.getByRole("table", { name: "Pods" })).toContainText("worker", { timeout: 60_000 });
  await expect(page.getByRole("region", { name: "Workloads" })).toContainText(`${name}-task-center`);
  await page.getByRole("tab", { name: "Logs" }).click();
  // Every pod and the Kubernetes events are offered as streams before any line names them.
  await expect(page.locator('select[name="log-stream"] option', { hasText: /^events$/ })).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId("log-line").filter({ hasText: /epoch: \[\d+\/2\], global_step/ }).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("run-state")).toHaveAttribute("data-state", "Succeeded", { timeout: 120_000 });

  // Curves: the records read from the run's volume, and the run's own VisualDL through the console's
  // authenticated proxy (the cluster address never reaches the browser).
  await page.getByRole("tab", { name: "Curves" }).click();
  await expect(page.getByRole("img", { name: "TRAIN/loss chart" })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("tab", { name: "Open VisualDL" }).click();
  const visualdl = page.frameLocator(`iframe[title="VisualDL of ${name}"]`);
  await expect(visualdl.locator("body")).toContainText("VisualDL at /api/v1/runs/", { timeout: 30_000 });
  expect(await page.content()).not.toContain("127.0.0.1:");

  // Registered: the model hub's model-center/<model>/<version>/<model>.tar.gz, with the run as lineage.
  const run = await getJson<{ id: string; modelName: string; outputs: Record<string, unknown> }>(request, `/api/v1/runs/${name}`);
  const registered = run.outputs.registeredVersion as { modelName: string; version: string; storageUri: string } | undefined;
  expect(registered, JSON.stringify(run.outputs)).toBeDefined();
  expect(registered!.storageUri).toMatch(new RegExp(`^s3://model-center/${run.modelName}/\\d+/${run.modelName}\\.tar\\.gz$`));
  const versions = await getJson<{ items: Array<{ version: string; runId?: string | null }> }>(request, `/api/v1/models/${run.modelName}/versions`);
  expect(versions.items.map((v) => v.version)).toContain(registered!.version);

  // Deploy it: a PaddleService; ready when the Knative Service says RoutesReady and Ready.
  const endpoint = uniqueName("k8s-ocr");
  const created = await request.post("/api/v1/endpoints", {
    headers: auth,
    data: { name: endpoint, target, model: { name: registered!.modelName, version: registered!.version } },
  });
  expect(created.status(), await created.text()).toBe(201);
  await expect.poll(async () => (await getJson<{ state: string }>(request, `/api/v1/endpoints/${endpoint}`)).state, { timeout: 60_000 }).toBe("ready");
  await page.goto(`/endpoints/${endpoint}`);
  await expect(page.getByTestId("endpoint-state")).toHaveText("ready", { timeout: 30_000 });

  // Test it: the image goes through the API server's service proxy in the PaddleServing OCR protocol.
  const png = await renderTextPng(400, 100, [{ text: "INVOICE 42", x: 20, y: 65, size: 40 }]);
  const predicted = await request.post(`/api/v1/endpoints/${endpoint}/predict`, {
    headers: auth,
    multipart: { image: { name: "invoice.png", mimeType: "image/png", buffer: png } },
  });
  expect(predicted.ok(), await predicted.text()).toBe(true);
  const result = (await predicted.json()) as { lines: Array<{ text: string }>; width: number };
  expect(result.lines[0]?.text).toContain(run.modelName);
  expect(result.width).toBe(400);
});

test("the connection check of a PaddleCloud cluster lists every API it found", async ({ request }) => {
  const target = uniqueName("paddlecloud");
  await addTarget(request, target);
  const check = await request.post(`/api/v1/targets/${target}:check`, { headers: auth });
  const body = await check.text();
  for (const api of ["PaddleJob installed", "SampleSet installed", "SampleJob installed", "PaddleService installed (elasticserving.paddlepaddle.org/v1)", "Knative Service installed"]) {
    expect(body).toContain(api);
  }
});
