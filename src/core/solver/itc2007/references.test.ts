import { describe, expect, it } from "vitest";
import { parseReferenceResults } from "./references.js";

describe("ITC2007 reference results", () => {
  it("reads the figures of each instance by column header, keeping rows with missing cells", () => {
    const markdown = [
      "# Reference results",
      "",
      "| inst | ITC-sub | ITC-final-M | ITC-final-Lu | Best-2013 |",
      "|---|---|---|---|---|",
      "| comp01 | 5 | 5 | 5 | 5 |",
      "| comp15 | – | 84 | 82 | 66 |",
      "| comp16 | - | - | 40 | 18 |",
      "| comp99 | – | – | 7 | – |",
      "",
      "Breakdown of comp01: RoomCapacity 4 | not a table row",
    ].join("\n");
    const references = parseReferenceResults(markdown);
    expect(Object.fromEntries(references)).toEqual({
      comp01: { submitted: 5, finalM: 5, best2013: 5 },
      comp15: { submitted: null, finalM: 84, best2013: 66 },
      comp16: { submitted: null, finalM: null, best2013: 18 },
    });
  });

  it("follows the columns wherever a table puts them, and merges tables on the instance", () => {
    const markdown = [
      "| instance | Best-2013 | notes |",
      "| :--- | ---: | --- |",
      "| comp08 | 37 | late instance |",
      "",
      "| instance | ITC-final-M |",
      "|---|---|",
      "| comp08 | 41 |",
    ].join("\n");
    expect(parseReferenceResults(markdown).get("comp08")).toEqual({
      best2013: 37,
      finalM: 41,
      submitted: null,
    });
  });

  it("reads nothing from a file without such a table", () => {
    expect(parseReferenceResults("no tables here\n| a | b |\n|---|---|\n| 1 | 2 |").size).toBe(0);
  });
});
