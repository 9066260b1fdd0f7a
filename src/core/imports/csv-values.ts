// Cell conventions shared by every CSV format: lists are separated by ";", money is written in
// major units ("1200.50", as people type it in a spreadsheet), empty cells mean "not given".

export const LIST_SEPARATOR = ";";

export const splitList = (cell: string): string[] =>
  cell
    .split(LIST_SEPARATOR)
    .map((part) => part.trim())
    .filter((part) => part !== "");

export const joinList = (values: readonly string[]): string => values.join(`${LIST_SEPARATOR} `);

const minorDigitsCache = new Map<string, number>();

/** Decimal places of a currency's minor unit (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

/** "1200.5" EUR → 120050. Returns an error message for anything that is not a plain amount. */
export function majorToMinor(cell: string, currency: string): number | string {
  const digits = minorDigits(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(cell.trim());
  if (!match) return `must be an amount like 1200.50 (digits and a dot, no thousands separators)`;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return `${currency} has ${digits} decimal place${digits === 1 ? "" : "s"}`;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

export function minorToMajor(amount: number | null, currency: string): string {
  if (amount === null) return "";
  const digits = minorDigits(currency);
  if (digits === 0) return String(amount);
  const whole = Math.floor(amount / 10 ** digits);
  const fraction = String(amount % 10 ** digits).padStart(digits, "0");
  return `${whole}.${fraction}`;
}

export function parseInteger(cell: string): number | string {
  return /^-?\d{1,15}$/.test(cell.trim()) ? Number(cell.trim()) : "must be a whole number";
}

/** Header cells are matched loosely: "Manager Email", "manager_email" and "managerEmail" are one column. */
export const normalizeHeader = (header: string): string => header.toLowerCase().replace(/[^a-z0-9.]/g, "");

/** Reports a problem with one cell of the row being read. */
export type CellIssue = (column: string, message: string) => void;

/** An optional whole-number cell; undefined when empty or invalid (the issue is reported). */
export function integerCell(cell: string | undefined, column: string, issue: CellIssue): number | undefined {
  if (!cell) return undefined;
  const value = parseInteger(cell);
  if (typeof value === "string") issue(column, value);
  return typeof value === "number" ? value : undefined;
}

/** An optional money cell in major units → minor units; null when empty or invalid. */
export function moneyCell(
  cell: string | undefined,
  column: string,
  currency: string,
  issue: CellIssue,
): number | null {
  if (!cell) return null;
  const amount = majorToMinor(cell, currency);
  if (typeof amount === "string") issue(column, amount);
  return typeof amount === "number" ? amount : null;
}
