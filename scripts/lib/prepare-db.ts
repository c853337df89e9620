// Bring a database to the current schema and, when it is empty, load the demo organisation.
// Used by the integration tests' global setup and the e2e server.
import { migrateDeploy, bin, run } from "./run";

export async function prepareTestDatabase(url: string): Promise<void> {
  const env = { ...process.env, DATABASE_URL: url };
  if ((await migrateDeploy(env)) !== 0) throw new Error("prisma migrate deploy failed on the test database");
  if ((await run(bin("tsx"), ["--conditions=react-server", "scripts/seed.ts", "--if-empty"], env)) !== 0) {
    throw new Error("seeding the demo organisation failed on the test database");
  }
}
