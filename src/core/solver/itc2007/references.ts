/** Published results for one ITC2007 Track 3 instance; null where the table has no figure. */
export interface ItcReference {
  /** Best known soft cost (Best-2013 column). */
  best2013: number | null;
  /** The ITC2007 winner's best of 10 runs in the finals (ITC-final-M column). */
  finalM: number | null;
  /** The winner's submitted competition result (ITC-sub column). */
  submitted: number | null;
}

const COLUMNS: [keyof ItcReference, RegExp][] = [
  ["best2013", /^best/i],
  ["finalM", /^itc-final-m$/i],
  ["submitted", /^itc-sub$/i],
];

/**
 * Reads the reference tables of a REFERENCE_RESULTS.md: every Markdown table whose header names a
 * column above, one row per instance. Columns are found by their header, so tables that add,
 * drop or reorder columns still read, and a row with "–" in one column (an instance the winner
 * did not submit) keeps the figures it has.
 */
export function parseReferenceResults(markdown: string): Map<string, ItcReference> {
  const references = new Map<string, ItcReference>();
  let columns: Map<keyof ItcReference, number> | null = null;
  for (const line of markdown.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed.startsWith("|")) {
      columns = null;
      continue;
    }
    const cells = trimmed
      .replace(/^\||\|$/g, "")
      .split("|")
      .map((cell) => cell.trim());
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    if (columns === null) {
      // The first row of a table is its header.
      columns = new Map();
      for (const [key, pattern] of COLUMNS) {
        const index = cells.findIndex((cell) => pattern.test(cell));
        if (index > 0) columns.set(key, index);
      }
      continue;
    }
    const name = cells[0];
    if (!name || columns.size === 0) continue;
    const number = (key: keyof ItcReference) => {
      const index = columns?.get(key);
      const cell = index === undefined ? undefined : cells[index];
      return cell !== undefined && /^\d+(\.\d+)?$/.test(cell) ? Number(cell) : null;
    };
    const row: ItcReference = {
      best2013: number("best2013"),
      finalM: number("finalM"),
      submitted: number("submitted"),
    };
    if (row.best2013 === null && row.finalM === null && row.submitted === null) continue;
    const known = references.get(name);
    references.set(
      name,
      known
        ? {
            best2013: row.best2013 ?? known.best2013,
            finalM: row.finalM ?? known.finalM,
            submitted: row.submitted ?? known.submitted,
          }
        : row,
    );
  }
  return references;
}
