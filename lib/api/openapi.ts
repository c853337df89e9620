// The OpenAPI 3.1 document of the public API, generated from the same zod schemas the handlers
// validate with (zod 4's z.toJSONSchema; OpenAPI 3.1 schemas are JSON Schema 2020-12).
import { z } from "zod";
import { createVersionSchema, rollbackDrillSchema, updateVersionSchema } from "../versions/schemas";
import {
  modelJsonSchema,
  modelListQueryDoc,
  modelListSchema,
  monitoringBatchResultSchema,
  monitoringBatchSchema,
  monitoringPushSchema,
  monitoringResultSchema,
  problemSchema,
  upsertModelSchema,
  versionJsonSchema,
  versionResultSchema,
} from "./schemas";

type JsonSchema = Record<string, unknown>;

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** z.coerce.date() accepts anything coercible; on the wire it is an ISO 8601 string. */
function override(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }) {
  const def = (ctx.zodSchema as { _zod?: { def?: { type?: string } } })._zod?.def;
  if (def?.type === "date") {
    ctx.jsonSchema.type = "string";
    ctx.jsonSchema.format = "date-time";
  }
}

function components(entries: Array<[string, z.ZodType]>, io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of entries) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, { io, unrepresentable: "any", override, uri: (id) => `#/components/schemas/${id}` }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(
    Object.entries(generated.schemas).map(([id, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema;
      return [id, rest];
    }),
  );
}

const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      {
        description: PROBLEM_DESCRIPTIONS[s] ?? "Problem",
        content: { "application/problem+json": { schema: ref("Problem") } },
      },
    ]),
  );

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  401: "No or an unknown, revoked or expired credential",
  403: "The token lacks the scope or model, or the user's role may not do this",
  404: "No such model (or version)",
  409: "Revision conflict, an existing version, or the same Idempotency-Key still in progress",
  413: "Request body above the endpoint's limit",
  415: "Content-Type is not JSON",
  422: "Invalid input; `errors` maps field paths to messages",
  429: "Rate limit of the token exceeded; see Retry-After",
};

const jsonBody = (id: string, description?: string) => ({ required: true, ...(description ? { description } : {}), content: { "application/json": { schema: ref(id) } } });
const jsonResponse = (id: string, description: string) => ({ description, content: { "application/json": { schema: ref(id) } } });
const keyParam = { name: "key", in: "path", required: true, schema: { type: "string", pattern: "^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$" }, description: "the model's stable key" };
const versionParam = { name: "version", in: "path", required: true, schema: { type: "string" } };
const idempotencyParam = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  schema: { type: "string", maxLength: 255 },
  description: "Retrying with the same key and body returns the first answer (header Idempotent-Replayed: true) and writes nothing; valid 24 h.",
};

export function openApiDocument(serverUrl = "/"): JsonSchema {
  const listQuery = z.toJSONSchema(modelListQueryDoc, { io: "input" }) as { properties: Record<string, JsonSchema> };
  return {
    openapi: "3.1.0",
    info: {
      title: "Dossier public API",
      version: "1.0.0",
      description:
        "For ML pipelines: register models and versions, push monitoring results (metric values or raw samples from which the server computes PSI, KS and Wasserstein-1). Authenticate with `Authorization: Bearer <token>`. Errors are RFC 9457 problem+json.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/models": {
        get: {
          operationId: "listModels",
          summary: "List models (inventory filters, cursor pagination)",
          "x-scope": "read",
          parameters: Object.entries(listQuery.properties).map(([name, schema]) => ({ name, in: "query", required: false, schema })),
          responses: { "200": jsonResponse("ModelList", "One page of models"), ...problemResponses(401, 403, 429) },
        },
      },
      "/api/v1/models/{key}": {
        parameters: [keyParam],
        get: {
          operationId: "getModel",
          summary: "One model with its compliance verdict and requirement items",
          "x-scope": "read",
          responses: { "200": jsonResponse("Model", "The model"), ...problemResponses(401, 403, 404, 429) },
        },
        put: {
          operationId: "upsertModel",
          summary: "Create or update a model (idempotent)",
          description: "Only `name` and `lifecycle` are required. Omitted fields are left unchanged, `null` clears. Sending the same body again changes nothing.",
          "x-scope": "write",
          requestBody: jsonBody("UpsertModel"),
          responses: {
            "200": jsonResponse("Model", "Updated or unchanged (header Dossier-Upsert: updated | unchanged)"),
            "201": jsonResponse("Model", "Created"),
            ...problemResponses(401, 403, 409, 413, 415, 422, 429),
          },
        },
      },
      "/api/v1/models/{key}/versions": {
        parameters: [keyParam],
        get: {
          operationId: "listVersions",
          summary: "Versions of a model, newest first",
          "x-scope": "read",
          responses: {
            "200": { description: "Versions", content: { "application/json": { schema: { type: "object", properties: { items: { type: "array", items: ref("ModelVersion") } } } } } },
            ...problemResponses(401, 403, 404, 429),
          },
        },
        post: {
          operationId: "createVersion",
          summary: "Register a version (training/serving pipeline versions feed the skew check)",
          "x-scope": "write",
          parameters: [idempotencyParam],
          requestBody: jsonBody("CreateVersion"),
          responses: { "201": jsonResponse("VersionResult", "Created; with the model's verdict after the change"), ...problemResponses(401, 403, 404, 409, 413, 415, 422, 429) },
        },
      },
      "/api/v1/models/{key}/versions/{version}": {
        parameters: [keyParam, versionParam],
        patch: {
          operationId: "updateVersion",
          summary: 'Change a version; `{"active": true}` activates it',
          "x-scope": "write",
          requestBody: jsonBody("UpdateVersion"),
          responses: { "200": jsonResponse("VersionResult", "Updated"), ...problemResponses(401, 403, 404, 413, 415, 422, 429) },
        },
      },
      "/api/v1/models/{key}/versions/{version}/rollback-drills": {
        parameters: [keyParam, versionParam],
        post: {
          operationId: "recordRollbackDrill",
          summary: "Record a rollback drill (date and measured minutes)",
          "x-scope": "write",
          parameters: [idempotencyParam],
          requestBody: jsonBody("RollbackDrill"),
          responses: { "201": jsonResponse("VersionResult", "Recorded"), ...problemResponses(401, 403, 404, 413, 415, 422, 429) },
        },
      },
      "/api/v1/models/{key}/monitoring-checks": {
        parameters: [keyParam],
        post: {
          operationId: "pushMonitoringCheck",
          summary: "Push a monitoring check: metric values or raw samples",
          description:
            "Raw samples (`features`) are compared by the server: PSI (10 reference-quantile bins; categories for categorical features), two-sample KS with p-value and Wasserstein-1 for numeric features. Metric values (`metrics`) are stored as pushed; a feature's status follows its PSI and the model's warning/critical thresholds (default 0.1 / 0.25). Body limit 64 MB (2 × 1,000,000 values fit).",
          "x-scope": "monitoring",
          parameters: [idempotencyParam],
          requestBody: jsonBody("MonitoringPush"),
          responses: { "201": jsonResponse("MonitoringResult", "Stored; the computed statuses"), ...problemResponses(401, 403, 404, 409, 413, 415, 422, 429) },
        },
      },
      "/api/v1/monitoring-checks": {
        post: {
          operationId: "pushMonitoringChecks",
          summary: "Push a batch of monitoring checks, for one model or many, in one request",
          description:
            "Up to 500 checks (and 50,000 metric values and features in all), each shaped like a single push plus the model's key in `model`. Stored all or nothing in one transaction: a check that cannot be stored (unknown model or version, a value out of range, a model the caller may not edit or the token is not limited to) refuses the whole batch, and the error's field paths name it (`checks.3.metrics.0.value`). Two checks of one batch for the same model, version and observedAt are refused; a check repeating a stored one replaces it, as a single push does. One request counts once against the token's rate limit. The answer lists one result per check, in the order sent.",
          "x-scope": "monitoring",
          parameters: [idempotencyParam],
          requestBody: jsonBody("MonitoringBatch"),
          responses: { "201": jsonResponse("MonitoringBatchResult", "Stored; each check's computed statuses, in order"), ...problemResponses(401, 403, 404, 409, 413, 415, 422, 429) },
        },
      },
      "/api/v1/models/{key}/dossier": {
        parameters: [keyParam],
        get: {
          operationId: "getModelDossier",
          summary: "The model's Annex IV dossier as PDF, or the same content as JSON (?format=json); each download is stored as a verifiable record",
          "x-scope": "read",
          parameters: [{ name: "format", in: "query", required: false, schema: { type: "string", enum: ["pdf", "json"], default: "pdf" } }],
          responses: {
            "200": { description: "The dossier (header Dossier-Record names the stored record)", content: { "application/pdf": {}, "application/json": {} } },
            ...problemResponses(401, 403, 404, 422, 429),
          },
        },
      },
      "/api/v1/models/{key}/eu-registration": {
        parameters: [keyParam],
        get: {
          operationId: "getEuRegistration",
          summary: "The model's EU database registration data (Art. 49, 71; Annex VIII Section A, B or C by our role) as JSON, with the registration id and the required points still missing",
          "x-scope": "read",
          responses: {
            "200": {
              description: "format dossier.eu-database-registration/1: section, article, registrationId, complete, missing[], fields[] (point, key, label, required, value)",
              content: { "application/json": {} },
            },
            ...problemResponses(401, 403, 404, 429),
          },
        },
      },
      "/api/v1/reports/inventory": {
        get: {
          operationId: "getInventoryReport",
          summary: "The inventory audit report: summary, every production model with its flags, every undocumented model with its missing items",
          "x-scope": "read",
          parameters: [
            { name: "format", in: "query", required: false, schema: { type: "string", enum: ["pdf", "csv", "json"], default: "pdf" } },
            { name: "businessUnit", in: "query", required: false, schema: { type: "string" } },
            { name: "riskClass", in: "query", required: false, schema: { type: "string", enum: ["PROHIBITED", "HIGH", "LIMITED", "MINIMAL", "OUT_OF_SCOPE", "UNCLASSIFIED"] } },
            { name: "undocumentedOnly", in: "query", required: false, schema: { type: "string", enum: ["true", "false", "1", "0"] } },
          ],
          responses: {
            "200": {
              description: "JSON has summary.productionModels / documented / undocumented, counts by risk class and monitoring status, and `models` rows",
              content: { "application/pdf": {}, "text/csv": {}, "application/json": {} },
            },
            ...problemResponses(401, 403, 422, 429),
          },
        },
      },
      "/api/v1/audit-log/verify": {
        get: {
          operationId: "verifyAuditChain",
          summary: "Recompute the audit log's hash chain from the stored events and report every broken link (admins, compliance officers, auditors; a token must not be limited to some models)",
          "x-scope": "read",
          responses: {
            "200": {
              description:
                "`ok`, `checked`, `breakCount`, `breaks` [{seq, kind: link|content, reason}] (the first 1,000), `acknowledged` (legacy seqs acknowledged by a re-anchoring event), `pending`, `lastHash`",
              content: { "application/json": {} },
            },
            ...problemResponses(401, 403, 429),
          },
        },
      },
      "/api/v1/dossiers": {
        get: {
          operationId: "listDossierRecords",
          summary: "Documents Dossier issued (who, when, parameters, sha256, completeness)",
          "x-scope": "read",
          responses: { "200": { description: "Records", content: { "application/json": {} } }, ...problemResponses(401, 429) },
        },
        post: {
          operationId: "generateDocument",
          summary: "Generate a model dossier or the inventory report off the request thread; streams progress events (NDJSON) and ends with the record",
          "x-scope": "read",
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["kind"],
                  properties: { kind: { enum: ["MODEL_DOSSIER", "INVENTORY_REPORT"] }, modelKey: { type: "string" }, format: { enum: ["pdf", "json", "csv"] }, filters: { type: "object" } },
                },
              },
            },
          },
          responses: { "200": { description: "application/x-ndjson progress events", content: { "application/x-ndjson": {} } }, ...problemResponses(401, 403, 404, 415, 422, 429) },
        },
      },
      "/api/v1/dossiers/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        get: {
          operationId: "getDossierRecord",
          summary: "One issued document's record",
          "x-scope": "read",
          responses: { "200": { description: "The record", content: { "application/json": {} } }, ...problemResponses(401, 403, 404, 429) },
        },
      },
      "/api/v1/dossiers/{id}/content": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
        get: {
          operationId: "downloadDossierRecord",
          summary: "Download an issued document again, byte for byte",
          "x-scope": "read",
          responses: { "200": { description: "The stored bytes", content: { "application/pdf": {}, "application/json": {}, "text/csv": {} } }, ...problemResponses(401, 403, 404, 429) },
        },
      },
      "/api/v1/dossiers/verify": {
        get: {
          operationId: "verifyDocumentHash",
          summary: "Is the document with this sha256 one Dossier issued?",
          "x-scope": "read",
          parameters: [{ name: "sha256", in: "query", required: true, schema: { type: "string", pattern: "^[0-9a-f]{64}$" } }],
          responses: { "200": { description: "The verdict", content: { "application/json": {} } }, ...problemResponses(401, 422, 429) },
        },
        post: {
          operationId: "verifyDocument",
          summary: "Is this file one Dossier issued? Send the file as the body: answers the matching record, or none",
          "x-scope": "read",
          responses: { "200": { description: "The verdict", content: { "application/json": {} } }, ...problemResponses(401, 413, 422, 429) },
        },
      },
      "/api/v1/imports": {
        post: {
          operationId: "importInventory",
          summary: "Import models and versions from CSV, an MLflow registry export (registered-models/search + model-versions/search) or Dossier's JSON export; ?dryRun=true plans only",
          "x-scope": "write",
          parameters: [
            idempotencyParam,
            { name: "dryRun", in: "query", required: false, schema: { type: "boolean" } },
            { name: "format", in: "query", required: false, schema: { type: "string", enum: ["csv", "mlflow", "inventory"] } },
          ],
          requestBody: { required: true, content: { "text/csv": {}, "application/json": {}, "multipart/form-data": {} } },
          responses: {
            "200": { description: "Per-row report: created, updated, unchanged or rejected with reasons", content: { "application/json": {} } },
            ...problemResponses(401, 403, 409, 413, 415, 422, 429),
          },
        },
      },
      "/api/v1/imports/template": {
        get: {
          operationId: "csvTemplate",
          summary: "The CSV import template with every documented column",
          "x-scope": "read",
          responses: { "200": { description: "CSV", content: { "text/csv": {} } } },
        },
      },
      "/api/v1/exports/inventory": {
        get: {
          operationId: "exportInventory",
          summary: "The whole inventory as JSON; importing it into an empty database round-trips",
          "x-scope": "read",
          responses: { "200": { description: "The export", content: { "application/json": {} } }, ...problemResponses(401, 403, 429) },
        },
      },
      "/api/v1/openapi.json": {
        get: { operationId: "openapi", summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": {} } } } },
      },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "API token (dsr_…) created under Admin → API tokens or with `npm run token:create`" } },
      schemas: {
        ...components(
          [
            ["UpsertModel", upsertModelSchema],
            ["CreateVersion", createVersionSchema],
            ["UpdateVersion", updateVersionSchema],
            ["RollbackDrill", rollbackDrillSchema],
            ["MonitoringPush", monitoringPushSchema],
            ["MonitoringBatch", monitoringBatchSchema],
          ],
          "input",
        ),
        ...components(
          [
            ["Model", modelJsonSchema],
            ["ModelList", modelListSchema],
            ["ModelVersion", versionJsonSchema],
            ["VersionResult", versionResultSchema],
            ["MonitoringResult", monitoringResultSchema],
            ["MonitoringBatchResult", monitoringBatchResultSchema],
            ["Problem", problemSchema],
          ],
          "output",
        ),
      },
    },
  };
}
