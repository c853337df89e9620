import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "dossier-demo";
export const demoEmail = (local: string) => `${local}@northwind.example`;

export async function signIn(page: Page, local: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(demoEmail(local));
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toContainText(demoEmail(local));
}
