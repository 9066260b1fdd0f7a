import { AppError } from "../errors.js";

// Cursors are opaque to clients: today the base64url of the last id (ids are UUIDv7, so id
// order is creation order); the encoding leaves room to change without breaking clients.

export const encodeCursor = (lastId: string): string => Buffer.from(lastId, "utf8").toString("base64url");

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[0-9a-f-]{36}$/.test(decoded)) {
    throw new AppError("bad_request", "cursor: is not a cursor returned by this API", {
      errors: [
        {
          path: "cursor",
          in: "query",
          message: "is not a cursor returned by this API",
          code: "invalid_cursor",
        },
      ],
    });
  }
  return decoded;
}

/** Takes a page fetched with limit + 1 rows and builds {items, nextCursor}. */
export function toPage<T extends { id: string }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
