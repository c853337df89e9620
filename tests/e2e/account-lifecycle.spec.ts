// An admin manages a user's lifecycle on the Users page while that user works in another browser:
// second-factor enrolment with the QR page and recovery codes, sign-in with a code, deactivation
// ending the open session, a one-time password reset, reactivation. A fresh user per run, so the
// demo accounts the other journeys use stay without a second factor.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { signIn } from "./helpers";

const run = randomUUID().slice(0, 8);
const email = `lifecycle-${run}@northwind.example`;
const PASSWORD = "a long first password";

async function passwordSignIn(page: Page, password: string, code?: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (code !== undefined) {
    await page.getByLabel("Authentication code").fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
  }
  await expect(page.getByTestId("current-user")).toContainText(email);
}

test("users page: create, second factor, deactivate ends the session, reset password, reactivate", async ({ page: adminPage, browser }) => {
  test.setTimeout(120_000);
  await signIn(adminPage, "admin");
  await adminPage.goto("/admin/users");
  const addForm = adminPage.locator("form", { has: adminPage.getByRole("button", { name: "Add user" }) });
  await addForm.getByLabel("Name").fill(`Lifecycle ${run}`);
  await addForm.getByLabel("Email").fill(email);
  await addForm.locator('select[name="role"]').selectOption("COMPLIANCE_OFFICER");
  await addForm.getByLabel("Initial password (at least 10 characters)").fill(PASSWORD);
  await adminPage.getByRole("button", { name: "Add user" }).click();
  await expect(adminPage.getByText(`Created ${email}.`)).toBeVisible();
  const row = adminPage.getByTestId(`user-row-${email}`);
  await expect(row).toContainText("password");
  await expect(row).toContainText("never");
  await expect(row.getByTestId("user-status")).toHaveText("active");

  // the user enrols a second factor
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await passwordSignIn(userPage, PASSWORD);
  await userPage.getByRole("link", { name: "Sign-in security" }).click();
  await userPage.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(userPage.getByTestId("totp-qr")).toHaveAttribute("src", /^data:image\/png;base64,/);
  const secret = (await userPage.getByTestId("totp-secret").textContent())!.trim();
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
  await userPage.getByLabel("Code from the app").fill("000001" === totp.generate() ? "000002" : "000001");
  await userPage.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(userPage.getByText("That code is not valid.")).toBeVisible();
  await userPage.getByLabel("Code from the app").fill(totp.generate());
  await userPage.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(userPage.getByTestId("recovery-codes").locator("code")).toHaveCount(10);
  const codes = (await userPage.getByTestId("recovery-codes").locator("code").allTextContents()).map((c) => c.trim());
  expect(codes).toHaveLength(10);

  // signing in again asks for a code; a recovery code works once
  await userPage.getByRole("button", { name: "Sign out" }).click();
  await expect(userPage).toHaveURL(/\/signin/);
  await passwordSignIn(userPage, PASSWORD, codes[0]);
  await userPage.goto("/dashboard");
  await expect(userPage.getByTestId("current-role")).toHaveText("Compliance officer");

  // the admin deactivates them: the open session ends at its next request
  await adminPage.reload();
  await expect(row).toContainText("+ 2FA");
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row.getByText(/Deactivated: sessions ended, 0 API token\(s\) revoked\./)).toBeVisible();
  await expect(row.getByTestId("user-status")).toContainText("deactivated");
  await userPage.goto("/models");
  await expect(userPage).toHaveURL(/\/signin/);

  // a reset password is shown once; after reactivation it signs in (with the second factor)
  await row.getByRole("button", { name: "Reset password" }).click();
  const oneTime = (await row.getByTestId("one-time-password").textContent())!.trim();
  expect(oneTime).toMatch(/^[A-Za-z0-9_-]{16}$/);
  await row.getByRole("button", { name: "Reactivate" }).click();
  await expect(row.getByTestId("user-status")).toHaveText("active");
  await passwordSignIn(userPage, oneTime, codes[1]);
  // the used recovery code is refused the second time
  await userPage.getByRole("button", { name: "Sign out" }).click();
  await expect(userPage).toHaveURL(/\/signin/);
  await userPage.getByLabel("Email").fill(email);
  await userPage.getByLabel("Password").fill(oneTime);
  await userPage.getByRole("button", { name: "Sign in" }).click();
  await userPage.getByLabel("Authentication code").fill(codes[1]!);
  await userPage.getByRole("button", { name: "Verify" }).click();
  await expect(userPage.getByText("That code is not valid, or it was already used.")).toBeVisible();
  await userContext.close();

  // the admin reads the sign-in events in the audit log
  await adminPage.goto("/audit-log");
  await expect(adminPage.locator("body")).toContainText("auth.signIn");
});
