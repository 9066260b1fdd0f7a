import { expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/app.js";
import { cachedQuery } from "./compiled-query.js";
import type { Executor } from "./database.js";

const byName = cachedQuery((db: Executor, slugs: string[], name: string | null) => {
  const query = db.selectFrom("tenants").select(["slug", "name"]).where("slug", "in", slugs).orderBy("slug");
  return name ? query.where("name", "=", name) : query;
});

describeEachDatabase("cachedQuery", (context) => {
  it("binds each call's values into the SQL compiled for its shape", async () => {
    const { db } = context().core.database;
    const slugs = (rows: { slug: string }[]) => rows.map((row) => row.slug);
    expect(slugs(await byName(db, ["tenant-a"], null))).toEqual(["tenant-a"]);
    // Same shape, other values: the template is reused with the new ones.
    expect(slugs(await byName(db, ["tenant-b"], null))).toEqual(["tenant-b"]);
    // A longer list and a non-null filter are other shapes.
    expect(slugs(await byName(db, ["tenant-a", "tenant-b", "nobody"], null))).toEqual([
      "tenant-a",
      "tenant-b",
    ]);
    expect(slugs(await byName(db, ["tenant-a", "tenant-b"], "Tenant tenant-b"))).toEqual(["tenant-b"]);
    expect(await byName(db, ["tenant-a", "tenant-b"], "Tenant nobody")).toEqual([]);
    expect(slugs(await byName(db, ["tenant-b", "tenant-a"], null))).toEqual(["tenant-a", "tenant-b"]);
  });

  it("works inside a transaction of the same database", async () => {
    const { db } = context().core.database;
    const rows = await db.transaction().execute((trx) => byName(trx, ["tenant-a"], "Tenant tenant-a"));
    expect(rows).toEqual([{ slug: "tenant-a", name: "Tenant tenant-a" }]);
  });

  it("refuses a builder that computes with an argument instead of binding it", async () => {
    const { db } = context().core.database;
    const computing = cachedQuery((db: Executor, count: number) =>
      db
        .selectFrom("tenants")
        .select("slug")
        .limit(count + 1),
    );
    await expect(computing(db, 1)).rejects.toThrow(/computed with an argument/);
  });
});
