// Every public API route (app/api/v1/**/route.ts) and each HTTP method it exports is in the OpenAPI
// document, so a new endpoint cannot ship undocumented.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(join(dir, e.name)) : e.name === "route.ts" ? [join(dir, e.name)] : []));
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

describe("OpenAPI coverage", () => {
  const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
  for (const file of routeFiles("app/api/v1")) {
    const path = `/${file
      .replace(/\/route\.ts$/, "")
      .replace(/^app\//, "")
      .replace(/\[(\w+)\]/g, "{$1}")}`;
    const source = readFileSync(file, "utf8");
    const methods = METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b|as ${m}\\b`).test(source));
    it(`${path} (${methods.join(", ")}) is documented`, () => {
      expect(doc.paths[path], path).toBeDefined();
      for (const m of methods) expect(doc.paths[path]?.[m.toLowerCase()], `${m} ${path}`).toBeDefined();
    });
  }
});
