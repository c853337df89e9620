// `npm run audit:verify` — recompute the audit chain from the stored bytes and print the verdict (every
// broken link); exit 1 when it is broken.
// `npm run audit:reanchor -- --email admin@… --reason "…"` — once, after upgrading a database whose
// chain was written before canonical hashing: appends one `audit.reanchor` event, by that admin, that
// acknowledges the events whose stored content no longer matches their hash (the earlier writer hashed
// a number and stored it rounded). Nothing is rewritten; link breaks are never acknowledged.
import { parseArgs } from "node:util";
import { prisma } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { reanchorAuditChain, verifyStoredChain } from "@/lib/audit-log/queries";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { email: { type: "string" }, reason: { type: "string" } } });
try {
  if (positionals[0] === "reanchor") {
    if (!values.email || !values.reason) {
      console.error('usage: npm run audit:reanchor -- --email <admin email> --reason "<why>"');
      process.exit(2);
    }
    const user = await prisma.user.findUnique({ where: { email: values.email }, select: { id: true, role: true, email: true, active: true } });
    if (!user?.active) throw new Error(`no active user ${values.email}`);
    const anchored = await reanchorAuditChain({ actor: user, reason: values.reason });
    console.log(anchored ? JSON.stringify({ reanchored: anchored }, null, 2) : "nothing to re-anchor: every event's content matches its hash");
  } else {
    const verdict = await verifyStoredChain();
    console.log(JSON.stringify(verdict, null, 2));
    if (!verdict.ok) process.exitCode = 1;
  }
} catch (e) {
  if (isAppError(e)) {
    console.error(`error: ${e.message}`);
    process.exitCode = 1;
  } else throw e;
} finally {
  await prisma.$disconnect();
}
