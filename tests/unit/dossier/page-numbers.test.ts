// "Page X of Y" is drawn by pdfkit once the page count is known (lib/dossier/pdf-engine-patches.ts), not
// by a react-pdf render prop. These check the drawing itself on small documents: every page of the
// requested document and no page of any other, also when both render at the same time.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createElement as h } from "react";
import { Document, Page, Text, renderToBuffer } from "@react-pdf/renderer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageNumberText, stampPageNumbers } from "@/lib/dossier/pdf-engine-patches";
import { PDF_FONT_FAMILY, registerPdfFonts, regularFont } from "@/lib/dossier/pdf-fonts";
import { FOOTER_PAGE_NUMBERS } from "@/lib/dossier/pdf-kit";

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "page-numbers-"));
  await registerPdfFonts();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pagesText = (pdf: Uint8Array, name: string) => {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" })
    .split("\f")
    .filter((p) => p.trim() !== "");
};

/** `parts` pages, the last of which wraps onto a second: the count is only known after layout */
const doc = (title: string, parts: number) =>
  h(
    Document,
    { title },
    Array.from({ length: parts }, (_, i) =>
      h(Page, { key: i, size: "A4", style: { fontFamily: PDF_FONT_FAMILY, fontSize: 9, padding: 40 } }, [
        h(Text, { key: "t" }, `${title} part ${i + 1}`),
        ...(i === parts - 1 ? Array.from({ length: 90 }, (_, n) => h(Text, { key: n }, `line ${n + 1}`)) : []),
      ]),
    ),
  );

const stamp = () => ({ ...FOOTER_PAGE_NUMBERS, font: regularFont() });

describe("page numbers drawn after layout", () => {
  it("numbers every page of the requested document, including the pages a part wrapped onto", async () => {
    const pdf = await stampPageNumbers("numbered", stamp(), () => renderToBuffer(doc("numbered", 3)));
    const pages = pagesText(pdf, "numbered");
    expect(pages).toHaveLength(4);
    pages.forEach((page, i) => expect([...page.matchAll(/Page \d+ of \d+/g)].map((m) => m[0])).toEqual([pageNumberText(i + 1, 4)]));
  }, 60_000);

  it("leaves other documents alone, also while a numbered one renders at the same time", async () => {
    const [numbered, plain] = await Promise.all([stampPageNumbers("numbered-2", stamp(), () => renderToBuffer(doc("numbered-2", 2))), renderToBuffer(doc("plain", 2))]);
    expect(pagesText(numbered, "numbered-2").map((p) => /Page (\d+) of 3/.exec(p)?.[1])).toEqual(["1", "2", "3"]);
    for (const page of pagesText(plain, "plain")) expect(page).not.toMatch(/Page \d+ of/);
    // the request ends with its render
    const after = await renderToBuffer(doc("numbered", 1));
    for (const page of pagesText(after, "after")) expect(page).not.toMatch(/Page \d+ of/);
  }, 60_000);
});
