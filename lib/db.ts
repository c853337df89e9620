import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

/** A Prisma client with the app's driver and pool; the app uses the one below, tests may make others. */
export function createPrismaClient(connectionString = env.databaseUrl(), max = env.databasePoolMax()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max }), transactionOptions: { maxWait: env.transactionMaxWaitMs() } });
}

/** The one Prisma client of the process (kept on globalThis so dev hot reloads reuse it). */
export const prisma: PrismaClient = globalForPrisma.prisma ?? createPrismaClient();
globalForPrisma.prisma = prisma;

export type Db = PrismaClient;
/** A Prisma interactive-transaction client. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
