// The end of every admin command line: an AppError is a message (with its field errors) and exit code 1,
// anything else a crash; the database connection is closed either way.
import { prisma } from "@/lib/db";
import { isAppError } from "@/lib/errors";

export async function runCommand(command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (e) {
    if (!isAppError(e)) throw e;
    console.error(`error: ${e.message}`);
    for (const [field, messages] of Object.entries(e.fieldErrors ?? {})) console.error(`  ${field}: ${messages.join(" ")}`);
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
  }
}
