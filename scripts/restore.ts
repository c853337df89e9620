// `npm run restore -- <file> [--replace]`: restore a backup made by `npm run backup` into the database
// DATABASE_URL names (a pg_dump file) or into the embedded database (a tarball; stop `npm start` first).
// A database that holds data is only replaced with --replace, after saving what it held.
import { parseArgs } from "node:util";
import { restore } from "./lib/backup";

const { values, positionals } = parseArgs({ options: { replace: { type: "boolean", default: false } }, allowPositionals: true });
if (positionals.length !== 1) {
  console.error("usage: npm run restore -- <backup file> [--replace]");
  process.exit(2);
}
try {
  const result = await restore({ file: positionals[0]!, replace: values.replace });
  console.log(JSON.stringify(result));
  console.error("[restore] done; `npm start` applies any newer migrations on its next start");
} catch (e) {
  console.error(`[restore] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
