// `npm run db:seed`: load the Northwind Financial demo organisation into the database at
// DATABASE_URL. Refuses a database that already has users or models (it never mixes demo data into
// real data). `--if-empty` (used by `npm start` in local mode) seeds only an empty database and is
// quiet otherwise.
import { prisma } from "@/lib/db";
import { DEMO_DOMAIN, DEMO_PASSWORD } from "../prisma/seed/demo";
import { isDatabaseEmpty, loadDemo } from "../prisma/seed/load";

const ifEmpty = process.argv.includes("--if-empty");
try {
  if (!(await isDatabaseEmpty(prisma))) {
    if (ifEmpty) process.exit(0);
    console.error("[seed] the database already has users or models: the demo organisation is only loaded into an empty database.");
    process.exit(1);
  }
  const started = performance.now();
  const data = await loadDemo(prisma);
  console.log(
    `[seed] Northwind Financial loaded in ${Math.round(performance.now() - started)} ms: ${data.models.length} models ` +
      `(${data.summary.productionModels} in production, ${data.summary.documented} documented, ${data.summary.undocumented} undocumented).`,
  );
  console.log(`[seed] demo accounts (demo data only), password "${DEMO_PASSWORD}":`);
  for (const local of ["admin", "compliance", "owner", "exec", "auditor"]) console.log(`         ${local}@${DEMO_DOMAIN}`);
} finally {
  await prisma.$disconnect();
}
