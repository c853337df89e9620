// One zod schema per input, shared by the portal's forms, server actions and the API.
import { z } from "zod";
import { ActorRole, Lifecycle } from "../generated/prisma/enums";
import { calendarDate, optionalEmail, optionalText, requiredText, revisionInput, safeString } from "../validation";

export const MODEL_KEY_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;

export const modelKeySchema = z.string().trim().regex(MODEL_KEY_PATTERN, "Use 1-80 lowercase letters, digits and hyphens, starting and ending with a letter or digit.");

/** Fields of a model that people and pipelines edit (classification has its own flow). */
export const modelFieldsSchema = z.object({
  name: requiredText(200, "Enter a name."),
  description: optionalText(5000),
  intendedPurpose: optionalText(5000),
  foreseeableMisuse: optionalText(5000),
  businessUnit: optionalText(120),
  actorRole: z.enum(ActorRole, { error: "Choose provider, deployer, importer or distributor." }).optional(),
  publicAuthority: z.boolean().optional(),
  lifecycle: z.enum(Lifecycle, { error: "Choose development, validation, production or retired." }),
  environments: z.array(requiredText(60)).max(20, "At most 20 environments.").optional(),
  businessOwnerEmail: optionalEmail(),
  technicalOwnerEmail: optionalEmail(),
  nextReviewAt: calendarDate().nullable().optional(),
  euDatabaseId: optionalText(100),
});
export type ModelFieldsInput = z.input<typeof modelFieldsSchema>;
export type ModelFields = z.output<typeof modelFieldsSchema>;

export const createModelSchema = modelFieldsSchema.extend({ key: modelKeySchema });
export type CreateModelInput = z.output<typeof createModelSchema>;

/** An update names the revision it was based on (optimistic locking). */
export const updateModelSchema = modelFieldsSchema.extend({
  revision: revisionInput(),
});
export type UpdateModelInput = z.output<typeof updateModelSchema>;

/**
 * PUT /api/v1/models/{key}: `name` and `lifecycle` are required, every other field optional. An omitted
 * field is left as it is, `null` clears it. `revision`, when sent, must be the current one (409 otherwise);
 * without it the write applies to whatever is current (what a pipeline usually wants).
 */
export const upsertModelSchema = modelFieldsSchema.extend({
  revision: z.number().int().positive().optional(),
  key: safeString().optional().describe("ignored when equal to the path key; a different key is refused"),
});
