// Zod schemas for model versions, shared by the portal forms and the public API.
import { z } from "zod";
import { calendarDate, correctionFields, dateInput, optionalText, safeString } from "../validation";

export const VERSION_LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

export const versionLabelSchema = z.string().trim().regex(VERSION_LABEL_PATTERN, "Use 1-64 letters, digits, dots, hyphens, underscores or plus signs, starting with a letter or digit.");
const metricsSchema = z
  .record(safeString().trim().min(1).max(100), z.number({ error: "Metric values are numbers." }))
  .refine((m) => Object.keys(m).length <= 100, "At most 100 metrics.")
  .nullable()
  .optional();

/** Fields of a version that can be set when it is created and changed later. */
export const versionFieldsSchema = z.object({
  registryUri: optionalText(500).describe("e.g. models:/fraud-detector/7"),
  stage: optionalText(60),
  /** make this the serving version (at most one per model; the previous one is deactivated) */
  active: z.boolean().optional(),
  deployedAt: calendarDate().nullable().optional(),
  /** the skew audit compares these two on the active version */
  trainingPipelineVersion: optionalText(100),
  servingPipelineVersion: optionalText(100),
  metrics: metricsSchema,
  rollbackTargetVersion: optionalText(64),
  rollbackProcedure: optionalText(10_000),
});

export const createVersionSchema = versionFieldsSchema.extend({ version: versionLabelSchema });
export type CreateVersionInput = z.input<typeof createVersionSchema>;

export const updateVersionSchema = versionFieldsSchema;
export type UpdateVersionInput = z.input<typeof updateVersionSchema>;

/** The result of rehearsing a rollback of this version. */
export const rollbackDrillSchema = z.object({
  performedAt: dateInput().refine((d) => d.getTime() <= Date.now() + 5 * 60_000, "A drill cannot be in the future."),
  minutes: z.number({ error: "Enter the measured minutes." }).positive("Minutes must be positive.").max(10_000, "At most 10,000 minutes."),
  /** optional: record (or correct) the procedure that was rehearsed */
  rollbackProcedure: optionalText(10_000),
  rollbackTargetVersion: optionalText(64),
});
export type RollbackDrillInput = z.input<typeof rollbackDrillSchema>;

/**
 * Correcting a mistaken version record in place: its descriptive fields and its last drill (a drill
 * recorded with the wrong date or minutes); activation has its own action. Drill date and minutes go
 * together: both or neither.
 */
export const correctVersionSchema = versionFieldsSchema
  .omit({ active: true, metrics: true })
  .extend({
    lastRollbackDrillAt: calendarDate().nullable().optional(),
    lastRollbackDrillMinutes: z.coerce.number({ error: "Enter the measured minutes." }).positive("Minutes must be positive.").max(10_000, "At most 10,000 minutes.").nullable().optional(),
    ...correctionFields,
  })
  .refine((v) => !v.lastRollbackDrillAt || v.lastRollbackDrillAt.getTime() <= Date.now() + 5 * 60_000, { path: ["lastRollbackDrillAt"], message: "A drill cannot be in the future." })
  .refine((v) => (v.lastRollbackDrillAt == null) === (v.lastRollbackDrillMinutes == null), {
    path: ["lastRollbackDrillMinutes"],
    message: "Give both the drill's date and its minutes, or neither.",
  });
export type CorrectVersionInput = z.input<typeof correctVersionSchema>;
