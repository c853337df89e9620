// Integration tests run against a real PostgreSQL: TEST_DATABASE_URL (npm test provides one,
// embedded when not set). Migrations are applied here, once, to whatever that database holds, and
// the demo organisation is loaded when it is empty.
import { prepareTestDatabase } from "../../scripts/lib/prepare-db";

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run integration tests with `npm test` (it starts a database) or set it.");
  process.env.DATABASE_URL = url;
  await prepareTestDatabase(url);
}
