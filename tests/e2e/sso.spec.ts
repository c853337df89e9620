// Single sign-on against a real OpenID Provider started here (oidc-provider, tests/e2e/sso/test-idp.ts),
// and a second Dossier server started here with SSO configured and DOSSIER_PASSWORD_SIGNIN=off (the
// suite's own server keeps the demo's password sign-in). Both use the e2e database.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { freePort } from "../../scripts/lib/free-port";
import { db } from "./api/support";
import { startTestIdp, type TestIdp } from "./sso/test-idp";

test.describe.configure({ mode: "serial" });

const ROLE_MAP = "dossier-admins=ADMIN,dossier-compliance=COMPLIANCE_OFFICER,dossier-owners=MODEL_OWNER,dossier-execs=EXECUTIVE,dossier-auditors=AUDITOR";
let idp: TestIdp;
let app: ChildProcess;
let appUrl: string;
const run = randomUUID().slice(0, 8); // people are unique per run: the e2e database may be reused

async function waitForHealth(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the SSO test server did not start on ${url}`);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const [idpPort, appPort] = [await freePort(), await freePort()];
  appUrl = `http://127.0.0.1:${appPort}`;
  idp = await startTestIdp({ port: idpPort, redirectUri: `${appUrl}/api/auth/callback/oidc` });
  app = spawn("node_modules/.bin/next", ["start", "-p", String(appPort), "-H", "127.0.0.1"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: appUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      DOSSIER_JOBS: "off",
      DOSSIER_REQUIRE_MFA: "on",
      DOSSIER_OIDC_ISSUER: idp.issuer,
      DOSSIER_OIDC_CLIENT_ID: idp.clientId,
      DOSSIER_OIDC_CLIENT_SECRET: idp.clientSecret,
      DOSSIER_OIDC_NAME: "Northwind ID",
      DOSSIER_OIDC_SCOPES: "openid email profile groups",
      DOSSIER_OIDC_ROLE_MAP: ROLE_MAP,
      DOSSIER_PASSWORD_SIGNIN: "off",
    },
  });
  await waitForHealth(appUrl, 90_000);
});

test.afterAll(async () => {
  app?.kill("SIGTERM");
  await idp?.close();
});

function person(local: string, groups: string[]) {
  const sub = `${local}-${run}`;
  idp.people.set(sub, { email: `${sub}@idp.example`, name: `${local} ${run}`, groups });
  return sub;
}

/** Through the real provider: Dossier's button, the provider's login form, back to Dossier. */
async function ssoSignIn(page: Page, sub: string) {
  await page.goto(`${appUrl}/signin`);
  await page.getByRole("button", { name: "Sign in with Northwind ID" }).click();
  await page.locator('input[name="login"]').fill(sub);
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function userRow(sub: string) {
  const { rows } = await db().query<{ id: string; role: string; source: string; oidcIssuer: string; email: string; sessionVersion: number }>(
    `SELECT id, role, source, "oidcIssuer", email, "sessionVersion" FROM "User" WHERE "oidcSubject" = $1`,
    [sub],
  );
  return rows[0];
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test("the first SSO sign-in creates the user, linked by issuer + subject, with the mapped role", async ({ page }) => {
  const sub = person("olivia", ["dossier-owners", "unrelated-group"]);
  await ssoSignIn(page, sub);
  await expect(page).toHaveURL(`${appUrl}/dashboard`);
  await expect(page.getByTestId("current-role")).toHaveText("Model owner");
  await expect(page.getByTestId("current-user")).toContainText(`${sub}@idp.example`);
  const row = await userRow(sub);
  expect(row).toMatchObject({ role: "MODEL_OWNER", source: "SSO", oidcIssuer: idp.issuer, email: `${sub}@idp.example` });
  const events = await db().query<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY seq`, [row!.id]);
  expect(events.rows.map((e) => e.action)).toEqual(["user.create", "auth.signIn"]);
});

test("someone in two mapped groups gets the more privileged role", async ({ page }) => {
  const sub = person("carl", ["dossier-owners", "dossier-compliance"]);
  await ssoSignIn(page, sub);
  await expect(page.getByTestId("current-role")).toHaveText("Compliance officer");
  expect((await userRow(sub))?.role).toBe("COMPLIANCE_OFFICER");
});

test("someone with no mapped group is refused with a clear page and no account", async ({ page }) => {
  const sub = person("mark", ["marketing"]);
  await ssoSignIn(page, sub);
  await expect(page).toHaveURL(/\/signin\/refused\?reason=no-mapped-group/);
  await expect(page.getByTestId("signin-refused")).toContainText("not in any group that gives access");
  expect(await userRow(sub)).toBeUndefined();
  await page.goto(`${appUrl}/dashboard`);
  await expect(page).toHaveURL(/\/signin/);
});

test("a group removed at the provider demotes at the next sign-in, and no group refuses and ends open sessions", async ({ browser }) => {
  const sub = person("ada", ["dossier-admins", "dossier-auditors"]);
  const first = await freshPage(browser);
  await ssoSignIn(first.page, sub);
  await expect(first.page.getByTestId("current-role")).toHaveText("Administrator");

  idp.people.get(sub)!.groups = ["dossier-auditors"];
  const second = await freshPage(browser);
  await ssoSignIn(second.page, sub);
  await expect(second.page.getByTestId("current-role")).toHaveText("Auditor");
  const row = await userRow(sub);
  expect(row?.role).toBe("AUDITOR");
  const change = await db().query<{ before: { role: string }; after: { role: string } }>(`SELECT before, after FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'user.role.change'`, [row!.id]);
  expect(change.rows).toEqual([{ before: { role: "ADMIN" }, after: expect.objectContaining({ role: "AUDITOR", source: "SSO" }) }]);
  // the role is read from the user record on every request: the first session is an auditor now too
  await first.page.goto(`${appUrl}/dashboard`);
  await expect(first.page.getByTestId("current-role")).toHaveText("Auditor");

  idp.people.get(sub)!.groups = [];
  const third = await freshPage(browser);
  await ssoSignIn(third.page, sub);
  await expect(third.page).toHaveURL(/\/signin\/refused\?reason=no-mapped-group/);
  // refused at the next request, not at the next sign-in: the open sessions end now
  await first.page.goto(`${appUrl}/dashboard`);
  await expect(first.page).toHaveURL(/\/signin/);
  await second.page.goto(`${appUrl}/models`);
  await expect(second.page).toHaveURL(/\/signin/);
  for (const p of [first, second, third]) await p.context.close();
});

/**
 * The code flow by HTTP, stopping before Dossier's callback: returns the callback URL the provider
 * sent back (code + state), with the request context holding Dossier's state/PKCE/nonce cookies.
 */
async function callbackUrlFromProvider(request: APIRequestContext, sub: string): Promise<URL> {
  const { csrfToken } = (await (await request.get(`${appUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await request.post(`${appUrl}/api/auth/signin/oidc`, { form: { csrfToken, callbackUrl: `${appUrl}/dashboard`, json: "true" } });
  let next = ((await start.json()) as { url: string }).url;
  for (let hop = 0; hop < 10; hop++) {
    if (next.startsWith(`${appUrl}/api/auth/callback/oidc`)) return new URL(next);
    const res = await request.get(next, { maxRedirects: 0 });
    if (res.status() === 200) {
      // the provider's login form
      const action = /action="([^"]+)"/.exec(await res.text())?.[1];
      expect(action).toBeTruthy();
      const login = await request.post(new URL(action!, idp.issuer).href, { form: { prompt: "login", login: sub, password: "any" }, maxRedirects: 0 });
      next = new URL(login.headers()["location"]!, idp.issuer).href;
    } else {
      next = new URL(res.headers()["location"]!, idp.issuer).href;
    }
  }
  throw new Error("the provider never redirected back to Dossier");
}

test("a tampered state is refused and signs nobody in; the same flow untampered signs in", async ({ playwright }) => {
  const sub = person("tess", ["dossier-admins"]);
  const tamperedCtx = await playwright.request.newContext();
  const callback = await callbackUrlFromProvider(tamperedCtx, sub);
  callback.searchParams.set("state", `${callback.searchParams.get("state")}x`);
  const refused = await tamperedCtx.get(callback.href, { maxRedirects: 0 });
  expect(refused.status()).toBe(302);
  expect(refused.headers()["location"]).toContain("error=OAuthCallback");
  expect(await userRow(sub)).toBeUndefined();
  expect(((await (await tamperedCtx.get(`${appUrl}/api/auth/session`)).json()) as { user?: unknown }).user).toBeUndefined();
  await tamperedCtx.dispose();

  // control: the very same steps without the alteration do sign in
  const honestCtx = await playwright.request.newContext();
  const honest = await honestCtx.get((await callbackUrlFromProvider(honestCtx, sub)).href, { maxRedirects: 0 });
  expect(honest.headers()["location"]).toBe(`${appUrl}/dashboard`);
  expect((await userRow(sub))?.role).toBe("ADMIN");
  await honestCtx.dispose();
});

test("the sign-in page explains a failed single sign-on", async ({ page }) => {
  await page.goto(`${appUrl}/signin?error=OAuthCallback`);
  await expect(page.getByTestId("signin-page-error")).toContainText("could not be verified");
});

test("an ID token signed with another key than the provider publishes is refused", async ({ page }) => {
  const sub = person("ivan", ["dossier-admins"]);
  idp.publishForeignKey(true);
  try {
    await ssoSignIn(page, sub);
    await expect(page).toHaveURL(/\/signin\?.*error=OAuthCallback/);
  } finally {
    idp.publishForeignKey(false);
  }
  expect(await userRow(sub)).toBeUndefined();
  await page.goto(`${appUrl}/dashboard`);
  await expect(page).toHaveURL(/\/signin/);
});

test("DOSSIER_PASSWORD_SIGNIN=off hides the password form and refuses a password sign-in", async ({ page, request }) => {
  await page.goto(`${appUrl}/signin`);
  await expect(page.getByRole("button", { name: "Sign in with Northwind ID" })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveCount(0);
  // straight to the endpoint, with the demo administrator's correct password
  const csrf = (await (await request.get(`${appUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const res = await request.post(`${appUrl}/api/auth/callback/credentials`, {
    form: { csrfToken: csrf.csrfToken, email: "admin@northwind.example", password: "dossier-demo", json: "true" },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(401);
  const session = (await (await request.get(`${appUrl}/api/auth/session`)).json()) as Record<string, unknown>;
  expect(session.user).toBeUndefined();
  const failures = await db().query<{ after: { reason: string } }>(
    `SELECT after FROM "AuditEvent" WHERE action = 'auth.signInFailed' AND "actorLabel" = 'admin@northwind.example' ORDER BY seq DESC LIMIT 1`,
  );
  expect(failures.rows[0]?.after.reason).toBe("password-sign-in-off");
});
