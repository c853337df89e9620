"use server";

import { forbidden, redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { isAppError, type FieldErrors, asKnownError } from "@/lib/errors";
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
  const values: Record<string, string> = {};
  for (const k of TEXT) values[k] = String(formData.get(k) ?? "");
  values.personalData = formData.get("personalData") === "on" ? "on" : "";
  values.specialCategoryData = formData.get("specialCategoryData") === "on" ? "on" : "";
  const input = { ...values, personalData: values.personalData === "on", specialCategoryData: values.specialCategoryData === "on" };
  return { values, input };
}

async function run(values: Record<string, string>, fn: () => Promise<{ id: string }>): Promise<DatasetFormState | string> {
  try {
    return (await fn()).id;
  } catch (caught) {
    const e = asKnownError(caught);
    if (isAppError(e)) {
      if (e.code === "FORBIDDEN") forbidden();
      return { fieldErrors: e.fieldErrors, formError: e.message, values };
    }
    throw e;
  }
}

export async function createDatasetAction(_prev: DatasetFormState, formData: FormData): Promise<DatasetFormState> {
  const actor = await requireUser();
  const { values, input } = read(formData);
  const result = await run(values, () => createDataset({ actor, input }));
  if (typeof result !== "string") return result;
  revalidatePath("/datasets");
  redirect(`/datasets/${result}`);
}

export async function updateDatasetAction(id: string, _prev: DatasetFormState, formData: FormData): Promise<DatasetFormState> {
  const actor = await requireUser();
  const { values, input } = read(formData);
  const result = await run(values, () => updateDataset({ actor, id, input }));
  if (typeof result !== "string") return result;
  revalidatePath(`/datasets/${id}`);
  redirect(`/datasets/${id}`);
}
