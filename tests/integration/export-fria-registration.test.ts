// Issue 12: the Art. 27 FRIA and the Annex VIII registration data travel in the inventory JSON export and
// come back on import (a round trip into a new model key gives the same document and the same verdict);
// a re-import changes nothing; an older file without them still imports and leaves what is stored alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { PUBLIC_BENEFITS_DEPLOYER, PUBLIC_BENEFITS_FRIA_ELEMENTS } from "../fixtures/classification-answers";
import { INVENTORY_FORMAT, INVENTORY_FORMAT_VERSION, type ModelDoc } from "@/lib/exports/format";
import { loadModelDocs } from "@/lib/exports/inventory";
import { runImport } from "@/lib/imports/run-import";
import { createModel, type ModelActor } from "@/lib/models/mutations";
import { classifyModel } from "@/lib/models/classification";
import { saveFria } from "@/lib/fria/fria";
import { saveRegistration } from "@/lib/eu-registration/registration";

const run = Date.now().toString(36);
const source = `test-exp-fria-${run}`;
const copy = `test-exp-fria-copy-${run}`;
let officer: ModelActor;

const PUBLIC_BENEFITS = PUBLIC_BENEFITS_DEPLOYER;
const ELEMENTS = PUBLIC_BENEFITS_FRIA_ELEMENTS;

const docOf = async (key: string): Promise<ModelDoc> => (await loadModelDocs(prisma, { key }))[0]!;
const importModels = (models: unknown[]) =>
  runImport({
    actor: officer,
    format: "inventory",
    payload: { format: INVENTORY_FORMAT, formatVersion: INVENTORY_FORMAT_VERSION, exportedAt: new Date().toISOString(), businessUnits: [], people: [], datasets: [], models },
    dryRun: false,
  });
const stored = (key: string) => prisma.model.findUniqueOrThrow({ where: { key }, select: { openItems: true, euRegistration: true, euDatabaseId: true, fria: true } });

beforeAll(async () => {
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "compliance@northwind.example" } });
  officer = { id: u.id, role: u.role, email: u.email };
  const m = await createModel({
    actor: officer,
    input: { key: source, name: "Export FRIA test", lifecycle: "VALIDATION", actorRole: "DEPLOYER", intendedPurpose: "Benefits triage.", businessOwnerEmail: "hannah.schmidt@northwind.example" },
  });
  await classifyModel({ actor: officer, key: source, input: { revision: m.revision, answers: PUBLIC_BENEFITS } });
  await saveFria({ actor: officer, key: source, input: { ...ELEMENTS, notifiedAt: "2027-02-15", notificationReference: "MSA-NL-1", reviewNote: "First assessment.", revision: "0" } });
  const again = await prisma.model.findUniqueOrThrow({ where: { key: source } });
  await saveRegistration({
    actor: officer,
    key: source,
    input: { revision: String(again.revision), deployerContact: "Municipality", providerEntryUrl: "https://db.example/1", friaSummary: "No automated refusals.", euDatabaseId: "EU-DEP-7" },
  });
}, 60_000);
afterAll(() => prisma.$disconnect());

describe("inventory export/import of the FRIA and the EU registration", () => {
  it("the export carries the six elements, the notification, the review and the Annex VIII data", async () => {
    const doc = await docOf(source);
    const fria = await prisma.fundamentalRightsAssessment.findFirstOrThrow({ where: { model: { key: source } } });
    expect(doc.fria).toEqual({
      ...ELEMENTS,
      notifiedAt: "2027-02-15T00:00:00.000Z",
      notificationReference: "MSA-NL-1",
      reviewedAt: fria.reviewedAt.toISOString(),
      reviewNote: "First assessment.",
    });
    expect(doc.euRegistration).toEqual({ deployerContact: "Municipality", providerEntryUrl: "https://db.example/1", friaSummary: "No automated refusals." });
    expect(doc.euDatabaseId).toBe("EU-DEP-7");
    // the source's FRIA and registration are complete: neither item is open
    expect((await stored(source)).openItems).not.toEqual(expect.arrayContaining(["HR_D_FRIA"]));
    expect((await stored(source)).openItems).not.toContain("HR_D_EU_DATABASE_REGISTRATION");
  });

  it("round trip: imported under a new key, the export is the same document and the verdict the same", async () => {
    const doc = await docOf(source);
    const report = await importModels([{ ...doc, key: copy }]);
    expect(report.rows).toEqual([expect.objectContaining({ key: copy, outcome: "created" })]);
    expect(await docOf(copy)).toEqual({ ...doc, key: copy });
    const [a, b] = await Promise.all([stored(source), stored(copy)]);
    expect(b.openItems).toEqual(a.openItems);
    expect(b.fria).toMatchObject({ ...ELEMENTS, notificationReference: "MSA-NL-1", reviewedAt: a.fria!.reviewedAt });
  });

  it("importing the same document again changes nothing (the FRIA keeps its revision)", async () => {
    const before = (await stored(copy)).fria!;
    const report = await importModels([await docOf(copy)]);
    expect(report.rows).toEqual([expect.objectContaining({ key: copy, outcome: "unchanged" })]);
    expect((await stored(copy)).fria!.revision).toBe(before.revision);
  });

  it("an older file without the FRIA, the registration data or bias recording times still imports and keeps what is stored", async () => {
    const { fria: _fria, euRegistration: _reg, ...older } = await docOf(copy);
    void _fria;
    void _reg;
    const changed = {
      ...older,
      versions: older.versions.map((v) => ({ ...v, biasAssessments: v.biasAssessments.map(({ recordedAt: _r, withdrawnAt: _w, ...a }) => a) })),
      name: "Renamed by an old file",
    };
    const report = await importModels([changed]);
    expect(report.rows).toEqual([expect.objectContaining({ key: copy, outcome: "updated", changes: ["name"] })]);
    const after = await stored(copy);
    expect(after.fria).toMatchObject(ELEMENTS);
    expect(after.euRegistration).toMatchObject({ deployerContact: "Municipality" });
    expect(after.euDatabaseId).toBe("EU-DEP-7");

    // and a new model from such a file: no FRIA, no registration data
    const fresh = `test-exp-fria-old-${run}`;
    const created = await importModels([{ ...changed, key: fresh }]);
    expect(created.rows).toEqual([expect.objectContaining({ key: fresh, outcome: "created" })]);
    const s = await stored(fresh);
    expect(s.fria).toBeNull();
    expect(s.euRegistration).toBeNull();
    expect(s.openItems).toEqual(expect.arrayContaining(["HR_D_FRIA"]));
  });

  it("a changed element in the file updates the FRIA (revision +1); unsafe text is refused for that model only", async () => {
    const doc = await docOf(copy);
    const before = (await stored(copy)).fria!;
    const report = await importModels([{ ...doc, fria: { ...doc.fria!, specificRisks: "Postcode proxy; language barriers." } }]);
    expect(report.rows).toEqual([expect.objectContaining({ key: copy, outcome: "updated", changes: ["fria"] })]);
    const after = (await stored(copy)).fria!;
    expect(after.specificRisks).toBe("Postcode proxy; language barriers.");
    expect(after.revision).toBe(before.revision + 1);

    const bad = await importModels([{ ...doc, fria: { ...doc.fria!, processes: "a\u0000b" } }]);
    expect(bad.rows).toEqual([expect.objectContaining({ outcome: "rejected", reasons: [expect.stringMatching(/^fria\.processes: /)] })]);
    expect((await stored(copy)).fria!.processes).toBe(ELEMENTS.processes);
  });
});
