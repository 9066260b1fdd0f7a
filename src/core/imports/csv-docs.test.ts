import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { csvFormats } from "./formats/index.js";

// docs/CSV.md is what people import by; it must describe every column the code reads.
describe("docs/CSV.md", () => {
  // Table cells may be padded by a formatter: compare with runs of blanks collapsed.
  const docs = readFileSync(new URL("../../../docs/CSV.md", import.meta.url), "utf8").replace(/ +/g, " ");
  for (const [entity, format] of Object.entries(csvFormats)) {
    it(`documents every ${entity} column`, () => {
      for (const column of format.columns) {
        expect(docs, `${entity}.${column.header}`).toContain(
          `| \`${column.header}\` | ${column.required ? "yes " : ""}|`,
        );
      }
    });
  }
});
