// The OpenAPI 3.1 document of the public API, generated from the same zod schemas the handlers
// validate with (zod 4's z.toJSONSchema; OpenAPI 3.1 schemas are JSON Schema 2020-12).
import { z } from "zod";
import { createVersionSchema, rollbackDrillSchema, updateVersionSchema } from "../versions/schemas";
import {
  modelJsonSchema,
  modelListQueryDoc,
  modelListSchema,
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
          responses: { "200": { description: "Versions", content: { "application/json": { schema: { type: "object", properties: { items: { type: "array", items: ref("ModelVersion") } } } } } }, ...problemResponses(401, 403, 404, 429) },
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
          summary: "Change a version; `{\"active\": true}` activates it",
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
            ["Problem", problemSchema],
          ],
          "output",
        ),
      },
    },
  };
}
