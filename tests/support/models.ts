// Models the integration tests make and change: made through the domain functions the UI and API call,
// approved the way a compliance officer does, retired afterwards (other suites count production models).
import { afterAll } from "vitest";
import { prisma } from "@/lib/db";
import { createModel, type ModelActor } from "@/lib/models/mutations";
import { decideReview, submitReview } from "@/lib/reviews/reviews";

/** A model with only what creating it asks for, owned by a seeded business owner. */
export function createTestModel(actor: ModelActor, key: string, name: string, { lifecycle = "PRODUCTION", intendedPurpose = "Scores things." } = {}) {
  return createModel({ actor, input: { key, name, lifecycle, intendedPurpose, businessOwnerEmail: "hannah.schmidt@northwind.example" } });
}

/** The model's most recently submitted review. */
export const latestReview = (modelId: string) => prisma.review.findFirstOrThrow({ where: { modelId }, orderBy: { submittedAt: "desc" } });

/** Submitted by `owner`, approved by `officer`; answers the review. */
export async function approveModel(owner: ModelActor, officer: ModelActor, key: string) {
  const review = await submitReview({ actor: owner, key, input: {} });
  await decideReview({ actor: officer, reviewId: review.id, input: { decision: "APPROVE" } });
  return review;
}

/** Other suites count the demo's production models: retire the ones whose key starts with `prefix`. */
export async function retireTestModels(prefix: string) {
  await prisma.model.updateMany({ where: { key: { startsWith: prefix } }, data: { lifecycle: "RETIRED" } });
}

/** Deletes the suite's models (keys starting with `prefix`) after it, and closes the connection. */
export function deleteTestModelsAfterAll(prefix: string) {
  afterAll(async () => {
    await prisma.model.deleteMany({ where: { key: { startsWith: prefix } } });
    await prisma.$disconnect();
  });
}
