// The inventory audit report as a React-PDF document: a summary page, the table of all production models
// with their flags, then one entry per undocumented model with its owners and missing items. Pure.
//
// Speed: react-pdf re-lays out the remainder of a page each time it splits one, which made a 1,000-model
// report several times slower than its content warrants. So the table and the entries are cut into
// pages here, with a conservative height estimate; a page that still overflows is continued by react-pdf
// (nothing is clipped), it is only slower. No "page X of Y" render callbacks for the same reason.
import { Document, Page, Text, View } from "@react-pdf/renderer";
import { MONITORING_STATUSES } from "../compliance";
import { RISK_CLASS_LABELS } from "../labels";
import { FLAG_LABELS_SHORT } from "./report-flags";
import { Footer, Heading, IncompleteBanner, KeyValues, RunningHeader, Sub, Table, colors, isoMinute, s } from "./pdf-kit";
import type { InventoryModelRow, InventoryReportData } from "./types";

/** Landscape A4 height in points inside the page's padding (50 + 40; header and footer are absolute). */
const PAGE_BODY_HEIGHT = 595 - 50 - 40;
/**
 * One text line: the page's unitless lineHeight (1.35) is resolved against its 9 pt font and inherited
 * in points, so the 7.5 pt table and item text has 12.15 pt lines too. Estimates that were lower than
 * the real heights overflowed one page in four of a 1,000-model report, and every overflow costs
 * react-pdf a re-layout of the page's remainder (plus an extra page).
 */
const LINE_HEIGHT = 9 * 1.35;
/** a table row: its lines, 2 × 2 pt cell padding and the 0.5 pt rule */
const rowHeight = (lines: number) => lines * LINE_HEIGHT + 4.5;
/** the page's h2 title (10.5 pt × 1.3 + margins) and the table's header row, with a little slack */
const TABLE_BODY_HEIGHT = PAGE_BODY_HEIGHT - 26 - rowHeight(1) - 8;
/** an entry's three header lines and its bottom margin */
const ENTRY_HEADER_HEIGHT = 3 * LINE_HEIGHT + 7;
const ENTRIES_BODY_HEIGHT = PAGE_BODY_HEIGHT - 26 - 8;
/** characters of a missing-item line that fit on one line at 7.5 pt across the landscape page, conservatively */
const ITEM_CHARS_PER_LINE = 170;

const TABLE_COLUMNS = [
  { title: "Model key", width: 195 },
  { title: "Name", width: 170 },
  { title: "Business unit", width: 64 },
  { title: "Risk class", width: 56 },
  { title: "Score", width: 30 },
  { title: "Documentation", width: 72 },
  { title: "Monitoring", width: 64 },
  { title: "Flags", width: 0, grow: true },
] as const;

const rowText = (name: string, width: number) => Math.max(1, Math.ceil((name.length * 4.1) / Math.max(40, width - 6)));

/** Rows per table page, estimating how many lines each row's longest cell wraps to. */
export function paginateTable(models: readonly InventoryModelRow[], budget = TABLE_BODY_HEIGHT): InventoryModelRow[][] {
  const pages: InventoryModelRow[][] = [];
  let current: InventoryModelRow[] = [];
  let used = 0;
  for (const m of models) {
    const lines = Math.max(rowText(m.key, 195), rowText(m.name, 170), rowText(m.businessUnit ?? "", 64), rowText(flagText(m), 110));
    const height = rowHeight(lines);
    if (current.length > 0 && used + height > budget) {
      pages.push(current);
      current = [];
      used = 0;
    }
    current.push(m);
    used += height;
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

const itemLine = (i: InventoryModelRow["missing"][number]) => `${i.status === "stale" ? "STALE" : "MISSING"} · ${i.title} (${i.article})${i.mandatory ? "" : " [recommended]"} — ${i.reason}`;

function entryHeight(m: InventoryModelRow): number {
  let lines = 0;
  for (const item of m.missing) lines += Math.max(1, Math.ceil(itemLine(item).length / ITEM_CHARS_PER_LINE));
  return ENTRY_HEADER_HEIGHT + lines * LINE_HEIGHT;
}

export function paginateEntries(models: readonly InventoryModelRow[]): InventoryModelRow[][] {
  const pages: InventoryModelRow[][] = [];
  let current: InventoryModelRow[] = [];
  let used = 0;
  for (const m of models) {
    const height = entryHeight(m);
    if (current.length > 0 && used + height > ENTRIES_BODY_HEIGHT) {
      pages.push(current);
      current = [];
      used = 0;
    }
    current.push(m);
    used += height;
  }
  if (current.length > 0) pages.push(current);
  return pages;
}

const flagText = (m: InventoryModelRow) => m.flags.map((f) => FLAG_LABELS_SHORT[f] ?? f).join(", ");
const owner = (p: InventoryModelRow["businessOwner"]) => (p ? `${p.name}${p.email ? ` <${p.email}>` : ""}` : "NONE");

function filterText(data: InventoryReportData): string {
  const f = data.filters;
  const parts = [
    f.businessUnit ? `business unit "${f.businessUnit}"` : null,
    f.riskClass ? `risk class ${RISK_CLASS_LABELS[f.riskClass]}` : null,
    f.undocumentedOnly ? "undocumented models only" : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "none (whole inventory)";
}

function Summary({ data }: { data: InventoryReportData }) {
  const sum = data.summary;
  const prohibited = data.models.filter((m) => m.flags.includes("PROHIBITED"));
  return (
    <View>
      <Text style={s.subtitle}>Inventory audit report · EU AI Act documentation coverage</Text>
      <Text style={[s.title, { fontSize: 17, lineHeight: 1.25 }]}>{`${sum.productionModels} production models: ${sum.documented} documented, ${sum.undocumented} undocumented`}</Text>
      <Text
        style={s.subtitle}
      >{`${sum.documentedPercent.toFixed(1)} % documented · mean completeness score ${sum.meanScore.toFixed(1)} / 100 · ${sum.prohibitedFindings} prohibited practice(s) in production`}</Text>
      <View style={{ flexDirection: "row", gap: 24 }}>
        <View style={{ width: 360 }}>
          <KeyValues
            rows={[
              ["Filters", filterText(data)],
              ["Evaluated as of", isoMinute(data.asOf)],
              ["Generated by", `${data.issuance.generatedBy.name} (${data.issuance.generatedBy.role})`],
              ["Dossier record", data.issuance.recordId],
            ]}
          />
          <View style={[s.kvRow, { marginTop: -4, marginBottom: 6 }]}>
            <Text style={[s.kvKey, { width: 80 }]}>Content SHA-256</Text>
            <Text style={{ fontSize: 7.5, flex: 1 }}>{data.issuance.contentSha256}</Text>
          </View>
          <Text style={s.note}>
            {`A file cannot contain its own hash: "Content SHA-256" is the hash of this report's data (the canonical JSON of ?format=json without ` +
              `its issuance block); the SHA-256 of this PDF file is stored in the record above and can be checked at /reports/verify. "Undocumented": a ` +
              `production model with a mandatory item missing or stale, unclassified, or without an accountable owner (docs/compliance-engine.md).`}
          </Text>
          <Sub>Monitoring health (production models)</Sub>
          <Table
            columns={[
              { title: "Status", width: 120 },
              { title: "Models", width: 0, grow: true },
            ]}
            rows={MONITORING_STATUSES.map((st) => [st, String(sum.byMonitoringStatus.find((r) => r.status === st)?.count ?? 0)])}
          />
          <Sub>Prohibited practices in production</Sub>
          {prohibited.length === 0 ? (
            <Text style={s.muted}>{sum.prohibitedFindings === 0 ? "None." : `${sum.prohibitedFindings} (not in the filtered list).`}</Text>
          ) : (
            prohibited.map((m) => <Text key={m.key} style={s.danger}>{`PROHIBITED: ${m.key} — ${m.name} (${m.businessUnit ?? "no business unit"}): withdraw from service (Art. 5).`}</Text>)
          )}
        </View>
        <View style={{ flex: 1 }}>
          <Sub>By risk class</Sub>
          <Table
            columns={[
              { title: "Risk class", width: 130 },
              { title: "Production", width: 55 },
              { title: "Documented", width: 55 },
              { title: "Undocumented", width: 0, grow: true },
            ]}
            rows={sum.byRiskClass.map((r) => [RISK_CLASS_LABELS[r.name as keyof typeof RISK_CLASS_LABELS] ?? r.name, String(r.production), String(r.documented), String(r.undocumented)])}
            empty="No production models match the filters."
          />
          <Sub>By business unit</Sub>
          <Table
            columns={[
              { title: "Business unit", width: 130 },
              { title: "Production", width: 55 },
              { title: "Documented", width: 55 },
              { title: "Undocumented", width: 0, grow: true },
            ]}
            rows={sum.byBusinessUnit.map((r) => [r.name, String(r.production), String(r.documented), String(r.undocumented)])}
            empty="No production models match the filters."
          />
        </View>
      </View>
    </View>
  );
}

function ModelTablePage({ rows, title }: { rows: InventoryModelRow[]; title: string }) {
  return (
    <View>
      <Text style={[s.h2, { color: colors.accent }]}>{title}</Text>
      <View style={s.table}>
        <View style={s.th}>
          {TABLE_COLUMNS.map((c) => (
            <Text key={c.title} style={[s.cell, "grow" in c ? { flex: 1 } : { width: c.width }]}>
              {c.title}
            </Text>
          ))}
        </View>
        {rows.map((m) => (
          <View key={m.key} style={s.tr} wrap={false}>
            <Text style={[s.cell, { width: 195 }]}>{m.key}</Text>
            <Text style={[s.cell, { width: 170 }]}>{m.name}</Text>
            <Text style={[s.cell, { width: 64 }]}>{m.businessUnit ?? "—"}</Text>
            <Text style={[s.cell, { width: 56 }, m.riskClass === "PROHIBITED" ? s.danger : {}]}>{m.riskClass}</Text>
            <Text style={[s.cell, { width: 30 }]}>{m.completeness.toFixed(1)}</Text>
            <Text style={[s.cell, { width: 72 }, m.undocumented ? s.danger : {}]}>{m.undocumented ? "UNDOCUMENTED" : "documented"}</Text>
            <Text style={[s.cell, { width: 64 }]}>{m.monitoringStatus}</Text>
            <Text style={[s.cell, { flex: 1 }]}>{flagText(m)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function Entry({ m }: { m: InventoryModelRow }) {
  return (
    <View style={{ marginBottom: 7 }} wrap={false}>
      <Text style={s.bold}>{`${m.key} — ${m.name}`}</Text>
      <Text
        style={s.muted}
      >{`${m.businessUnit ?? "no business unit"} · ${m.riskClass} · score ${m.completeness.toFixed(1)} · monitoring ${m.monitoringStatus}${m.flags.length ? ` · ${flagText(m)}` : ""}`}</Text>
      <Text>{`Business owner: ${owner(m.businessOwner)} · Technical owner: ${owner(m.technicalOwner)}`}</Text>
      {/* one paragraph per entry, one span per item: far fewer layout nodes than a Text per item */}
      <Text style={{ fontSize: 7.5, marginLeft: 8 }}>
        {m.missing.map((item, i) => (
          <Text key={item.id} style={item.mandatory ? {} : { color: colors.muted }}>
            {`${i > 0 ? "\n" : ""}${itemLine(item)}`}
          </Text>
        ))}
      </Text>
    </View>
  );
}

export function InventoryReportDocument({ data }: { data: InventoryReportData }) {
  const undocumented = data.models.filter((m) => m.undocumented);
  const tablePages = paginateTable(data.models);
  const entryPages = paginateEntries(undocumented);
  const incomplete = data.summary.undocumented > 0;
  const chrome = (
    <>
      {incomplete ? (
        <IncompleteBanner detail={`${data.summary.undocumented} of ${data.summary.productionModels} production models undocumented`} />
      ) : (
        <RunningHeader text={`Dossier inventory audit report · ${isoMinute(data.issuance.generatedAt)}`} />
      )}
      <Footer left={`Inventory audit report · record ${data.issuance.recordId} · generated ${isoMinute(data.issuance.generatedAt)} by ${data.issuance.generatedBy.name}`} withPageNumbers={false} />
    </>
  );
  const pageStyle = [s.page, { paddingTop: 50, paddingBottom: 40 }];
  return (
    <Document
      title={`Inventory audit report (${data.summary.productionModels} production models, ${data.summary.undocumented} undocumented)`}
      author={`Dossier, generated by ${data.issuance.generatedBy.name}`}
      subject={`AI Act documentation coverage of the model inventory; filters: ${filterText(data)}; record ${data.issuance.recordId}`}
      keywords="dossier, inventory, audit, undocumented models"
      creator="Dossier"
      producer="Dossier (react-pdf)"
      language="en"
    >
      <Page size="A4" orientation="landscape" style={pageStyle}>
        {chrome}
        <Summary data={data} />
      </Page>
      {tablePages.length === 0 ? (
        <Page size="A4" orientation="landscape" style={pageStyle}>
          {chrome}
          <Heading>Production models</Heading>
          <Text style={s.notDocumented}>No production model matches the filters.</Text>
        </Page>
      ) : (
        tablePages.map((rows, i) => (
          <Page key={`t${i}`} size="A4" orientation="landscape" style={pageStyle}>
            {chrome}
            <ModelTablePage rows={rows} title={i === 0 ? `Production models (${data.models.length}${data.filters.undocumentedOnly ? ", undocumented only" : ""})` : "Production models (continued)"} />
          </Page>
        ))
      )}
      {entryPages.length === 0 ? (
        <Page size="A4" orientation="landscape" style={pageStyle}>
          {chrome}
          <Heading>Undocumented models</Heading>
          <Text style={s.ok}>No undocumented production model matches the filters.</Text>
        </Page>
      ) : (
        entryPages.map((entries, i) => (
          <Page key={`e${i}`} size="A4" orientation="landscape" style={pageStyle}>
            {chrome}
            <Text style={[s.h2, { color: colors.accent }]}>{i === 0 ? `Undocumented models (${undocumented.length}): owners and missing items` : "Undocumented models (continued)"}</Text>
            {entries.map((m) => (
              <Entry key={m.key} m={m} />
            ))}
          </Page>
        ))
      )}
    </Document>
  );
}
