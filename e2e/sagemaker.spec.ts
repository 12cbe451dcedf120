import { expect, test, type Page } from "@playwright/test";
import { renderTextPng } from "../lib/ocr/test-images";
import { bearer, E2E_ADMIN_TOKEN, signIn, uniqueName } from "./support";

// The sagemaker target against the fake AWS account of test/support/aws/e2e-aws.ts: SageMaker,
// CloudWatch Logs, Auto Scaling, STS and S3 behind E2E_SAGEMAKER_URL. Training jobs walk through
// their real states in about twenty seconds and log PaddleOCR lines on each instance; endpoints
// answer with the console's own OCR runtime playing the seed's inference container.

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is set by e2e/global-setup.ts`);
  return value;
};

async function setConfigChange(page: Page, key: string, value: string) {
  const rows = page.getByTestId("config-change-row");
  for (let index = 0; index < (await rows.count()); index += 1) {
    const row = rows.nth(index);
    if ((await row.getByLabel(/^Key \d+$/).inputValue()) === key) {
      await row.getByLabel(/^Value \d+$/).fill(value);
      return;
    }
  }
  await page.getByRole("button", { name: "Add change" }).click();
  await rows.last().getByLabel(/^Key \d+$/).fill(key);
  await rows.last().getByLabel(/^Value \d+$/).fill(value);
}

test.describe.serial("SageMaker target", () => {
  const target = uniqueName("aws");
  const runName = uniqueName("sm-det");
  const modelName = uniqueName("sm-receipts");
  const endpointName = uniqueName("sm-ocr");

  test.beforeAll(async ({ request }) => {
    const created = await request.post("/api/v1/targets", {
      headers: bearer(E2E_ADMIN_TOKEN),
      data: {
        name: target,
        kind: "sagemaker",
        config: {
          region: "us-east-1",
          roleArn: env("E2E_SAGEMAKER_ROLE_ARN"),
          s3OutputPrefix: env("E2E_SAGEMAKER_S3_PREFIX"),
          endpointOverride: env("E2E_SAGEMAKER_URL"),
          trainingImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/paddleocr-train:2.7",
          servingImage: "123456789012.dkr.ecr.us-east-1.amazonaws.com/paddleocr-serve:2.7",
        },
        secrets: { accessKeyId: env("E2E_SAGEMAKER_ACCESS_KEY_ID"), secretAccessKey: env("E2E_SAGEMAKER_SECRET_ACCESS_KEY") },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
  });

  test("the connection check names the caller, the API and the bucket", async ({ page }) => {
    await signIn(page);
    await page.goto("/settings/targets");
    const card = page.getByRole("article", { name: `Target ${target}` });
    await card.getByRole("button", { name: "Test connection" }).click();
    const check = card.getByRole("list", { name: "Connection check" });
    await expect(check).toContainText("AWS identity: arn:aws:iam::123456789012:user/ocr-console");
    await expect(check).toContainText("SageMaker reachable in us-east-1");
    await expect(check).toContainText("is reachable");
    expect(await page.content()).not.toContain(env("E2E_SAGEMAKER_SECRET_ACCESS_KEY"));
  });

  test("a run launched on SageMaker shows its exact request, walks its states and streams logs of both instances", async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page);
    await page.goto("/runs/new");
    await page.getByLabel("Target").selectOption(target);
    await expect(page.getByTestId("target-readiness")).toContainText("SageMaker in us-east-1", { timeout: 20_000 });
    await page.getByRole("button", { name: /Detection · MobileNetV3 DB/ }).click();
    await page.getByLabel("Model name").fill(modelName);
    await page.getByLabel("Run name").fill(runName);
    await setConfigChange(page, "Global.epoch_num", "3");
    await page.getByLabel("Instance count").fill("2");
    await page.getByLabel("Instance type").fill("ml.g4dn.xlarge");

    // "View request" is the CreateTrainingJob JSON launching will send.
    await page.getByRole("button", { name: "View request" }).click();
    const rendered = page.getByTestId("rendered-request");
    await expect(rendered).toContainText(`"TrainingJobName": "${runName}-1"`, { timeout: 20_000 });
    await expect(rendered).toContainText('"Global.epoch_num": "3"');
    await expect(rendered).toContainText('"InstanceCount": 2');
    await expect(rendered).toContainText('"Name": "eval:hmean"');

    await page.getByRole("button", { name: "Launch run" }).click();
    await expect(page).toHaveURL(new RegExp(`/runs/${runName}`), { timeout: 30_000 });
    await expect(page.getByTestId("run-state")).toHaveAttribute("data-state", /Starting|Running/, { timeout: 60_000 });

    // Live logs from CloudWatch: PaddleOCR's lines, from both instances' streams.
    await page.getByRole("tab", { name: "Logs" }).click();
    await expect(page.getByTestId("log-line").filter({ hasText: /epoch: \[\d+\/3\], global_step/ }).first()).toBeVisible({ timeout: 90_000 });
    await expect(page.getByTestId("log-line").filter({ hasText: "this node algo-2" }).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("run-state")).toHaveAttribute("data-state", "Succeeded", { timeout: 120_000 });
    await expect(page.getByTestId("log-line").filter({ hasText: "best metric" }).first()).toBeVisible({ timeout: 30_000 });

    // SageMaker's own history and results.
    await page.getByRole("tab", { name: "Overview" }).click();
    const timeline = page.getByRole("list", { name: "Timeline" });
    await expect(timeline.getByTestId("timeline-entry").filter({ hasText: "Downloading" }).first()).toBeVisible({ timeout: 30_000 });
    await expect(timeline.getByTestId("timeline-entry").filter({ hasText: "Succeeded" }).first()).toBeVisible();
    await expect(page.getByTestId("metric-EVAL/hmean")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("definition").filter({ hasText: /model\.tar\.gz/ }).first()).toBeVisible({ timeout: 30_000 });
  });

  test("the trained model deploys as a SageMaker endpoint, and an image comes back boxed and read", async ({ page, request }) => {
    test.setTimeout(240_000);
    // The run registered its artifact as version 1 of the model, recorded where SageMaker left it.
    await expect
      .poll(
        async () => {
          const response = await request.get(`/api/v1/models/${modelName}/versions/1`, { headers: bearer(E2E_ADMIN_TOKEN) });
          return response.ok() ? ((await response.json()) as { storageUri: string }).storageUri : `HTTP ${response.status()}`;
        },
        { timeout: 60_000, intervals: [1_000] },
      )
      .toMatch(new RegExp(`^${env("E2E_SAGEMAKER_S3_PREFIX")}/training/${runName}-1/output/model\\.tar\\.gz$`));

    await signIn(page);
    await page.goto("/endpoints");
    const form = page.getByRole("form", { name: "Deploy endpoint" });
    await form.getByLabel("Name").fill(endpointName);
    await form.getByLabel("Target").selectOption(target);
    await form.getByLabel("Model version").selectOption(`${modelName}:1`);
    await form.getByRole("button", { name: "Deploy endpoint" }).click();
    await expect(page).toHaveURL(new RegExp(`/endpoints/${endpointName}`), { timeout: 30_000 });
    await expect(page.getByTestId("endpoint-state")).toHaveText("ready", { timeout: 90_000 });

    const png = await renderTextPng(900, 260, [
      { text: "TOTAL AMOUNT 1234", x: 40, y: 90, size: 44 },
      { text: "THANK YOU", x: 40, y: 190, size: 44 },
    ]);
    await page.getByLabel("Image").setInputFiles({ name: "receipt.png", mimeType: "image/png", buffer: png });
    const lines = page.getByTestId("ocr-line");
    await expect(lines).toHaveCount(2, { timeout: 60_000 });
    await expect(lines.nth(0)).toContainText("TOTAL AMOUNT 1234");
    await expect(lines.nth(1)).toContainText("THANK YOU");
    await expect(page.getByTestId("ocr-box")).toHaveCount(2);
  });
});
