// `npm run db:new -- <name>`: write the SQL for the pending schema changes (or an empty file)
// to prisma/migrations/<timestamp>_<name>/migration.sql without applying it, for hand-editing
// (custom SQL, data migrations). Replaces `prisma migrate dev --create-only`, which on the
// WebAssembly engine writes the file and then fails with "null pointer passed to rust".
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";

const name = (process.argv[2] ?? "").replace(/[^A-Za-z0-9_]/g, "_");
if (!name) throw new Error("usage: npm run db:new -- <migration_name>");
const sql = execFileSync("node_modules/.bin/prisma", ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = `prisma/migrations/${stamp}_${name}`;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/migration.sql`, sql);
console.log(`created ${dir}/migration.sql (not applied; run npm run db:migrate)`);
