// `npm run token:create -- --email ci@example.com --name "fraud CI" [--scopes read,write,monitoring] [--models a,b] [--days 90]`
// Creates an API token for an existing, active user (with that user's permissions) and prints it once.
import { parseArgs } from "node:util";
import { prisma } from "@/lib/db";
import { createApiToken } from "@/lib/tokens/tokens";
import { runCommand } from "./lib/cli";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    scopes: { type: "string", default: "read,write,monitoring" },
    models: { type: "string", default: "" },
    days: { type: "string", default: "90" },
  },
});
const { email, name } = values;
if (!email || !name) {
  console.error('usage: npm run token:create -- --email <user email> --name "<token name>" [--scopes read,write,monitoring] [--models key1,key2] [--days 90]');
  process.exit(2);
}
const split = (s: string | undefined) =>
  (s ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
await runCommand(async () => {
  const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, role: true, email: true, active: true } });
  if (!user || !user.active) {
    console.error(`error: no active user with the email ${email}`);
    process.exitCode = 1;
  } else {
    const { token, view } = await createApiToken({
      actor: { id: user.id, role: user.role, email: user.email },
      input: { name, scopes: split(values.scopes), modelKeys: split(values.models), expiresInDays: values.days },
    });
    console.error(`created token "${view.name}" for ${user.email}: scopes ${view.scopes.join(",")}, models ${view.modelKeys.join(",") || "all editable"}, expires ${view.expiresAt?.toISOString()}`);
    console.error("the token (shown once, stored only as a hash):");
    // the token alone on stdout, so `TOKEN=$(npm run -s token:create -- …)` works
    console.log(token);
  }
});
