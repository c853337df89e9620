// The Markdown of documentation sections: a small, safe subset parsed into plain data that the web
// preview (React elements) and the dossier PDF (React-PDF) both draw, so the two cannot disagree.
//
// Supported: headings (#, ##, ### — deeper levels render as ###), paragraphs, bulleted and numbered
// lists, **bold**, *italic* / _italic_, `code`, fenced code blocks and pipe tables. Nothing else is
// interpreted: raw HTML and links stay literal text, so there is no markup or URL (javascript: or
// otherwise) that could run or navigate. The renderers never use innerHTML.
//
// Pure and total: every string parses (unknown syntax is text).

export type Inline = { kind: "text" | "strong" | "em" | "code"; text: string };
export type MdBlock =
  | { kind: "heading"; level: 1 | 2 | 3; inlines: Inline[] }
  | { kind: "paragraph"; inlines: Inline[] }
  | { kind: "list"; ordered: boolean; items: Inline[][] }
  | { kind: "code"; text: string }
  | { kind: "table"; header: Inline[][]; rows: Inline[][][] };

// bold before italic; underscores only at word boundaries (snake_case identifiers stay as they are)
const INLINE = /\*\*(.+?)\*\*|__(.+?)__|(?<![\p{L}\p{N}*])\*(?!\s)(.+?)(?<!\s)\*(?!\*)|(?<![\p{L}\p{N}_])_(?!\s)(.+?)(?<!\s)_(?![\p{L}\p{N}_])|`([^`]+)`/gu;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  const push = (kind: Inline["kind"], t: string) => {
    if (t === "") return;
    const prev = out[out.length - 1];
    if (kind === "text" && prev?.kind === "text") prev.text += t;
    else out.push({ kind, text: t });
  };
  for (const m of text.matchAll(INLINE)) {
    push("text", text.slice(last, m.index));
    if (m[1] !== undefined || m[2] !== undefined) push("strong", (m[1] ?? m[2])!);
    else if (m[3] !== undefined || m[4] !== undefined) push("em", (m[3] ?? m[4])!);
    else push("code", m[5]!);
    last = m.index + m[0].length;
  }
  push("text", text.slice(last));
  return out;
}

const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const FENCE = /^\s{0,3}```/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => parseInline(c.trim()));

export function parseMarkdown(source: string): MdBlock[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: MdBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: "paragraph", inlines: parseInline(paragraph.join(" ")) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") {
      flush();
      continue;
    }
    if (FENCE.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i]!); i++) code.push(lines[i]!);
      blocks.push({ kind: "code", text: code.join("\n") });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: "heading", level: Math.min(3, heading[1]!.length) as 1 | 2 | 3, inlines: parseInline(heading[2]!) });
      continue;
    }
    if (TABLE_ROW.test(line) && i + 1 < lines.length && TABLE_RULE.test(lines[i + 1]!)) {
      flush();
      const header = cells(line);
      const rows: Inline[][][] = [];
      for (i += 2; i < lines.length && TABLE_ROW.test(lines[i]!); i++) rows.push(cells(lines[i]!));
      i--;
      blocks.push({ kind: "table", header, rows });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      flush();
      const ordered = !bullet;
      const items: string[] = [(bullet ?? numbered)![1]!];
      for (i++; i < lines.length; i++) {
        const next = lines[i]!;
        const item = (ordered ? NUMBERED : BULLET).exec(next);
        if (item) items.push(item[1]!);
        else if (next.trim() !== "" && /^\s+/.test(next) && !(ordered ? BULLET : NUMBERED).test(next)) items[items.length - 1] += ` ${next.trim()}`;
        else break;
      }
      i--;
      blocks.push({ kind: "list", ordered, items: items.map(parseInline) });
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  return blocks;
}

/** The plain text of inlines (for PDF table cells and tests). */
export const plainText = (inlines: Inline[]) => inlines.map((i) => i.text).join("");
