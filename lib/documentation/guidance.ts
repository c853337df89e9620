// When is a documentation section "complete"? Not when someone types "ok" and ticks a box: a section
// counts as complete only when it addresses each guidance point of its catalogue entry, with some
// substance. The rule is deterministic and explainable, so the owner can see what is still thin:
//
//   1. the catalogue's guidance (`help`) is split into points at its top-level commas and semicolons
//      ("Intended purpose, provider, version, how it interacts with ..." → four-plus points);
//   2. a point is addressed when the text mentions one of its key terms — each word of the point of
//      four letters or more, minus filler words (and words every section uses: system, model, data), matched on its first six letters so that
//      "intend" covers intended/intends/intention;
//   3. and the text has at least MIN_WORDS words.
//
// A "TODO" marks text still to write (the drafts of draft.ts use it for facts Dossier does not have):
// from "TODO" to the end of its line nothing counts, neither words nor key terms.
//
// Pure: the editor runs it as the owner types, the server runs it again before accepting COMPLETE.

import { DOCUMENTATION_SECTIONS_BY_KEY } from "../compliance/catalogue";

export const MIN_WORDS = 40;
const STEM = 6;

const FILLER = new Set(
  "about above after also among another and any are as at been before being both but by can could does done each either else for from had has have here how however into its itself made make many more most much must need needed none not only other others over own per same shall should since some such than that the their them then there these they this those through under until upon used uses using very was were what when where whether which while who whom whose why will with within would your least kept keep given give where incl including system systems model models data".split(
    " ",
  ),
);

export type GuidancePoint = { label: string; terms: string[] };
export type GuidanceCheck = {
  points: Array<GuidancePoint & { addressed: boolean }>;
  words: number;
  minWords: number;
  /** true when every point is addressed and the text is long enough */
  complete: boolean;
  /** the human summary of what is missing ("" when complete) */
  thin: string;
};

/** Split at commas/semicolons that are not inside parentheses. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth = Math.max(0, depth - 1);
    if ((ch === "," || ch === ";") && depth === 0) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.replace(/\.$/, "").trim()).filter(Boolean);
}

const wordsOf = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const stem = (w: string) => w.slice(0, STEM);

export function guidancePoints(help: string): GuidancePoint[] {
  return topLevelParts(help)
    .map((label) => {
      // the parenthesised remarks explain a point; its terms come from the point itself
      const core = label.replace(/\([^)]*\)/g, " ");
      const terms = [
        ...new Set(
          wordsOf(core)
            .filter((w) => w.length >= 4 && !FILLER.has(w))
            .map(stem),
        ),
      ];
      return { label, terms };
    })
    .filter((p) => p.terms.length > 0);
}

/** The text without its TODO prompts (from "TODO" to the end of the line). */
export const withoutTodos = (content: string) => content.replace(/\bTODO\b.*$/gm, "");

export function checkGuidance(help: string, content: string): GuidanceCheck {
  const words = wordsOf(withoutTodos(content));
  const stems = new Set(words.map(stem));
  const points = guidancePoints(help).map((p) => ({ ...p, addressed: p.terms.some((t) => stems.has(t)) }));
  const missing = points.filter((p) => !p.addressed);
  const short = words.length < MIN_WORDS;
  const thin = [...(short ? [`at least ${MIN_WORDS} words (now ${words.length})`] : []), ...missing.map((p) => `“${p.label}”`)].join("; ");
  return { points, words: words.length, minWords: MIN_WORDS, complete: !short && missing.length === 0, thin: thin ? `Still thin: ${thin}.` : "" };
}

export function checkSection(sectionKey: string, content: string): GuidanceCheck | null {
  const meta = DOCUMENTATION_SECTIONS_BY_KEY.get(sectionKey);
  return meta ? checkGuidance(meta.help, content) : null;
}
