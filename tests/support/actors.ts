// Helpers shared by the integration tests: a seeded user as the actor domain functions take, and the
// AppError a call is expected to fail with.
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ModelActor } from "@/lib/models/mutations";

export async function actorOf(email: string): Promise<ModelActor> {
  const u = await prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, role: u.role, email: u.email };
}

/** The AppError `p` rejects with; anything else (or no rejection) fails the test. */
export async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}
