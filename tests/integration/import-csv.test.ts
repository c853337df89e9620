import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { CsvSyntaxError, csvTemplate, parseCsv } from "@/lib/imports/csv";
import { csvToRows } from "@/lib/imports/csv-rows";
import { lifecycleFromVersions, slugifyModelName } from "@/lib/imports/mlflow";
import { runImport } from "@/lib/imports/run-import";
import type { ModelActor } from "@/lib/models/mutations";
import { actorOf } from "../support/actors";
import { deleteTestModelsAfterAll } from "../support/models";
import { refreshCompliance } from "@/lib/models/compliance";

const P = `imp-csv-${Date.now().toString(36)}`;
let admin: ModelActor;
beforeAll(async () => {
  admin = await actorOf("admin@northwind.example");
});
deleteTestModelsAfterAll(P);

describe("RFC 4180 parsing", () => {
  it("handles quotes, doubled quotes, embedded newlines, CRLF, a BOM and a missing final newline", () => {
    const t = parseCsv('\ufeffKey,Name\r\na,"x, ""y""\nz"\r\n\r\nb,\r\n"",c');
    expect(t.header).toEqual(["key", "name"]);
    expect(t.rows).toEqual([
      { line: 2, cells: ["a", 'x, "y"\nz'] },
      { line: 5, cells: ["b", ""] },
      { line: 6, cells: ["", "c"] },
    ]);
  });
  it("reports the line of a syntax error", () => {
    expect(() => parseCsv('key\r\nok\r\n"open')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('key\r\na"b')).toThrow(/Line 2/);
  });
  it("the template parses back to its own columns", () => {
    const { rows, warnings } = csvToRows(csvTemplate());
    expect(warnings).toEqual([]);
    expect(rows).toHaveLength(1); // two lines of one key: one model, two versions
    expect(rows[0]!.versions.map((v) => v.version)).toEqual(["12", "11"]);
    expect(rows[0]!.problems).toEqual([]);
  });
});

describe("MLflow mapping rules", () => {
  it("slugs names and maps stages and aliases to a lifecycle", () => {
    expect(slugifyModelName("Crédit Scoring — v2 (EU)")).toBe("credit-scoring-v2-eu");
    expect(slugifyModelName("___")).toBe("");
    const v = (current_stage: string, aliases: string[] = []) => ({ name: "m", version: "1", current_stage, aliases });
    expect(lifecycleFromVersions([v("Archived"), v("Production")])).toBe("PRODUCTION");
    expect(lifecycleFromVersions([v("None", ["champion"])])).toBe("PRODUCTION");
    expect(lifecycleFromVersions([v("Staging"), v("None")])).toBe("VALIDATION");
    expect(lifecycleFromVersions([v("Archived"), v("Archived")])).toBe("RETIRED");
    expect(lifecycleFromVersions([v("Archived"), v("None")])).toBe("DEVELOPMENT");
    expect(lifecycleFromVersions([])).toBe("DEVELOPMENT");
  });
});

describe("CSV import against the database", () => {
  const csv = [
    "key,name,lifecycle,business_unit,business_owner_email,public_authority,environments,next_review_at,version,registry_uri,active",
    `${P}-one,"One, quoted",PRODUCTION,Payments,owner@northwind.example,false,prod;dr,2027-01-31,3,models:/one/3,true`,
    `${P}-one,,,,,,,,2,models:/one/2,false`,
    `${P}-two,Two,development,,,,,,,,`,
    `${P}-bad,Bad,PRODUCTION,,nobody@northwind.example,maybe,,,,,`,
  ].join("\r\n");

  it("creates, then re-import is unchanged, then a change updates only what changed", async () => {
    const first = await runImport({ actor: admin, format: "csv", payload: csv, dryRun: false });
    expect(first.rows.map((r) => [r.key, r.outcome])).toEqual([
      [`${P}-one`, "created"],
      [`${P}-two`, "created"],
      [`${P}-bad`, "rejected"],
    ]);
    expect(first.rows[2]!.reasons.join(" ")).toMatch(/public_authority/);
    const one = await prisma.model.findUniqueOrThrow({ where: { key: `${P}-one` }, include: { versions: { orderBy: { version: "asc" } }, businessUnit: true, businessOwner: true } });
    expect([one.name, one.lifecycle, one.businessUnit?.name, one.businessOwner?.email, one.environments, one.riskClass]).toEqual([
      "One, quoted",
      "PRODUCTION",
      "Payments",
      "owner@northwind.example",
      ["prod", "dr"],
      "UNCLASSIFIED",
    ]);
    expect(one.nextReviewAt?.toISOString()).toBe("2027-01-31T00:00:00.000Z");
    expect(one.versions.map((v) => [v.version, v.active])).toEqual([
      ["2", false],
      ["3", true],
    ]);

    const again = await runImport({ actor: admin, format: "csv", payload: csv, dryRun: false });
    expect(again.summary).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 1 });
    expect((await prisma.model.findUniqueOrThrow({ where: { key: `${P}-one` } })).revision).toBe(one.revision);

    const change = `key,name,version,active\r\n${P}-one,One renamed,2,true\r\n`;
    const dry = await runImport({ actor: admin, format: "csv", payload: change, dryRun: true });
    expect(dry.rows[0]!.reasons).toEqual([]);
    expect(dry.rows[0]).toMatchObject({ outcome: "updated", changes: ["name", "version 2.active", "version 3.active"] });
    expect((await prisma.model.findUniqueOrThrow({ where: { key: `${P}-one` } })).name).toBe("One, quoted");
    await runImport({ actor: admin, format: "csv", payload: change, dryRun: false });
    const after = await prisma.model.findUniqueOrThrow({ where: { key: `${P}-one` }, include: { versions: { where: { active: true } }, businessUnit: true } });
    // columns absent from the file are left alone
    expect([after.name, after.lifecycle, after.businessUnit?.name, after.versions.map((v) => v.version)]).toEqual(["One renamed", "PRODUCTION", "Payments", ["2"]]);
    const events = await prisma.auditEvent.findMany({ where: { modelId: after.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["model.create", "model.update"]);
  });

  it("inserts each new model with the verdict the engine gives it when it re-reads the model", async () => {
    const file = [
      "key,name,lifecycle,business_unit,business_owner_email,technical_owner_email,intended_purpose,actor_role,public_authority,environments,eu_database_id,version,training_pipeline_version,serving_pipeline_version,active",
      `${P}-v1,Verdict one,PRODUCTION,Payments,owner@northwind.example,admin@northwind.example,Scores card fraud,PROVIDER,true,prod,EU-123,4,train-4,serve-4,true`,
      `${P}-v2,Verdict two,DEVELOPMENT,,,,,,,,,,,,`,
      `${P}-v3,Verdict three,RETIRED,Insurance,,owner@northwind.example,Prices policies,DEPLOYER,false,,,1,,,false`,
    ].join("\n");
    const report = await runImport({ actor: admin, format: "csv", payload: file, dryRun: false });
    expect(report.summary).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    const verdicts = () =>
      prisma.model.findMany({
        where: { key: { startsWith: `${P}-v` } },
        orderBy: { key: "asc" },
        select: { key: true, complianceScore: true, undocumented: true, monitoringStatus: true, openItems: true, complianceEvaluatedAt: true },
      });
    const inserted = await verdicts();
    expect(inserted.every((m) => m.complianceScore !== null && m.complianceEvaluatedAt !== null && m.openItems.length > 0)).toBe(true);
    await refreshCompliance(prisma, {
      modelIds: (await prisma.model.findMany({ where: { key: { startsWith: `${P}-v` } }, select: { id: true } })).map((m) => m.id),
      asOf: inserted[0]!.complianceEvaluatedAt!,
    });
    expect(await verdicts()).toEqual(inserted);
  });
});
