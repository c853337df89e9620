// The lint rule that keeps dependencies one way (edge → domain → base, see docs/architecture.md)
// really refuses a wrong import, and lets the right ones through.
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: process.cwd() });

async function directionErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "import/no-restricted-paths").map((m) => m.message);
}

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
