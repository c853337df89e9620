// `npm run backup [-- --out <file>]`: back up Dossier's database (see scripts/lib/backup.ts).
// With DATABASE_URL: pg_dump custom format. Without: the embedded database's data folder (stop `npm start` first).
import { parseArgs } from "node:util";
import { backup } from "./lib/backup";

const { values } = parseArgs({ options: { out: { type: "string", short: "o" } } });
try {
  const result = await backup({ out: values.out });
  console.log(JSON.stringify(result));
} catch (e) {
  console.error(`[backup] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
