// The lint rules of docs/architecture.md really refuse what they are for, and let the right code through:
// dependencies one way (edge → domain → base), and `process.env` read only in lib/env.ts.
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleErrors(ruleId: string, filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}
const directionErrors = (filePath: string, source: string) => ruleErrors("import/no-restricted-paths", filePath, source);
const envErrors = (filePath: string, source: string) => ruleErrors("no-restricted-properties", filePath, source);

describe("dependency direction (import/no-restricted-paths)", () => {
  it("refuses a domain module that imports the edge (lib/api or app/)", async () => {
    const errors = await directionErrors(
      "lib/models/wrong-way.ts",
      'import { errorResponse } from "@/lib/api/problem";\nimport { SimpleForm } from "../../app/_components/simple-form";\nexport const x = [errorResponse, SimpleForm];\n',
    );
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/must not depend on the edge/);
  }, 60_000);

  it("refuses base code (lib/authz) that imports a domain", async () => {
    const errors = await directionErrors("lib/authz/wrong-way.ts", 'import { listBusinessUnits } from "../models/queries";\nexport const x = listBusinessUnits;\n');
    expect(errors).toEqual([expect.stringMatching(/must not depend on a domain/)]);
  }, 60_000);

  it("lets the edge import a domain and a domain import base code", async () => {
    expect(await directionErrors("lib/api/right-way.ts", 'import { listBusinessUnits } from "../models/queries";\nexport const x = listBusinessUnits;\n')).toEqual([]);
    expect(await directionErrors("lib/models/right-way.ts", 'import { assertCan } from "../authz/policy";\nimport { prisma } from "../db";\nexport const x = [assertCan, prisma];\n')).toEqual([]);
  }, 60_000);
});

describe("process.env only in lib/env.ts (no-restricted-properties)", () => {
  it("refuses a direct read, or a destructuring of process, in lib/", async () => {
    expect(await envErrors("lib/models/reads-env.ts", "export const x = process.env.DOSSIER_ANYTHING;\n")).toEqual([expect.stringMatching(/lib\/env\.ts/)]);
    expect(await envErrors("lib/api/reads-env.ts", "const { env } = process;\nexport const x = env.X;\n")).toHaveLength(1);
  }, 60_000);

  it("lets lib/env.ts and code outside lib/ read it", async () => {
    expect(await envErrors("lib/env.ts", "export const x = process.env.X;\n")).toEqual([]);
    expect(await envErrors("scripts/reads-env.ts", "export const x = process.env.X;\n")).toEqual([]);
  }, 60_000);
});
