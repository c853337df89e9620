// The server Playwright starts: the built app on E2E_PORT against TEST_DATABASE_URL, after
// migrating it and seeding the demo organisation if it is empty.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { prepareTestDatabase } from "./lib/prepare-db";
import { bin } from "./lib/run";

const url = process.env.TEST_DATABASE_URL;
if (!url) {
  console.error("[e2e-server] TEST_DATABASE_URL is not set: run the suite with `npm test` (it provides one)");
  process.exit(2);
}
const port = process.env.E2E_PORT ?? "3100";
await prepareTestDatabase(url);
const env = {
  ...process.env,
  DATABASE_URL: url,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64url"),
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
  // the journeys sign in as the demo accounts, as the demo does (no second-factor prompt)
  DOSSIER_REQUIRE_MFA: process.env.DOSSIER_REQUIRE_MFA ?? "off",
};
const next = spawn(bin("next"), ["start", "-p", port, "-H", "127.0.0.1"], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => next.kill(sig));
next.on("exit", (code) => process.exit(code ?? 0));
