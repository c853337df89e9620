// A database outage seen from the browser: this spec runs its own copy of the built app against a
// PostgreSQL cluster it owns (tests/support/pg-cluster.ts), stops that cluster and checks that pages,
// the sign-in page and the sign-in form answer with a friendly message within a few seconds, never
// showing the driver's error (database host and port), and that the same server recovers.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { freePort } from "../../scripts/lib/free-port";
import { prepareTestDatabase } from "../../scripts/lib/prepare-db";
import { bin } from "../../scripts/lib/run";
import { createTestCluster, type TestCluster } from "../support/pg-cluster";
import { DEMO_PASSWORD, demoEmail } from "./helpers";

let cluster: TestCluster;
let server: ChildProcess;
let base: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  cluster = await createTestCluster();
  await prepareTestDatabase(cluster.url);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: "ignore",
    env: {
      ...process.env,
      DATABASE_URL: cluster.url,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: base,
      NEXT_TELEMETRY_DISABLED: "1",
      DOSSIER_JOBS: "off",
      // the demo accounts sign in as on the e2e server: no second-factor enrolment
      DOSSIER_REQUIRE_MFA: "off",
      DATABASE_CONNECT_TIMEOUT_MS: "1500",
      DATABASE_QUERY_TIMEOUT_MS: "3000",
    },
  });
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the outage test's server did not start");
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  cluster?.destroy();
});

const LEAKS = (c: TestCluster) => ["127.0.0.1:" + c.port, String(c.port), "Can't reach database", "prisma", "ECONNREFUSED"];

test("database stopped: pages and sign-in say it is unavailable, leak nothing, and recover once it is back", async ({ page }) => {
  // signed in while the database is up
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill(demoEmail("admin"));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/home$/);

  cluster.stop();
  try {
    // a portal page
    const started = Date.now();
    await page.goto(`${base}/models`);
    await expect(page.getByTestId("unavailable")).toContainText("Dossier is unavailable right now", { timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(8_000);
    for (const leak of LEAKS(cluster)) expect(await page.content()).not.toContain(leak);

    // the API, with the portal's session cookie
    const api = await page.request.get(`${base}/api/v1/models`);
    expect(api.status()).toBe(503);
    expect(api.headers()["content-type"]).toBe("application/problem+json");
    const apiText = await api.text();
    for (const leak of LEAKS(cluster)) expect(apiText).not.toContain(leak);

    // the sign-in page of an anonymous visitor
    await page.context().clearCookies();
    await page.goto(`${base}/signin`);
    await expect(page.getByTestId("unavailable")).toBeVisible({ timeout: 5_000 });
    for (const leak of LEAKS(cluster)) expect(await page.content()).not.toContain(leak);

    // next-auth's credentials callback: the error it hands back is a fixed code
    const csrf = (await (await page.request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
    const callback = await page.request.post(`${base}/api/auth/callback/credentials`, {
      form: { csrfToken: csrf.csrfToken, email: demoEmail("admin"), password: DEMO_PASSWORD, json: "true" },
      maxRedirects: 0,
    });
    const answer = `${callback.headers()["location"] ?? ""} ${await callback.text()}`;
    expect(answer).toContain("DatabaseUnavailable");
    for (const leak of LEAKS(cluster)) expect(answer).not.toContain(leak);
  } finally {
    cluster.start();
  }

  // the same server, no restart
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill(demoEmail("admin"));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/home$/);
});

test("sign-in form submitted while the database is down: a clear message, then sign-in works", async ({ page }) => {
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill(demoEmail("owner"));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  cluster.stop();
  try {
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("signin-error")).toHaveText(/Sign-in is unavailable right now/, { timeout: 5_000 });
  } finally {
    cluster.start();
  }
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/home$/);
});
