// Documentation drafted from facts, saved, and printed: the draft of a demo model's section is written
// from its records, is accepted as complete only where the facts cover the section, and its Markdown
// comes out of the dossier PDF as headings, bullets and bold rather than as syntax (read with pdftotext).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getDocumentation, saveSection } from "@/lib/documentation/sections";
import { checkSection } from "@/lib/documentation/guidance";
import { generateDocument } from "@/lib/dossier/generate";
import { pdfPool } from "@/lib/dossier/pool";
import type { Role } from "@/lib/generated/prisma/client";

const MODEL = "affordability-assessment-mortgages";
let workDir: string;
let admin: { id: string; role: Role; name: string; email: string };

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "dossier-draft-test-"));
  const u = await prisma.user.findUniqueOrThrow({ where: { email: "admin@northwind.example" } });
  admin = { id: u.id, role: u.role, name: u.name, email: u.email };
});
afterAll(async () => {
  await pdfPool().close();
  await prisma.$disconnect();
  rmSync(workDir, { recursive: true, force: true });
});

function pdfText(pdf: Uint8Array): string {
  const file = join(workDir, "dossier.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

const section = async (key: string) => (await getDocumentation({ actor: admin, key: MODEL })).sections.find((s) => s.key === key)!;

describe("documentation drafted from facts", () => {
  it("drafts from the model's own records: its active version, rollback drill and monitoring history", async () => {
    const model = await prisma.model.findUniqueOrThrow({
      where: { key: MODEL },
      include: { versions: { where: { active: true } }, monitoringChecks: { select: { id: true } } },
    });
    const active = model.versions[0]!;
    const lifecycle = await section("annex-iv-6-lifecycle-changes");
    expect(lifecycle.draft).toContain(`- **${active.version}**: registered ${active.createdAt.toISOString().slice(0, 10)}`);
    expect(lifecycle.draft).toContain(`Last rollback drill: ${active.lastRollbackDrillAt!.toISOString().slice(0, 10)}`);
    const monitoring = await section("annex-iv-9-post-market-monitoring");
    expect(monitoring.draft).toContain(`History: ${model.monitoringChecks.length} checks`);
    // the same facts give the same draft on the next load
    expect((await section("annex-iv-6-lifecycle-changes")).draft).toBe(lifecycle.draft);
  });

  it("a draft with TODO prompts cannot be saved as complete; one the facts cover can", async () => {
    const general = await section("annex-iv-1-general-description");
    expect(general.draft).toContain("TODO");
    const refused = await saveSection({ actor: admin, key: MODEL, sectionKey: general.key, input: { content: general.draft, status: "COMPLETE", expectedUpdatedAt: general.updatedAt ?? "" } }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("VALIDATION");

    const lifecycle = await section("annex-iv-6-lifecycle-changes");
    expect(checkSection(lifecycle.key, lifecycle.draft)!.complete).toBe(true);
    await saveSection({ actor: admin, key: MODEL, sectionKey: lifecycle.key, input: { content: lifecycle.draft, status: "COMPLETE", expectedUpdatedAt: lifecycle.updatedAt ?? "" } });
    const after = await section(lifecycle.key);
    expect(after.progress).toBe("complete");
    expect(after.content).toBe(lifecycle.draft);
  });

  it("the dossier PDF prints the section's Markdown as a heading, bullets and bold, without the syntax", async () => {
    const lifecycle = await section("annex-iv-6-lifecycle-changes");
    const content = `## Changes over the lifecycle\n\nEach retraining is a new version.\n\n- **Version 2** replaced version 1 after a retraining on 2025 data\n- Rollbacks go to *version 1*\n\n${"Every change is reviewed by the model risk committee before release. ".repeat(4)}`;
    await saveSection({ actor: admin, key: MODEL, sectionKey: lifecycle.key, input: { content, status: "COMPLETE", expectedUpdatedAt: lifecycle.updatedAt ?? "" } });
    const { body } = await generateDocument({ actor: admin, request: { kind: "MODEL_DOSSIER", modelKey: MODEL, format: "pdf" } });
    const text = pdfText(body);
    const lines = text.split("\n").map((l) => l.replace(/\s+/g, " ").trim());
    expect(lines).toContain("Changes over the lifecycle");
    expect(lines).toContain("• Version 2 replaced version 1 after a retraining on 2025 data");
    expect(lines).toContain("• Rollbacks go to version 1");
    expect(text).not.toContain("**Version 2**");
    expect(text).not.toContain("## Changes");
    expect(text).not.toContain("*version 1*");
    expect(lines.some((l) => l.startsWith("- Rollbacks"))).toBe(false);
  });
});
