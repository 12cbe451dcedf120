import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { E2E_ADMIN_TOKEN, bearer, createUser, signIn, uniqueName } from "./support";

// The browser side of the security review: a page on another port of the same host cannot use a
// signed-in admin's cookie, and no page or RSC payload, for any role, carries a target's secret.

let attacker: Server;
let attackerOrigin = "";

test.beforeAll(async () => {
  attacker = createServer((request, response) => {
    const target = new URL(request.url ?? "/", "http://x").searchParams.get("target") ?? "";
    response.setHeader("Content-Type", "text/html");
    // The reviewed attack: a form the browser may send anywhere without asking, posting JSON as text/plain.
    response.end(`<!doctype html><form id="f" method="POST" enctype="text/plain" action="${target}/api/v1/users">
      <input name='{"email":"intruder@example.com","name":"x","role":"admin","password":"intruder-password-1","pad":"' value='"}'>
    </form><script>document.getElementById("f").submit()</script>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())));

test("a page on another port cannot create an admin with the signed-in admin's cookie", async ({ page, request, baseURL }) => {
  await signIn(page);
  const answered = page.waitForResponse((response) => response.url().endsWith("/api/v1/users"));
  await page.goto(`${attackerOrigin}/?target=${encodeURIComponent(baseURL!)}`);
  expect((await answered).status()).toBe(403);
  const users = await request.get("/api/v1/users", { headers: bearer(E2E_ADMIN_TOKEN) });
  expect(JSON.stringify(await users.json())).not.toContain("intruder@example.com");
});

test("no page or RSC payload carries a planted secret, for any role", async ({ browser, request }) => {
  const secret = `PLANTED-${randomBytes(8).toString("hex")}`;
  const targetName = uniqueName("planted");
  const created = await request.post("/api/v1/targets", {
    headers: bearer(E2E_ADMIN_TOKEN),
    data: {
      name: targetName,
      kind: "sagemaker",
      config: { region: "us-east-1", roleArn: "arn:aws:iam::123456789012:role/planted", s3OutputPrefix: "s3://planted-bucket/out", endpointOverride: "http://127.0.0.1:1" },
      secrets: { accessKeyId: "AKIAPLANTEDEXAMPLE", secretAccessKey: secret, sessionToken: `${secret}-session` },
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  for (const role of ["viewer", "editor", "admin"] as const) {
    const user = await createUser(request, role);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, user.email, user.password);
    const paths = new Set(["/datasets", "/runs", "/models", "/endpoints", "/pipelines", "/settings/targets", "/settings/api-tokens", "/settings/users"]);
    for (const link of await page.getByRole("navigation", { name: "Main" }).getByRole("link").all()) {
      const href = await link.getAttribute("href");
      if (href?.startsWith("/")) paths.add(href);
    }
    for (const path of paths) {
      const html = await page.request.get(path);
      const rsc = await page.request.get(path, { headers: { RSC: "1" } });
      for (const [what, body] of [["page", await html.text()], ["RSC payload", await rsc.text()]] as const) {
        expect(body.includes(secret), `${role}: ${path} ${what}`).toBe(false);
      }
    }
    await context.close();
  }
  // Later specs see the targets list and the health banner: leave them as they were.
  expect((await request.delete(`/api/v1/targets/${targetName}`, { headers: bearer(E2E_ADMIN_TOKEN) })).status()).toBe(204);
});
