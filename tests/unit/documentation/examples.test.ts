import { describe, expect, it } from "vitest";
import { DOCUMENTATION_SECTIONS_BY_KEY } from "@/lib/compliance/catalogue";
import { SECTION_EXAMPLES } from "@/lib/documentation/examples";
import { checkSection } from "@/lib/documentation/guidance";
import { parseMarkdown } from "@/lib/documentation/markdown";

describe("examples of good answers", () => {
  it("belong to catalogue sections and pass the completeness rule they illustrate", () => {
    expect(Object.keys(SECTION_EXAMPLES).length).toBeGreaterThanOrEqual(15);
    for (const [key, text] of Object.entries(SECTION_EXAMPLES)) {
      expect(DOCUMENTATION_SECTIONS_BY_KEY.has(key), key).toBe(true);
      expect(checkSection(key, text!)?.thin, key).toBe("");
      expect(parseMarkdown(text!).length, key).toBeGreaterThan(0);
    }
  });
});
