// Draws parsed section Markdown (lib/documentation/markdown.ts) as React elements: text is always
// escaped by React, nothing is injected as HTML, and there are no links.
import type { Inline, MdBlock } from "@/lib/documentation/markdown";
import { parseMarkdown } from "@/lib/documentation/markdown";

function Inlines({ inlines }: { inlines: Inline[] }) {
  return (
    <>
      {inlines.map((i, n) =>
        i.kind === "strong" ? <strong key={n}>{i.text}</strong> : i.kind === "em" ? <em key={n}>{i.text}</em> : i.kind === "code" ? <code key={n}>{i.text}</code> : <span key={n}>{i.text}</span>,
      )}
    </>
  );
}

function Block({ block }: { block: MdBlock }) {
  switch (block.kind) {
    case "heading": {
      // section titles are h2 on the page: Markdown headings sit below them
      const Tag = (["h3", "h4", "h5"] as const)[block.level - 1]!;
      return (
        <Tag>
          <Inlines inlines={block.inlines} />
        </Tag>
      );
    }
    case "paragraph":
      return (
        <p>
          <Inlines inlines={block.inlines} />
        </p>
      );
    case "list": {
      const Tag = block.ordered ? "ol" : "ul";
      return (
        <Tag>
          {block.items.map((item, n) => (
            <li key={n}>
              <Inlines inlines={item} />
            </li>
          ))}
        </Tag>
      );
    }
    case "code":
      return (
        <pre>
          <code>{block.text}</code>
        </pre>
      );
    case "table":
      return (
        <table className="data">
          <thead>
            <tr>
              {block.header.map((c, n) => (
                <th key={n} scope="col">
                  <Inlines inlines={c} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((r, n) => (
              <tr key={n}>
                {r.map((c, m) => (
                  <td key={m}>
                    <Inlines inlines={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}

export function MarkdownView({ source, testId }: { source: string; testId?: string }) {
  const blocks = parseMarkdown(source);
  return (
    <div className="markdown" data-testid={testId}>
      {blocks.length === 0 ? <p className="muted">Nothing written yet.</p> : blocks.map((b, n) => <Block key={n} block={b} />)}
    </div>
  );
}
