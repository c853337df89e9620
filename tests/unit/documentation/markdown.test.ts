// The Markdown subset of documentation sections (lib/documentation/markdown.ts) and its web renderer:
// the structure comes out right, and no input can produce markup, links or script.
import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownView } from "@/app/_components/markdown-view";
import { checkGuidance } from "@/lib/documentation/guidance";
import { parseInline, parseMarkdown } from "@/lib/documentation/markdown";

const html = (source: string) => renderToStaticMarkup(createElement(MarkdownView, { source }));

describe("section Markdown", () => {
  it("parses headings, paragraphs, lists, emphasis, code and tables", () => {
    const blocks = parseMarkdown(
      [
        "## Data",
        "Collected **nightly** from *consented* feeds,",
        "then `deduplicated`.",
        "",
        "- one",
        "- two",
        "  continued",
        "1. first",
        "2) second",
        "",
        "| a | b |",
        "| --- | --- |",
        "| 1 | **2** |",
      ].join("\n"),
    );
    expect(blocks).toEqual([
      { kind: "heading", level: 2, inlines: [{ kind: "text", text: "Data" }] },
      {
        kind: "paragraph",
        inlines: [
          { kind: "text", text: "Collected " },
          { kind: "strong", text: "nightly" },
          { kind: "text", text: " from " },
          { kind: "em", text: "consented" },
          { kind: "text", text: " feeds, then " },
          { kind: "code", text: "deduplicated" },
          { kind: "text", text: "." },
        ],
      },
      { kind: "list", ordered: false, items: [[{ kind: "text", text: "one" }], [{ kind: "text", text: "two continued" }]] },
      { kind: "list", ordered: true, items: [[{ kind: "text", text: "first" }], [{ kind: "text", text: "second" }]] },
      { kind: "table", header: [[{ kind: "text", text: "a" }], [{ kind: "text", text: "b" }]], rows: [[[{ kind: "text", text: "1" }], [{ kind: "strong", text: "2" }]]] },
    ]);
  });

  it("leaves snake_case identifiers and lone asterisks alone", () => {
    expect(parseInline("demographic_parity_difference and 2 * 3 * 4")).toEqual([{ kind: "text", text: "demographic_parity_difference and 2 * 3 * 4" }]);
    expect(parseInline("_really_ fine")).toEqual([
      { kind: "em", text: "really" },
      { kind: "text", text: " fine" },
    ]);
  });

  it("keeps fenced code verbatim and deep headings at level 3", () => {
    expect(parseMarkdown("```\n# not a heading\n- nor a list\n```\n#### Deep")).toEqual([
      { kind: "code", text: "# not a heading\n- nor a list" },
      { kind: "heading", level: 3, inlines: [{ kind: "text", text: "Deep" }] },
    ]);
  });

  it("renders to elements, with raw HTML and links shown as text", () => {
    const out = html('## Title\n- **bold** item\n\n<script>alert(1)</script> <img src=x onerror="alert(1)"> [click](javascript:alert(1))');
    expect(out).toContain("<h4><span>Title</span></h4>");
    expect(out).toContain("<li><strong>bold</strong><span> item</span></li>");
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).not.toMatch(/<script|<img|href=/i);
  });

  it("no input produces an element outside the subset, an attribute with a URL or an event handler", () => {
    const allowed = new Set(["div", "p", "h3", "h4", "h5", "ul", "ol", "li", "strong", "em", "code", "pre", "span", "table", "thead", "tbody", "tr", "th", "td"]);
    const pieces = fc.constantFrom("<", ">", "script", "a href=", "javascript:", "onerror=", "**", "*", "_", "`", "```", "# ", "- ", "1. ", "|", "---", "\n", " ", "x", '"', "'", "&");
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 5 })), { maxLength: 60 }), (parts) => {
        const out = html(parts.join(""));
        for (const tag of out.matchAll(/<([a-z0-9]+)([^>]*)>/g)) {
          expect(allowed.has(tag[1]!), tag[0]).toBe(true);
          expect(tag[2]!.replace(/ (class|data-testid|scope)="[^"]*"/g, "").trim(), tag[0]).toBe("");
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("TODO prompts in the completeness rule", () => {
  it("a TODO line counts neither as words nor as addressing a point", () => {
    const filler = "The team reviews this every quarter with the business and writes the outcome down for audit. ".repeat(3);
    expect(checkGuidance("Residual risk", `${filler}\n- TODO: residual risk`).points[0]!.addressed).toBe(false);
    expect(checkGuidance("Residual risk", `${filler}\n- The residual risk is low.`).complete).toBe(true);
    expect(checkGuidance("Residual risk", "TODO ".repeat(60) + "residual").words).toBe(0);
  });
});
