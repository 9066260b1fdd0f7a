import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, readCsv } from "./csv-reader.js";

const cells = (text: string) => readCsv(text).map((record) => record.cells);

describe("readCsv", () => {
  it("reads quoted cells, doubled quotes, line breaks in quotes, CRLF, a BOM, and skips blank lines", () => {
    const text = '\uFEFFname,notes\r\n"Smith, Jane","said ""hi""\nthen left"\r\n\r\nBob,\n';
    expect(readCsv(text)).toEqual([
      { cells: ["name", "notes"], line: 1 },
      { cells: ["Smith, Jane", 'said "hi"\nthen left'], line: 2 },
      { cells: ["Bob", ""], line: 5 },
    ]);
  });

  it("keeps empty cells and a last line without newline", () => {
    expect(cells("a,,c\n,,\nx")).toEqual([["a", "", "c"], ["", "", ""], ["x"]]);
  });

  it("reports broken quoting with the line", () => {
    expect(() => readCsv('a\n"open,b\n')).toThrow(CsvSyntaxError);
    expect(() => readCsv('a\n"x"y,b')).toThrow(/after a closing quote/);
    try {
      readCsv('h\nok\nbad"quote');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(3);
    }
  });

  it("reads back whatever csv-stringify writes", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r\n", "é", "x") });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 10 }),
        (table) => {
          // Rows of only empty cells are blank lines to a spreadsheet; give each row a marker.
          const rows = table.map((row) => ["k", ...row]);
          expect(cells(stringify(rows))).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});
