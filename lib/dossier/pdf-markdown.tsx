// Section Markdown in the dossier PDF: the same parsed subset as the web preview
// (lib/documentation/markdown.ts), drawn with React-PDF so readers see headings, lists and bold
// rather than asterisks and hashes.
import { Text, View } from "@react-pdf/renderer";
import { parseMarkdown, plainText, type Inline } from "../documentation/markdown";
import { Table, colors, s } from "./pdf-kit";

// the document font for code too: the engine patches and the embedded subset are made for it
const MONO = { color: colors.accent } as const;

function Inlines({ inlines }: { inlines: Inline[] }) {
  return (
    <>
      {inlines.map((i, n) =>
        i.kind === "strong" ? (
          <Text key={n} style={s.bold}>
            {i.text}
          </Text>
        ) : i.kind === "em" ? (
          <Text key={n} style={{ fontStyle: "italic" }}>
            {i.text}
          </Text>
        ) : i.kind === "code" ? (
          <Text key={n} style={MONO}>
            {i.text}
          </Text>
        ) : (
          i.text
        ),
      )}
    </>
  );
}

const HEADING_SIZES = [11, 10, 9.5] as const;

export function PdfMarkdown({ source }: { source: string }) {
  return (
    <View>
      {parseMarkdown(source).map((b, n) => {
        switch (b.kind) {
          case "heading":
            return (
              <Text key={n} style={{ fontSize: HEADING_SIZES[b.level - 1], lineHeight: 1.3, fontWeight: 700, marginTop: 6, marginBottom: 3 }} minPresenceAhead={24}>
                {plainText(b.inlines)}
              </Text>
            );
          case "paragraph":
            return (
              <Text key={n} style={s.para}>
                <Inlines inlines={b.inlines} />
              </Text>
            );
          case "list":
            return (
              <View key={n} style={{ marginBottom: 4 }}>
                {b.items.map((item, m) => (
                  <View key={m} style={{ flexDirection: "row", marginBottom: 1 }} wrap={false}>
                    <Text style={{ width: 14 }}>{b.ordered ? `${m + 1}.` : "•"}</Text>
                    <Text style={{ flex: 1 }}>
                      <Inlines inlines={item} />
                    </Text>
                  </View>
                ))}
              </View>
            );
          case "code":
            return (
              <Text key={n} style={[s.para, MONO, { fontSize: 8 }]}>
                {b.text}
              </Text>
            );
          case "table":
            return <Table key={n} columns={b.header.map((h) => ({ title: plainText(h), width: 0, grow: true }))} rows={b.rows.map((r) => b.header.map((_, j) => plainText(r[j] ?? [])))} />;
        }
      })}
    </View>
  );
}
