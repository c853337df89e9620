// The import's side of the re-import fingerprint (lib/imports/inventory-fingerprint.ts): it covers every
// field of the export format (a field added to the format without being added here would let a change
// of it pass as "unchanged"), and writes numbers and jsonb as PostgreSQL prints them.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { modelDocSchema } from "@/lib/exports/format";
import { FINGERPRINT_FIELDS, pgFloat, pgJsonb } from "@/lib/imports/inventory-fingerprint";

/** the object schema inside optional / nullable / array wrappers */
function objectOf(schema: z.ZodType): z.ZodObject | null {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodObject) return s;
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else return null;
  }
}
const keysOf = (schema: z.ZodType) => Object.keys(objectOf(schema)!.shape);

describe("inventory fingerprint", () => {
  it("covers every field of the export format, in the format's order", () => {
    const model = modelDocSchema.shape;
    const version = objectOf(model.versions)!.shape;
    const assessment = objectOf(version.biasAssessments)!.shape;
    const monitoring = objectOf(model.monitoring)!.shape;
    const check = objectOf(monitoring.checks)!.shape;
    const section = objectOf(model.sections)!.shape;
    expect({
      model: keysOf(modelDocSchema),
      fria: keysOf(model.fria),
      classification: keysOf(model.classification),
      version: keysOf(model.versions),
      datasetLink: keysOf(version.datasets),
      assessment: keysOf(version.biasAssessments),
      biasMetric: keysOf(assessment.metrics),
      monitoring: keysOf(model.monitoring),
      config: keysOf(monitoring.config),
      check: keysOf(monitoring.checks),
      feature: keysOf(check.features),
      section: keysOf(model.sections),
      evidence: keysOf(section.evidence),
      incident: keysOf(model.incidents),
    }).toEqual(FINGERPRINT_FIELDS);
  });

  it.each([
    [0.02, "0.02"],
    [45, "45"],
    [0.0001, "0.0001"],
    [0.00012, "0.00012"],
    [1e-5, "1e-05"],
    [-2.5e-7, "-2.5e-07"],
    [123456789012345, "123456789012345"],
    [1e15, "1e+15"],
    [1.5e20, "1.5e+20"],
    [1e100, "1e+100"],
    [-0, "-0"],
    [null, "null"],
  ])("float8 %s is written as PostgreSQL prints it: %s", (value, text) => {
    expect(pgFloat(value)).toBe(text);
  });

  it("jsonb keys are ordered by byte length, then bytes, with PostgreSQL's separators", () => {
    expect(pgJsonb({ bb: 1, a: [1, 2.5, "x"], c: { z: null, y: true }, é: "" })).toBe('{"a": [1, 2.5, "x"], "c": {"y": true, "z": null}, "bb": 1, "é": ""}');
    expect(pgJsonb([])).toBe("[]");
    expect(pgJsonb({})).toBe("{}");
    expect(pgJsonb(null)).toBe("null");
  });
});
