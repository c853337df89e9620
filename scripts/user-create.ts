// `npm run user:create -- --email a@b.example --name "A B" --role ADMIN [--break-glass]`
// --break-glass: the account may sign in with its password even when DOSSIER_PASSWORD_SIGNIN=off
// (at /signin?break-glass=1); its creation and every sign-in are in the audit log.
// Password: from the DOSSIER_USER_PASSWORD environment variable, or generated and printed once.
// (Never taken as a flag: flags end up in shell history and process listings.)
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { createUserAsSystem } from "@/lib/users/users";
import { Role } from "@/lib/generated/prisma/enums";
import { runCommand } from "./lib/cli";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "ADMIN" }, "break-glass": { type: "boolean", default: false } },
});
const roles = Object.values(Role) as string[];
if (!values.email || !values.name || !roles.includes(values.role ?? "")) {
  console.error(`usage: npm run user:create -- --email <email> --name "<name>" [--role ${roles.join("|")}] [--break-glass]`);
  process.exit(2);
}
const generated = !process.env.DOSSIER_USER_PASSWORD;
const password = process.env.DOSSIER_USER_PASSWORD ?? randomBytes(12).toString("base64url");
await runCommand(async () => {
  const user = await createUserAsSystem({ role: values.role as Role, breakGlass: values["break-glass"], input: { email: values.email, name: values.name, password } });
  console.log(`created ${user.role} ${user.email}${values["break-glass"] ? " (break-glass)" : ""}`);
  if (generated) console.log(`password (shown once): ${password}`);
});
