// Issue 12 on a real PostgreSQL: the Art. 27 FRIA and the Annex VIII registration data are saved with
// permission checks, validation, optimistic locking and audit events, and move the engine's verdict.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { PUBLIC_BENEFITS_DEPLOYER, PUBLIC_BENEFITS_FRIA_ELEMENTS } from "../fixtures/classification-answers";
import { createModel, type ModelActor } from "@/lib/models/mutations";
import { classifyModel } from "@/lib/models/classification";
import { saveFria } from "@/lib/fria/fria";
import { getRegistration, saveRegistration } from "@/lib/eu-registration/registration";
import { actorOf } from "../support/actors";

const run = Date.now().toString(36);
let owner: ModelActor, officer: ModelActor, exec: ModelActor;
let key: string;

const PUBLIC_BENEFITS = PUBLIC_BENEFITS_DEPLOYER;
const ELEMENTS = PUBLIC_BENEFITS_FRIA_ELEMENTS;
const openItems = async () => (await prisma.model.findUniqueOrThrow({ where: { key } })).openItems;

beforeAll(async () => {
  owner = await actorOf("owner@northwind.example");
  officer = await actorOf("compliance@northwind.example");
  exec = await actorOf("exec@northwind.example");
  const m = await createModel({
    actor: officer,
    input: { key: `test-fria-${run}`, name: "FRIA test", lifecycle: "VALIDATION", actorRole: "DEPLOYER", intendedPurpose: "Benefits triage.", businessOwnerEmail: "hannah.schmidt@northwind.example" },
  });
  key = m.key;
  await classifyModel({ actor: officer, key, input: { revision: m.revision, answers: PUBLIC_BENEFITS } });
}, 60_000);
afterAll(() => prisma.$disconnect());

describe("Art. 27 FRIA", () => {
  it("is required for a public-body deployer of an Annex III 5(a) system", async () => {
    expect(await openItems()).toEqual(expect.arrayContaining(["HR_D_FRIA", "HR_D_EU_DATABASE_REGISTRATION"]));
  });

  it("refuses bad input field by field and writes nothing", async () => {
    await expect(saveFria({ actor: officer, key, input: { ...ELEMENTS, notifiedAt: "2027-02-30", notificationReference: "X", revision: "0" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { notifiedAt: ["Enter a date as YYYY-MM-DD."] },
    });
    await expect(saveFria({ actor: officer, key, input: { ...ELEMENTS, processes: "a\u0000b", revision: "0" } })).rejects.toMatchObject({ fieldErrors: { processes: expect.any(Array) } });
    await expect(saveFria({ actor: officer, key, input: { ...ELEMENTS, notificationReference: "MSA-1", revision: "0" } })).rejects.toMatchObject({
      fieldErrors: { notificationReference: expect.any(Array) },
    });
    expect(await prisma.fundamentalRightsAssessment.count({ where: { model: { key } } })).toBe(0);
  });

  it("an executive may not save it; an owner of another model neither", async () => {
    await expect(saveFria({ actor: exec, key, input: { ...ELEMENTS, revision: "0" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveFria({ actor: owner, key, input: { ...ELEMENTS, revision: "0" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("complete and notified → the item closes; audited; a stale revision is refused", async () => {
    await saveFria({ actor: officer, key, input: { ...ELEMENTS, specificRisks: "", notifiedAt: "", notificationReference: "", revision: "0" } });
    expect(await openItems()).toContain("HR_D_FRIA");
    await saveFria({ actor: officer, key, input: { ...ELEMENTS, notifiedAt: "2027-02-15", notificationReference: "MSA-1", reviewNote: "Added (d).", revision: "1" } });
    expect(await openItems()).not.toContain("HR_D_FRIA");
    await expect(saveFria({ actor: officer, key, input: { ...ELEMENTS, revision: "1" } })).rejects.toMatchObject({ code: "CONFLICT" });
    const model = await prisma.model.findUniqueOrThrow({ where: { key } });
    const events = await prisma.auditEvent.findMany({ where: { modelId: model.id, action: { in: ["fria.create", "fria.review"] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["fria.create", "fria.review"]);
  });

  it("re-classifying after the review makes it stale until reviewed again (Art. 27(2))", async () => {
    const m = await prisma.model.findUniqueOrThrow({ where: { key } });
    await classifyModel({ actor: officer, key, input: { revision: m.revision, answers: PUBLIC_BENEFITS } });
    expect(await openItems()).toContain("HR_D_FRIA");
    await saveFria({ actor: officer, key, input: { ...ELEMENTS, notifiedAt: "2027-02-15", notificationReference: "MSA-1", reviewNote: "Re-classified; unchanged.", revision: "2" } });
    expect(await openItems()).not.toContain("HR_D_FRIA");
  });
});

describe("EU database registration (Annex VIII Section C)", () => {
  it("needs the registration id and every required point; audited", async () => {
    const reg = await getRegistration(key);
    expect(reg?.section).toBe("C");
    const m = await prisma.model.findUniqueOrThrow({ where: { key } });
    await saveRegistration({ actor: officer, key, input: { revision: String(m.revision), deployerContact: "City", providerEntryUrl: "https://db.example/1", friaSummary: "", euDatabaseId: "EU-1" } });
    expect(await openItems()).toContain("HR_D_EU_DATABASE_REGISTRATION");
    const again = await prisma.model.findUniqueOrThrow({ where: { key } });
    await expect(saveRegistration({ actor: officer, key, input: { revision: String(m.revision), deployerContact: "x" } })).rejects.toMatchObject({ code: "CONFLICT" });
    await saveRegistration({
      actor: officer,
      key,
      input: { revision: String(again.revision), deployerContact: "City", providerEntryUrl: "https://db.example/1", friaSummary: "No automated refusals.", euDatabaseId: "EU-1" },
    });
    expect(await openItems()).not.toContain("HR_D_EU_DATABASE_REGISTRATION");
    expect((await getRegistration(key))?.export).toMatchObject({ complete: true, registrationId: "EU-1", missing: [] });
    expect(await prisma.auditEvent.count({ where: { modelId: again.id, action: "model.eu-registration" } })).toBe(2);
  });
});
