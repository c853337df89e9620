import { z } from "zod";
import { DatasetPurpose } from "../generated/prisma/enums";
import { optionalEmail, optionalText, requiredText, revisionInput, safeString } from "../validation";

const text = optionalText;

export const DATASET_KEY_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;

/** A datasheet (Gebru et al. style) with the Art. 10(2) fields. */
export const datasetFieldsSchema = z.object({
  name: requiredText(200, "Enter a name."),
  version: requiredText(40, "Enter a version."),
  description: text(5000),
  source: text(2000),
  provenance: text(5000),
  collectionPeriod: text(200),
  collectionMethod: text(2000),
  preprocessing: text(5000),
  size: text(200),
  licence: text(200),
  personalData: z.boolean().optional(),
  specialCategoryData: z.boolean().optional(),
  knownBiases: text(5000),
  biasMitigations: text(5000),
  ownerEmail: optionalEmail(),
});

export const createDatasetSchema = datasetFieldsSchema.extend({
  key: safeString().trim().regex(DATASET_KEY_PATTERN, "Use 1-80 lowercase letters, digits and hyphens."),
});
export const updateDatasetSchema = datasetFieldsSchema.extend({ revision: revisionInput() });

export const linkDatasetSchema = z.object({
  version: safeString().trim().min(1, "Choose a model version.").max(40),
  datasetId: z.uuid("Choose a dataset."),
  purpose: z.enum(DatasetPurpose, { error: "Choose training, validation, test or monitoring reference." }),
});
