import { expect, test } from "@playwright/test";
import { demoEmail, signIn } from "./helpers";

const NAV = (page: import("@playwright/test").Page) => page.getByRole("navigation", { name: "Main" });

// each role lands on its own home (issue 14); the overview is one click away
const ROLES = [
  { local: "admin", role: "Administrator", lands: /\/home$/, heading: "Audit worklist", sees: ["Worklist", "Overview", "Inventory", "Audit log", "Users"], hidden: [] },
  { local: "compliance", role: "Compliance officer", lands: /\/home$/, heading: "Audit worklist", sees: ["Worklist", "Overview", "Inventory", "Audit log"], hidden: ["Users"] },
  { local: "owner", role: "Model owner", lands: /\/home$/, heading: "My models", sees: ["My models", "Overview", "Inventory", "Audit log"], hidden: ["Users"] },
  { local: "exec", role: "Executive", lands: /\/dashboard$/, heading: "Overview", sees: ["Overview", "Inventory"], hidden: ["Audit log", "Users"] },
  { local: "auditor", role: "Auditor", lands: /\/home$/, heading: "Audit", sees: ["Home", "Overview", "Inventory", "Audit log"], hidden: ["Users"] },
] as const;

for (const r of ROLES) {
  test(`${r.local} signs in and sees the navigation of a ${r.role}`, async ({ page }) => {
    await signIn(page, r.local);
    await expect(page).toHaveURL(r.lands);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(r.heading);
    await expect(page.getByTestId("current-role")).toHaveText(r.role);
    for (const label of r.sees) await expect(NAV(page).getByRole("link", { name: label, exact: true })).toBeVisible();
    for (const label of r.hidden) await expect(NAV(page).getByRole("link", { name: label, exact: true })).toHaveCount(0);
    await NAV(page).getByRole("link", { name: "Overview", exact: true }).click();
    await expect(page.getByTestId("production-count")).toHaveText("247 production models");
  });
}

test("wrong credentials get a clear message, not a stack trace", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(demoEmail("owner"));
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText("Wrong email or password, or the account is disabled.");
  await page.getByLabel("Email").fill("nobody@northwind.example");
  await page.getByLabel("Password").fill("dossier-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/at .*\.(js|ts):\d+/);
});

test("empty fields get field-level messages", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
});

test("without a session, portal pages send you to sign in; health stays public", async ({ page, request }) => {
  await page.goto("/models");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fmodels/);
  const health = await request.get("/api/health");
  expect(await health.json()).toEqual({ status: "ok", database: "ok" });
});

test("an executive reads the inventory but cannot reach an edit page", async ({ page }) => {
  await signIn(page, "exec");
  await page.goto("/models");
  await expect(page.getByTestId("inventory-table")).toBeVisible();
  await expect(page.getByRole("link", { name: "Register a model" })).toHaveCount(0);
  const detail = await page.goto("/models/card-fraud-detection-debit-cards");
  expect(detail?.status()).toBe(200);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  const edit = await page.goto("/models/card-fraud-detection-debit-cards/edit");
  expect(edit?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
  const create = await page.goto("/models/new");
  expect(create?.status()).toBe(403);
});

test("a malformed model key is a 404, not an error", async ({ page }) => {
  await signIn(page, "auditor");
  const res = await page.goto("/models/%E2%9C%97%20not%20a%20key");
  expect(res?.status()).toBe(404);
});

test("the sign-out button ends the session", async ({ page }) => {
  await signIn(page, "auditor");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
});
