// The CSV reader against its own writer: any table of cells written with csvCell reads back as the
// same cells, whatever quotes, commas and line breaks the cells hold (the parser slices text between
// delimiters, so a wrong index or a missed line break shows up here).
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { csvCell, parseCsv, CsvSyntaxError } from "../../../lib/imports/csv";

const cell = fc.string({ unit: fc.constantFrom('"', ",", "\r", "\n", "\r\n", "a", "é", " ", "x y"), maxLength: 12 });

describe("parseCsv", () => {
  test("reads back what csvCell wrote, with the line each record starts on", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.constantFrom("\n", "\r\n"), (table, eol) => {
        const width = table[0]!.length;
        const rows = table.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? "x"));
        const header = Array.from({ length: width }, (_, i) => `c${i}`);
        const text = [header, ...rows].map((r) => r.map(csvCell).join(",")).join(eol);
        const parsed = parseCsv(text);
        expect(parsed.header).toEqual(header);
        expect(parsed.rows.map((r) => r.cells)).toEqual(rows);
        let line = 2;
        for (const [i, r] of parsed.rows.entries()) {
          expect(r.line).toBe(line);
          line += 1 + rows[i]!.join(",").split("\n").length - 1;
        }
      }),
      { numRuns: 2000 },
    );
  });

  test("names the line of an unclosed quote and of a stray quote", () => {
    expect(() => parseCsv('key,name\na,"open\n\nmore')).toThrow(new CsvSyntaxError(2, "a quoted field is not closed."));
    expect(() => parseCsv('key,name\na,"x\ny"\nc,d"e')).toThrow(/^Line 4: a quote inside an unquoted field/);
  });
});
