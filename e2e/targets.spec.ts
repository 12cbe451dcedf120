import { expect, test, type Page } from "@playwright/test";
import { bearer, E2E_ADMIN_TOKEN, signIn, uniqueName } from "./support";

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is set by e2e/global-setup.ts`);
  return value;
};

async function addKubernetesTarget(page: Page, name: string, kubeconfig: string) {
  await page.goto("/settings/targets");
  const form = page.getByRole("form", { name: "Add target" });
  await form.getByLabel("Kind").selectOption("kubernetes");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Connection").selectOption("kubeconfig-inline");
  await form.getByLabel("Kubeconfig", { exact: true }).fill(kubeconfig);
  await form.getByLabel("Context").fill("paddlecloud");
  await form.getByRole("button", { name: "Add target" }).click();
  await expect(page.getByText(`Target ${name} added`)).toBeVisible();
}

async function fillSagemakerTarget(page: Page, name: string, roleArn: string) {
  await page.goto("/settings/targets");
  const form = page.getByRole("form", { name: "Add target" });
  await form.getByLabel("Kind").selectOption("sagemaker");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Region").fill("us-east-1");
  await form.getByLabel("Execution role ARN").fill(roleArn);
  await form.getByLabel("S3 output prefix").fill("s3://ocr-artifacts/console/");
  return form;
}

test("the local target exists from the start and its connection test answers", async ({ page }) => {
  await signIn(page);
  await page.goto("/settings/targets");
  const local = page.getByRole("article", { name: "Target local" });
  await local.getByRole("button", { name: "Test connection" }).click();
  await expect(local.getByRole("list", { name: "Connection check" })).toContainText(/Data directory: .* is writable/);
  await expect(local.getByRole("list", { name: "Connection check" })).toContainText(/CPU cores/);
});

test("a kubernetes target reports the cluster's real answer, and its kubeconfig never reaches the browser", async ({ page }) => {
  await signIn(page);
  const name = uniqueName("paddlecloud");
  await addKubernetesTarget(page, name, env("E2E_KUBECONFIG"));

  const card = page.getByRole("article", { name: `Target ${name}` });
  await expect(card).toContainText("kubeconfig");
  await expect(card).toContainText("set (write-only)");
  await card.getByRole("button", { name: "Test connection" }).click();
  const check = card.getByRole("list", { name: "Connection check" });
  await expect(check).toContainText("v1.29.3");
  await expect(check).toContainText("kubeflow");
  await expect(check).toContainText("Active");

  await page.reload();
  await expect(page.getByRole("article", { name: `Target ${name}` })).toContainText("connected");
  // The token inside the kubeconfig is in neither the page nor the API answer.
  expect(await page.content()).not.toContain("test-token");
  const api = await page.request.get("/api/v1/targets", { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(await api.text()).not.toContain("test-token");
});

test("a kubernetes target with a revoked token shows the server's refusal", async ({ page }) => {
  await signIn(page);
  const name = uniqueName("revoked");
  await addKubernetesTarget(page, name, env("E2E_KUBE_BAD_KUBECONFIG"));
  const card = page.getByRole("article", { name: `Target ${name}` });
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByRole("list", { name: "Connection check" })).toContainText("Unauthorized");
});

test("a sagemaker target is checked against the SageMaker API with its keys", async ({ page }) => {
  await signIn(page);
  const name = uniqueName("aws");
  const form = await fillSagemakerTarget(page, name, "arn:aws:iam::123456789012:role/SageMakerRole");
  await form.getByLabel("Endpoint override").fill(env("E2E_SAGEMAKER_URL"));
  await form.getByLabel("Access key ID").fill(env("E2E_SAGEMAKER_ACCESS_KEY_ID"));
  await form.getByLabel("Secret access key").fill(env("E2E_SAGEMAKER_SECRET_ACCESS_KEY"));
  await form.getByRole("button", { name: "Add target" }).click();

  const card = page.getByRole("article", { name: `Target ${name}` });
  await expect(card).toContainText("secretAccessKey");
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByRole("list", { name: "Connection check" })).toContainText("us-east-1");
  await expect(card).toContainText("connected");
  expect(await page.content()).not.toContain(env("E2E_SAGEMAKER_SECRET_ACCESS_KEY"));
});

test("a bad role ARN is shown next to its field and adds nothing", async ({ page, request }) => {
  await signIn(page);
  const name = uniqueName("bad-arn");
  const form = await fillSagemakerTarget(page, name, "SageMakerRole");
  await form.getByRole("button", { name: "Add target" }).click();
  await expect(form).toContainText("Not an IAM role ARN");
  const targets = await request.get("/api/v1/targets", { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(await targets.text()).not.toContain(name);
});
