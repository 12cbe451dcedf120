import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_ADMIN_TOKEN } from "../playwright.config";

export { E2E_ADMIN, E2E_ADMIN_TOKEN };

export async function signIn(page: Page, email = E2E_ADMIN.email, password = E2E_ADMIN.password) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/datasets$/);
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

let userCounter = 0;

/** Adds a user through the public API as the admin, the way an unattended setup would. */
export async function createUser(request: APIRequestContext, role: "viewer" | "editor" | "admin") {
  userCounter += 1;
  const user = { email: `${role}${userCounter}.${Date.now()}@example.com`, name: `A ${role}`, role, password: `password-for-${role}-1234` };
  const response = await request.post("/api/v1/users", { headers: bearer(E2E_ADMIN_TOKEN), data: user });
  expect(response.status(), await response.text()).toBe(201);
  return user;
}

export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
