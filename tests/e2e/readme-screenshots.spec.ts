// Not a test: regenerates the README's screenshots with the real chromium against the demo data.
// Run: README_SCREENSHOTS=1 npx playwright test tests/e2e/readme-screenshots.spec.ts
import { test } from "@playwright/test";
import { signIn } from "./helpers";

test.skip(!process.env.README_SCREENSHOTS, "set README_SCREENSHOTS=1 to regenerate docs/screenshots");

const shots = [
  { who: "owner", path: "/home", file: "owner-home.png" },
  { who: "compliance", path: "/home", file: "officer-worklist.png" },
  { who: "exec", path: "/dashboard", file: "overview.png" },
  { who: "owner", path: "/models/credit-scoring-personal-loans-germany", file: "dossier-page.png" },
] as const;

for (const s of shots) {
  test(`screenshot ${s.file}`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, s.who);
    await page.goto(s.path);
    await page.screenshot({ path: `docs/screenshots/${s.file}`, fullPage: false });
  });
}
