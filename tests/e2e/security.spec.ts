// Web security over HTTP against the running app (issue 10 items 4-7): security headers on pages and
// API with a nonce CSP that the portal's pages work under, the sign-in redirect, the lockout in the
// browser with an administrator's unlock, and CSRF refusal of cross-origin cookie-authenticated writes.
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_PASSWORD, demoEmail, signIn } from "./helpers";
import { bearer, closeDb, db, insertToken } from "./api/support";

const run = Date.now().toString(36);
const contexts: APIRequestContext[] = [];

async function sessionContext(baseURL: string, local: string, headers: Record<string, string> = {}): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: headers });
  contexts.push(ctx);
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, email: demoEmail(local), password: DEMO_PASSWORD, json: "true" } });
  expect(res.status()).toBeLessThan(400);
  return ctx;
}

async function clearSignInLocks() {
  const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await c.connect();
  await c.query(`DELETE FROM "SignInThrottle"`);
  await c.end();
}

test.beforeAll(clearSignInLocks);
test.afterAll(async () => {
  for (const c of contexts) await c.dispose();
  await db().query(`DELETE FROM "Model" WHERE key LIKE $1`, [`csrf-${run}%`]);
  await clearSignInLocks();
  await closeDb();
});

function expectStaticHeaders(headers: Record<string, string>) {
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
}

test("pages carry a fresh nonce CSP and the other security headers; Next's scripts carry the nonce", async ({ request }) => {
  const first = await request.get("/signin");
  const second = await request.get("/signin");
  for (const res of [first, second]) expectStaticHeaders(res.headers());
  const csp = first.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
  // no HSTS over plain http; HSTS when a TLS-terminating proxy reports https
  expect(first.headers()["strict-transport-security"]).toBeUndefined();
  const viaTls = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
  expect(viaTls.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
});

test("API answers carry the headers too: 200, 401, redirects and problem answers", async ({ request }) => {
  for (const path of ["/api/health", "/api/v1/models", "/api/v1/openapi.json", "/dashboard"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expectStaticHeaders(res.headers());
  }
  expect((await request.get("/api/v1/models")).headers()["content-security-policy"]).toContain("default-src 'none'");
  const asset = (await (await request.get("/signin")).text()).match(/\/_next\/static\/[^"]+\.js/)?.[0];
  expect(asset).toBeDefined();
  expect((await request.get(asset!)).headers()["x-content-type-options"]).toBe("nosniff");
});

async function collectCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(msg.text())) violations.push(msg.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Refused to load (CSP): ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

test("the portal works under the CSP: sign-in, pages, charts, a client form, a PDF download", async ({ page }) => {
  const violations = await collectCspViolations(page);
  await signIn(page, "admin");
  for (const path of ["/dashboard", "/models", "/models/contact-centre-agent-emotion-monitor", "/reports", "/audit-log", "/admin/users", "/admin/tokens", "/imports", "/api-docs"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
  }
  await page.goto("/models/contact-centre-agent-emotion-monitor");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download dossier (PDF)" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  expect(violations).toEqual([]);
});

test("the sign-in redirect stays on this site: /%5Cevil.example and //evil fall back to the overview", async ({ page, baseURL }) => {
  for (const target of ["/%5Cevil.example", "//evil.example", "https://evil.example/", "/%2F%2Fevil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
    await page.getByLabel("Email").fill(demoEmail("exec"));
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/dashboard`);
  }
  // a genuine same-site path is kept
  await page.context().clearCookies();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("/models?risk=HIGH")}`);
  await page.getByLabel("Email").fill(demoEmail("exec"));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/models?risk=HIGH`);
});

test("five wrong passwords lock the account: the right one is refused with a clear message until an administrator unlocks", async ({ browser }) => {
  const victim = await browser.newPage();
  await victim.goto("/signin");
  for (let i = 0; i < 5; i++) {
    await victim.getByLabel("Email").fill(demoEmail("auditor"));
    await victim.getByLabel("Password").fill(`wrong-password-${i}`);
    await victim.getByRole("button", { name: "Sign in" }).click();
    await expect(victim.getByTestId("signin-error")).toBeVisible();
    if (i < 4) await expect(victim.getByTestId("signin-error")).toHaveText("Wrong email or password, or the account is disabled.");
  }
  await expect(victim.getByTestId("signin-error")).toContainText("Too many failed sign-in attempts");
  await victim.getByLabel("Password").fill(DEMO_PASSWORD);
  await victim.getByRole("button", { name: "Sign in" }).click();
  await expect(victim.getByTestId("signin-error")).toContainText(/locked for 1[45] more minutes/);
  await expect(victim).toHaveURL(/\/signin/);

  const admin = await browser.newPage();
  await signIn(admin, "admin");
  await admin.goto("/admin/users");
  const row = admin.getByTestId("signin-locks").getByRole("row", { name: new RegExp(demoEmail("auditor")) });
  await row.getByRole("button", { name: "Unlock" }).click();
  await expect(admin.getByTestId("no-signin-locks")).toBeVisible();
  // committed events: chained ones and those the group-commit appender has not chained yet
  const { rows } = await db().query(
    `SELECT action, at FROM "AuditEvent" WHERE "entityId" = $1 AND action LIKE 'auth.account.%'
     UNION ALL SELECT action, at FROM "AuditPending" WHERE "entityId" = $1 AND action LIKE 'auth.account.%' ORDER BY at`,
    [demoEmail("auditor")],
  );
  expect(rows.map((r: { action: string }) => r.action).slice(-2)).toEqual(["auth.account.lock", "auth.account.unlock"]);

  await signIn(victim, "auditor");
  await victim.close();
  await admin.close();
});

test("CSRF: cookie-authenticated writes from another origin are refused; same-origin and bearer calls work", async ({ baseURL }) => {
  const csv = (k: string) => `key,name,lifecycle\r\n${k},CSRF probe,DEVELOPMENT\r\n`;
  const modelCount = async (k: string) => Number((await db().query(`SELECT count(*) FROM "Model" WHERE key = $1`, [k])).rows[0].count);

  // what a plain HTML form on another origin sends: multipart or text/plain, with that origin's Origin
  const attacker = await sessionContext(baseURL!, "admin", { origin: "http://evil.example" });
  const multipart = await attacker.post("/api/v1/imports?format=csv", { multipart: { file: { name: "m.csv", mimeType: "text/csv", buffer: Buffer.from(csv(`csrf-${run}-a`)) } } });
  expect(multipart.status()).toBe(403);
  expect(multipart.headers()["content-type"]).toContain("application/problem+json");
  expect((await multipart.json()).detail).toContain("Cross-origin");
  const plain = await attacker.post("/api/v1/dossiers", { headers: { "content-type": "text/plain" }, data: '{"kind":"INVENTORY_REPORT","format":"csv"}' });
  expect(plain.status()).toBe(403);
  const nullOrigin = await attacker.post("/api/v1/imports?format=csv", { headers: { origin: "null", "content-type": "text/csv" }, data: csv(`csrf-${run}-b`) });
  expect(nullOrigin.status()).toBe(403);

  // no Origin at all (an old client): refused unless JSON with X-Requested-With
  const bare = await sessionContext(baseURL!, "admin");
  expect((await bare.post("/api/v1/imports?format=csv", { headers: { "content-type": "text/csv" }, data: csv(`csrf-${run}-c`) })).status()).toBe(403);
  expect((await modelCount(`csrf-${run}-a`)) + (await modelCount(`csrf-${run}-b`)) + (await modelCount(`csrf-${run}-c`))).toBe(0);
  const jsonWithHeader = await bare.put(`/api/v1/models/csrf-${run}-d`, { headers: { "x-requested-with": "fetch" }, data: { name: "CSRF JSON", lifecycle: "DEVELOPMENT" } });
  expect(jsonWithHeader.status()).toBe(201);

  // the portal itself (same Origin): works; text/plain to /api/v1/dossiers is a 415 even then
  const portal = await sessionContext(baseURL!, "admin", { origin: baseURL! });
  const same = await portal.post("/api/v1/imports?format=csv", { multipart: { file: { name: "m.csv", mimeType: "text/csv", buffer: Buffer.from(csv(`csrf-${run}-e`)) } } });
  expect(same.status(), await same.text()).toBe(200);
  expect(await modelCount(`csrf-${run}-e`)).toBe(1);
  expect((await portal.post("/api/v1/dossiers", { headers: { "content-type": "text/plain" }, data: '{"kind":"INVENTORY_REPORT","format":"csv"}' })).status()).toBe(415);

  // bearer tokens are unaffected by Origin (pipelines, not browsers)
  const { token } = await insertToken({ email: "admin@northwind.example", name: `csrf-${run}` });
  const viaToken = await attacker.post("/api/v1/imports?format=csv", { headers: { ...bearer(token), "content-type": "text/csv" }, data: csv(`csrf-${run}-f`) });
  expect(viaToken.status(), await viaToken.text()).toBe(200);
});
