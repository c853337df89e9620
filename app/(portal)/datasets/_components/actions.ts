"use server";

import { forbidden, redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import type { FieldErrors } from "@/lib/errors";
import { formValues, runFormFor } from "@/lib/form-data";
import { createDataset, updateDataset } from "@/lib/datasets/datasets";

export type DatasetFormState = { fieldErrors?: FieldErrors; formError?: string; values?: Record<string, string> };

const TEXT = [
  "key",
  "name",
  "version",
  "description",
  "source",
  "provenance",
  "collectionPeriod",
  "collectionMethod",
  "preprocessing",
  "size",
  "licence",
  "knownBiases",
  "biasMitigations",
  "ownerEmail",
  "revision",
];

function read(formData: FormData) {
  const typed = formValues(formData);
  const values: Record<string, string> = {};
  for (const k of TEXT) values[k] = typed[k] ?? "";
  values.personalData = typed.personalData === "on" ? "on" : "";
  values.specialCategoryData = typed.specialCategoryData === "on" ? "on" : "";
  const input = { ...values, personalData: values.personalData === "on", specialCategoryData: values.specialCategoryData === "on" };
  return { values, input };
}

export async function createDatasetAction(_prev: DatasetFormState, formData: FormData): Promise<DatasetFormState> {
  const actor = await requireUser();
  const { values, input } = read(formData);
  const done = await runFormFor(values, () => createDataset({ actor, input }), forbidden);
  if (!done.ok) return done.outcome;
  revalidatePath("/datasets");
  redirect(`/datasets/${done.result.id}`);
}

export async function updateDatasetAction(id: string, _prev: DatasetFormState, formData: FormData): Promise<DatasetFormState> {
  const actor = await requireUser();
  const { values, input } = read(formData);
  const done = await runFormFor(values, () => updateDataset({ actor, id, input }), forbidden);
  if (!done.ok) return done.outcome;
  revalidatePath(`/datasets/${id}`);
  redirect(`/datasets/${id}`);
}
