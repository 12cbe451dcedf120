import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer, E2E_ADMIN_TOKEN, signIn, uniqueName } from "./support";

// A canary release on the Kubernetes target, from the endpoint page: the fake kube-apiserver with
// PaddleCloud's CRDs and the simulated ElasticServing (test/support/kube-apiserver/e2e-cluster.ts)
// turn the console's PaddleService into a Knative traffic split the Traffic panel shows live.

const auth = bearer(E2E_ADMIN_TOKEN);

function kubeconfig(): string {
  const value = process.env.E2E_KUBECONFIG;
  if (!value) throw new Error("E2E_KUBECONFIG is set by e2e/global-setup.ts");
  return value;
}

async function registerVersion(request: APIRequestContext, model: string, notes: string) {
  const form = new FormData();
  form.append("files", new Blob([`PaddleServing model ${notes}`]), "README.txt");
  form.append("notes", notes);
  const response = await request.post(`/api/v1/models/${model}/versions`, { headers: auth, multipart: form });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { version: string };
}

test("an editor deploys on Kubernetes, sends a canary 10 % of traffic, shifts it to 50 % and promotes it", async ({ page, request }) => {
  test.setTimeout(240_000);
  const target = uniqueName("canary-cluster");
  const created = await request.post("/api/v1/targets", {
    headers: auth,
    data: { name: target, kind: "kubernetes", config: { connection: "kubeconfig-inline", namespace: "kubeflow" }, secrets: { kubeconfig: kubeconfig() } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const model = uniqueName("canary-det");
  const v1 = await registerVersion(request, model, "blue");
  const v2 = await registerVersion(request, model, "green");

  // Deploy from the form: the Kubernetes serving fields appear once the target is picked.
  await signIn(page);
  await page.goto("/endpoints");
  const endpoint = uniqueName("canary-ocr");
  const form = page.getByRole("form", { name: "Deploy endpoint" });
  await form.getByLabel("Name").fill(endpoint);
  await form.getByLabel("Target").selectOption(target);
  await expect(form.getByTestId("serving-fields-kubernetes")).toBeVisible();
  await form.getByLabel("Min scale").fill("1");
  await form.getByLabel("Max scale").fill("3");
  await form.getByLabel("Metric", { exact: true }).selectOption("concurrency");
  await form.getByLabel("Model version").selectOption(`${model}:${v1.version}`);
  await form.getByRole("button", { name: "Deploy endpoint" }).click();
  await expect(page).toHaveURL(new RegExp(`/endpoints/${endpoint}$`), { timeout: 30_000 });
  await expect(page.getByTestId("endpoint-state")).toHaveText("ready", { timeout: 60_000 });

  // Live status from the Knative Service: phase, URL, one revision with all traffic.
  const traffic = page.getByRole("region", { name: "Traffic" });
  await expect(traffic.getByTestId("endpoint-phase")).toContainText("Ready", { timeout: 30_000 });
  await expect(traffic.getByTestId("endpoint-url")).toContainText(`.kubeflow.`);
  const liveRow = (role: string) => traffic.locator(`[data-testid="live-variant"][data-role="${role}"]`);
  await expect(liveRow("primary")).toContainText("100%");
  await expect(page.getByRole("region", { name: "Settings" }).getByLabel("Max scale")).toHaveValue("3");

  // A canary at 10 %, confirmed first.
  await traffic.getByLabel("Canary version").selectOption(`${model}:${v2.version}`);
  await traffic.getByLabel("Canary traffic %", { exact: true }).fill("10");
  await traffic.getByRole("button", { name: "Deploy canary" }).click();
  await traffic.getByRole("button", { name: "Confirm deploy canary" }).click();
  await expect(traffic.getByTestId("traffic-canary")).toContainText(`${model}:${v2.version}`, { timeout: 30_000 });
  await expect(traffic.getByTestId("traffic-canary")).toContainText("10%");
  await expect(traffic.getByTestId("traffic-primary")).toContainText("90%");
  await expect(liveRow("canary")).toContainText("10%", { timeout: 30_000 });
  await expect(liveRow("primary")).toContainText("90%");

  // Shift to 50 % with a step button.
  await traffic.getByRole("button", { name: "50%", exact: true }).click();
  await expect(traffic.getByTestId("canary-percent-value")).toHaveText("50%");
  await traffic.getByRole("button", { name: "Shift traffic" }).click();
  await traffic.getByRole("button", { name: "Confirm shift traffic" }).click();
  await expect(traffic.getByTestId("traffic-canary")).toContainText("50%", { timeout: 30_000 });
  await expect(liveRow("canary")).toContainText("50%", { timeout: 30_000 });
  await expect(liveRow("primary")).toContainText("50%");

  // Promote: the canary's version becomes the primary with all traffic.
  await traffic.getByRole("button", { name: "Promote" }).click();
  await traffic.getByRole("button", { name: "Confirm promote" }).click();
  await expect(traffic.getByTestId("traffic-primary")).toContainText(`${model}:${v2.version}`, { timeout: 30_000 });
  await expect(traffic.getByTestId("traffic-primary")).toContainText("100%");
  await expect(traffic.getByTestId("traffic-canary")).toHaveCount(0);
  await expect(liveRow("canary")).toHaveCount(0, { timeout: 30_000 });
  await expect(liveRow("primary")).toContainText("100%");
  await expect(page.getByTestId("endpoint-state")).toHaveText("ready", { timeout: 30_000 });

  // The API sees the same, and every step is in the audit log.
  const view = await (await request.get(`/api/v1/endpoints/${endpoint}`, { headers: auth })).json();
  expect(view).toMatchObject({ model: { name: model, version: v2.version }, variants: [{ role: "primary", trafficPercent: 100 }] });
  for (const action of ["endpoint.create", "endpoint.canary.deploy", "endpoint.traffic.shift", "endpoint.canary.promote"]) {
    const events = await (await request.get(`/api/v1/audit-events?action=${action}&limit=50`, { headers: auth })).json();
    expect(JSON.stringify(events), action).toContain(endpoint);
  }
});

test("the local target refuses a canary with a clear 422", async ({ request }) => {
  const response = await request.post("/api/v1/endpoints/pp-ocrv4/canary", { headers: auth, data: { model: { name: "pp-ocrv4", version: "1" }, trafficPercent: 10 } });
  expect(response.status()).toBe(422);
  expect((await response.json()).error.message).toMatch(/cannot split traffic/);
  const shift = await request.post("/api/v1/endpoints/pp-ocrv4/traffic", { headers: auth, data: { canaryPercent: 50 } });
  expect(shift.status()).toBe(422);
});
