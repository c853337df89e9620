import "server-only";
import { prisma } from "../db";
import { evaluateCompleteness, summarizeInventory, type CompletenessResult, type InventorySummary, type ModelFacts } from "../compliance";
import type { Prisma } from "../generated/prisma/client";
import { FACTS_INCLUDE, toModelFacts } from "./facts";

export type EvaluatedModel = { facts: ModelFacts; result: CompletenessResult };

/** Load models with everything the engine reads and evaluate them as of `asOf`. */
export async function evaluateModels({ where = {}, asOf = new Date() }: { where?: Prisma.ModelWhereInput; asOf?: Date } = {}): Promise<EvaluatedModel[]> {
  const rows = await prisma.model.findMany({ where, include: FACTS_INCLUDE, orderBy: { key: "asc" } });
  return rows.map((row) => {
    const facts = toModelFacts(row);
    return { facts, result: evaluateCompleteness(facts, asOf) };
  });
}

export async function evaluateModel(key: string, asOf = new Date()): Promise<EvaluatedModel | null> {
  const [evaluated] = await evaluateModels({ where: { key }, asOf });
  return evaluated ?? null;
}

/** The inventory headline counts, by the engine's rules. */
export async function inventorySummary(asOf = new Date()): Promise<InventorySummary> {
  return summarizeInventory(await evaluateModels({ asOf }));
}
