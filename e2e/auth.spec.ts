import { expect, test } from "@playwright/test";
import { E2E_ADMIN, signIn } from "./support";

test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/datasets");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: /Sign in to ocr/ })).toBeVisible();
});

test("a wrong password is refused and nothing is signed in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in$/);
  // The email stays typed so the user only retypes the password.
  await expect(page.getByLabel("Email")).toHaveValue(E2E_ADMIN.email);
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "ocr_console_session")).toBeUndefined();
});

test("the admin signs in, sees the shell, and signs out", async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId("signed-in-user")).toContainText(E2E_ADMIN.email);
  await expect(page.getByTestId("signed-in-user")).toContainText("admin");
  const session = (await page.context().cookies()).find((c) => c.name === "ocr_console_session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  const nav = page.getByRole("navigation", { name: "Main" });
  for (const [section, shown] of [
    ["Runs", page.getByRole("heading", { name: "No training runs yet" })],
    ["Models", page.getByRole("row", { name: /pp-ocrv4 1\b/ })],
    // OCR works out of the box: the built-in model is served as the pp-ocrv4 endpoint.
    ["Endpoints", page.getByRole("link", { name: "pp-ocrv4" })],
    ["Pipelines", page.getByRole("heading", { name: "No pipeline runs yet" })],
  ] as const) {
    await nav.getByRole("link", { name: section }).click();
    await expect(shown).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText(section);
  }

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/datasets");
  await expect(page).toHaveURL(/\/sign-in$/);
});

test("the theme switches to dark and stays dark after a reload", async ({ page }) => {
  await signIn(page);
  const html = page.locator("html");
  const wasDark = (await html.getAttribute("class"))?.includes("dark") ?? false;
  await page.getByRole("button", { name: /light and dark theme/ }).click();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
  await page.reload();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
});
