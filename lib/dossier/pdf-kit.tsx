// Building blocks shared by the two PDF documents: styles, the incomplete banner, the footer, headed
// blocks, key/value lists and simple tables. Pure React-PDF components, no data access.
import type { ReactNode } from "react";
import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { PDF_FONT_FAMILY } from "./pdf-fonts";

export const INCOMPLETE_BANNER = "INCOMPLETE — not audit-ready";
export const NOT_DOCUMENTED = "Not documented";

export const colors = { fg: "#16202c", muted: "#5b6776", line: "#d9dee5", head: "#eef1f5", danger: "#a4161a", dangerBg: "#fbe0e0", warn: "#8a5a00", ok: "#1b6e3a", accent: "#1f4e8c" };

export const s = StyleSheet.create({
  page: { fontFamily: PDF_FONT_FAMILY, fontSize: 9, color: colors.fg, paddingTop: 54, paddingBottom: 48, paddingHorizontal: 40, lineHeight: 1.35 },
  banner: {
    position: "absolute",
    top: 16,
    left: 40,
    right: 40,
    backgroundColor: colors.dangerBg,
    color: colors.danger,
    fontWeight: 700,
    fontSize: 10,
    lineHeight: 1.3,
    paddingVertical: 4,
    paddingHorizontal: 8,
    textAlign: "center",
  },
  header: { position: "absolute", top: 22, left: 40, right: 40, fontSize: 7.5, color: colors.muted },
  footer: { position: "absolute", bottom: 20, left: 40, right: 40, fontSize: 7, color: colors.muted, flexDirection: "row", justifyContent: "space-between" },
  // a unitless lineHeight is resolved against the page's font size and inherited as points, so
  // every larger text sets its own
  title: { fontSize: 20, lineHeight: 1.25, fontWeight: 700, marginBottom: 4 },
  subtitle: { fontSize: 11, lineHeight: 1.3, color: colors.muted, marginBottom: 16 },
  h1: { fontSize: 13, lineHeight: 1.3, fontWeight: 700, marginTop: 14, marginBottom: 2, color: colors.accent },
  article: { fontSize: 8, color: colors.muted, marginBottom: 6 },
  h2: { fontSize: 10.5, lineHeight: 1.3, fontWeight: 600, marginTop: 8, marginBottom: 4 },
  para: { marginBottom: 4 },
  muted: { color: colors.muted },
  notDocumented: { color: colors.danger, fontStyle: "italic", marginBottom: 4 },
  kvRow: { flexDirection: "row", marginBottom: 2 },
  kvKey: { width: 150, color: colors.muted },
  kvValue: { flex: 1 },
  table: { borderTopWidth: 0.5, borderTopColor: colors.line, marginBottom: 8 },
  th: { flexDirection: "row", backgroundColor: colors.head, fontWeight: 600, fontSize: 7.5 },
  tr: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: colors.line, fontSize: 7.5 },
  cell: { paddingVertical: 2, paddingHorizontal: 3 },
  box: { borderWidth: 1, borderColor: colors.danger, backgroundColor: colors.dangerBg, padding: 6, marginVertical: 6 },
  note: { fontSize: 7.5, color: colors.muted, marginTop: 2, marginBottom: 6 },
  bold: { fontWeight: 700 },
  danger: { color: colors.danger, fontWeight: 600 },
  ok: { color: colors.ok, fontWeight: 600 },
});

/** On every page of an incomplete document (a `fixed` element repeats on each page). */
export function IncompleteBanner({ detail }: { detail: string }) {
  return (
    <Text fixed style={s.banner}>
      {`${INCOMPLETE_BANNER} · ${detail}`}
    </Text>
  );
}

export function RunningHeader({ text }: { text: string }) {
  return (
    <Text fixed style={s.header}>
      {text}
    </Text>
  );
}

/**
 * The footer's text. "Page X of Y" is not laid out here: a render-prop Text would make react-pdf lay out
 * every page again (and its fixed footer then vanished); render-document.tsx has pdfkit draw it into the
 * space this footer leaves at its right (FOOTER_PAGE_NUMBERS), once the total is known.
 */
export function Footer({ left, withPageNumbers }: { left: string; withPageNumbers: boolean }) {
  return (
    <View fixed style={withPageNumbers ? [s.footer, { right: FOOTER_PAGE_NUMBERS.right + FOOTER_PAGE_NUMBERS.width }] : s.footer}>
      <Text>{left}</Text>
    </View>
  );
}

/** "Page X of Y" in the footer's line: its font size, colour and place (pdf-engine-patches.ts draws it). */
export const FOOTER_PAGE_NUMBERS = { fontSize: 7, color: colors.muted, right: 40, bottom: 20, lineHeight: 9 * 1.35, width: 60 } as const;

export function Heading({ children, article, id, breakBefore = false }: { children: string; article?: string; id?: string; breakBefore?: boolean }) {
  return (
    <View break={breakBefore} id={id} minPresenceAhead={60}>
      <Text style={s.h1}>{children}</Text>
      {article ? <Text style={s.article}>{article}</Text> : null}
    </View>
  );
}

export const Sub = ({ children }: { children: string }) => (
  <Text style={s.h2} minPresenceAhead={30}>
    {children}
  </Text>
);

const blank = (v: string | null | undefined) => v === null || v === undefined || v.trim() === "";

/** A recorded text, or "Not documented" — an empty field never just vanishes. */
export function Recorded({ value, what }: { value: string | null | undefined; what?: string }) {
  if (blank(value)) return <Text style={s.notDocumented}>{what ? `${what}: ${NOT_DOCUMENTED}` : NOT_DOCUMENTED}</Text>;
  return <Text style={s.para}>{value}</Text>;
}

export function KeyValues({ rows }: { rows: Array<[string, string | null | undefined]> }) {
  return (
    <View style={{ marginBottom: 6 }}>
      {rows.map(([k, v]) => (
        <View key={k} style={s.kvRow} wrap={false}>
          <Text style={s.kvKey}>{k}</Text>
          <Text style={[s.kvValue, blank(v) ? s.notDocumented : {}]}>{blank(v) ? NOT_DOCUMENTED : v}</Text>
        </View>
      ))}
    </View>
  );
}

export type Column = { title: string; width: number | string; grow?: boolean };

const cellStyle = (c: Column) => [s.cell, c.grow ? { flex: 1 } : { width: c.width }];

export function Table({ columns, rows, empty }: { columns: Column[]; rows: Array<Array<ReactNode>>; empty?: string }) {
  if (rows.length === 0) return <Text style={s.notDocumented}>{empty ?? NOT_DOCUMENTED}</Text>;
  return (
    <View style={s.table}>
      <View style={s.th} fixed={false} wrap={false}>
        {columns.map((c, j) => (
          <Text key={`${j}-${c.title}`} style={cellStyle(c)}>
            {c.title}
          </Text>
        ))}
      </View>
      {rows.map((r, i) => (
        <View key={i} style={s.tr} wrap={false}>
          {r.map((value, j) => {
            const column = columns[j];
            if (!column) return null;
            return (
              <Text key={j} style={cellStyle(column)}>
                {value}
              </Text>
            );
          })}
        </View>
      ))}
    </View>
  );
}

export const isoDay = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : "—");
export const isoMinute = (iso: string | null | undefined) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");
export const num = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? "—" : v.toFixed(digits));
