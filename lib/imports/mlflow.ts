// MLflow model registry export → RegistryRow[]. Input is the JSON of two REST calls (one page each,
// or pages concatenated): GET /api/2.0/mlflow/registered-models/search and
// GET /api/2.0/mlflow/model-versions/search. Mapping (README "Imports and exports"):
// key = slug(name); lifecycle from the versions' stages/aliases; registryUri models:/<name>/<version>;
// the active version is the Production (or "champion") one.
import { z } from "zod";
import type { Lifecycle } from "../generated/prisma/enums";
import type { RegistryRow, VersionRowInput } from "./types";

const tag = z.object({ key: z.string(), value: z.string().optional() }).loose();

const mlflowVersion = z
  .object({
    name: z.string().min(1),
    version: z.union([z.string(), z.number()]).transform(String),
    creation_timestamp: z.union([z.number(), z.string()]).optional(),
    last_updated_timestamp: z.union([z.number(), z.string()]).optional(),
    current_stage: z.string().optional(),
    description: z.string().optional(),
    source: z.string().optional(),
    run_id: z.string().optional(),
    status: z.string().optional(),
    tags: z.array(tag).optional(),
    // model-versions/search gives aliases as strings
    aliases: z.array(z.string()).optional(),
  })
  .loose();

const mlflowRegisteredModel = z
  .object({
    name: z.string().min(1),
    creation_timestamp: z.union([z.number(), z.string()]).optional(),
    last_updated_timestamp: z.union([z.number(), z.string()]).optional(),
    description: z.string().optional(),
    latest_versions: z.array(mlflowVersion).optional(),
    tags: z.array(tag).optional(),
    // registered-models/search gives aliases as {alias, version}
    aliases: z.array(z.object({ alias: z.string(), version: z.union([z.string(), z.number()]).transform(String) })).optional(),
  })
  .loose();

/** The body of POST /api/v1/imports?format=mlflow: both search results (a page each, or an array of pages). */
export const mlflowExportSchema = z.object({
  registeredModels: z.union([
    z.object({ registered_models: z.array(mlflowRegisteredModel).default([]), next_page_token: z.string().optional() }).loose(),
    z.array(z.object({ registered_models: z.array(mlflowRegisteredModel).default([]) }).loose()),
  ]),
  modelVersions: z
    .union([
      z.object({ model_versions: z.array(mlflowVersion).default([]), next_page_token: z.string().optional() }).loose(),
      z.array(z.object({ model_versions: z.array(mlflowVersion).default([]) }).loose()),
    ])
    .optional(),
});
export type MlflowExport = z.input<typeof mlflowExportSchema>;
type MlflowVersion = z.output<typeof mlflowVersion>;

/**
 * Model key from an MLflow name: NFKD without diacritics, lowercase, every run of other characters → "-",
 * no leading/trailing hyphen, at most 80 characters. Different names can collide ("Fraud Model" and
 * "fraud_model" both → "fraud-model"): the second is rejected, never merged.
 */
export function slugifyModelName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
}

const PRODUCTION_ALIASES = new Set(["champion", "production", "prod"]);
const VALIDATION_ALIASES = new Set(["challenger", "staging", "candidate"]);

const isProduction = (v: MlflowVersion) => v.current_stage === "Production" || (v.aliases ?? []).some((a) => PRODUCTION_ALIASES.has(a.toLowerCase()));
const isStaging = (v: MlflowVersion) => v.current_stage === "Staging" || (v.aliases ?? []).some((a) => VALIDATION_ALIASES.has(a.toLowerCase()));

/** Production → PRODUCTION, Staging → VALIDATION, only Archived → RETIRED, otherwise DEVELOPMENT. */
export function lifecycleFromVersions(versions: MlflowVersion[]): Lifecycle {
  if (versions.some(isProduction)) return "PRODUCTION";
  if (versions.some(isStaging)) return "VALIDATION";
  if (versions.length > 0 && versions.every((v) => v.current_stage === "Archived")) return "RETIRED";
  return "DEVELOPMENT";
}

const versionOrder = (a: string, b: string) => {
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.localeCompare(b);
};

export function mlflowToRows(input: z.output<typeof mlflowExportSchema>): { rows: RegistryRow[]; warnings: string[] } {
  const warnings: string[] = [];
  const models = (Array.isArray(input.registeredModels) ? input.registeredModels : [input.registeredModels]).flatMap((p) => p.registered_models);
  const versionPages = input.modelVersions === undefined ? [] : Array.isArray(input.modelVersions) ? input.modelVersions : [input.modelVersions];
  const versionsByName = new Map<string, MlflowVersion[]>();
  for (const v of versionPages.flatMap((p) => p.model_versions)) {
    const list = versionsByName.get(v.name) ?? [];
    list.push(v);
    versionsByName.set(v.name, list);
  }
  if (!Array.isArray(input.registeredModels) && input.registeredModels.next_page_token) {
    warnings.push("registeredModels has a next_page_token: only the pages you sent were imported (send all pages as an array).");
  }

  const keyOwner = new Map<string, string>();
  const rows: RegistryRow[] = [];
  for (const m of models) {
    const key = slugifyModelName(m.name);
    const row: RegistryRow = { ref: `mlflow model "${m.name}"`, key, fields: {}, versions: [], problems: [] };
    rows.push(row);
    if (!key) {
      row.problems.push("The name has no letters or digits to make a key from.");
      continue;
    }
    const taken = keyOwner.get(key);
    if (taken !== undefined) {
      row.problems.push(`Its key "${key}" collides with MLflow model "${taken}" in the same file; rename one of them in MLflow.`);
      continue;
    }
    keyOwner.set(key, m.name);
    // the full list when model-versions/search was sent, else the latest version per stage
    const byVersion = new Map<string, MlflowVersion>();
    for (const v of m.latest_versions ?? []) byVersion.set(v.version, v);
    for (const v of versionsByName.get(m.name) ?? []) byVersion.set(v.version, v);
    const aliasOf = new Map<string, string[]>();
    for (const a of m.aliases ?? []) aliasOf.set(a.version, [...(aliasOf.get(a.version) ?? []), a.alias]);
    const versions = [...byVersion.values()]
      .map((v) => ({ ...v, aliases: [...new Set([...(v.aliases ?? []), ...(aliasOf.get(v.version) ?? [])])] }))
      .sort((a, b) => versionOrder(a.version, b.version));
    const serving = versions.filter(isProduction).at(-1);
    row.fields.name = m.name.slice(0, 200);
    row.fields.lifecycle = lifecycleFromVersions(versions);
    // an empty MLflow description leaves ours alone: it is often written in Dossier instead
    if (m.description?.trim()) row.fields.description = m.description.trim();
    row.versions = versions.map((v): VersionRowInput => {
      const stage = v.current_stage && v.current_stage !== "None" ? v.current_stage : null;
      const aliases = v.aliases.length ? `@${[...v.aliases].sort().join(",@")}` : null;
      return {
        version: v.version,
        registryUri: `models:/${m.name}/${v.version}`,
        stage: [stage, aliases].filter(Boolean).join(" ") || null,
        active: v === serving,
      };
    });
  }
  for (const name of versionsByName.keys()) {
    if (!models.some((m) => m.name === name)) warnings.push(`model-versions mention "${name}", which is not in registeredModels: ignored.`);
  }
  return { rows, warnings };
}
