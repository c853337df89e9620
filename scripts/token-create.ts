// `npm run token:create -- --email ci@example.com --name "fraud CI" [--scopes read,write,monitoring] [--models a,b] [--days 90]`
// Creates an API token for an existing, active user (with that user's permissions) and prints it once.
import { parseArgs } from "node:util";
import { prisma } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { createApiToken } from "@/lib/tokens/tokens";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    scopes: { type: "string", default: "read,write,monitoring" },
    models: { type: "string", default: "" },
    days: { type: "string", default: "90" },
  },
});
if (!values.email || !values.name) {
  console.error('usage: npm run token:create -- --email <user email> --name "<token name>" [--scopes read,write,monitoring] [--models key1,key2] [--days 90]');
  process.exit(2);
}
const split = (s: string | undefined) =>
  (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
try {
  const user = await prisma.user.findUnique({ where: { email: values.email.toLowerCase() }, select: { id: true, role: true, email: true, active: true } });
  if (!user || !user.active) {
    console.error(`error: no active user with the email ${values.email}`);
    process.exitCode = 1;
  } else {
    const { token, view } = await createApiToken({
      actor: { id: user.id, role: user.role, email: user.email },
      input: { name: values.name, scopes: split(values.scopes), modelKeys: split(values.models), expiresInDays: values.days },
    });
    console.error(`created token "${view.name}" for ${user.email}: scopes ${view.scopes.join(",")}, models ${view.modelKeys.join(",") || "all editable"}, expires ${view.expiresAt?.toISOString()}`);
    console.error("the token (shown once, stored only as a hash):");
    // the token alone on stdout, so `TOKEN=$(npm run -s token:create -- …)` works
    console.log(token);
  }
} catch (e) {
  if (isAppError(e)) {
    console.error(`error: ${e.message}`);
    for (const [field, messages] of Object.entries(e.fieldErrors ?? {})) console.error(`  ${field}: ${messages.join(" ")}`);
    process.exitCode = 1;
  } else throw e;
} finally {
  await prisma.$disconnect();
}
