import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ migrated: false });
  await db.sql.exec("CREATE TABLE copy_target (id int PRIMARY KEY, note text)");
});
afterAll(() => db?.destroy());

const count = async () => (await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM copy_target"))[0]!.n;
const COPY = "COPY copy_target (id, note) FROM STDIN WITH (FORMAT csv)";
// Enough text that PGlite's writer runs more than one COPY (it flushes every 4 MB) and PostgreSQL's stream fills up.
const bigChunk = (from: number, rows: number) =>
  Array.from({ length: rows }, (_, i) => `${from + i},"${"x".repeat(200)}, with a comma"\n`).join("");

describe("SqlDriver.copyIn", () => {
  it("stores what is written, across many chunks, when it ends", async () => {
    await db.sql.transaction(async (tx) => {
      const copy = tx.copyIn(COPY);
      for (let i = 0; i < 30; i++) await copy.write(bigChunk(i * 1000, 1000));
      await copy.end();
    });
    expect(await count()).toBe(30_000);
    await db.sql.exec("TRUNCATE copy_target");
  });

  it("cancels the COPY on abort so the transaction rolls back and the connection stays usable", async () => {
    await expect(
      db.sql.transaction(async (tx) => {
        const copy = tx.copyIn(COPY);
        await copy.write(bigChunk(0, 100));
        await copy.abort(new Error("stopped by the user"));
        throw new Error("stopped by the user");
      }),
    ).rejects.toThrow("stopped by the user");
    expect(await count()).toBe(0);
  });

  it("rejects end() with the database's error for bad text, and nothing is stored", async () => {
    await expect(
      db.sql.transaction(async (tx) => {
        const copy = tx.copyIn(COPY);
        await copy.write("1,ok\nnot-a-number,bad\n");
        await copy.end();
      }),
    ).rejects.toThrow(/invalid input syntax for type integer/);
    expect(await count()).toBe(0);
    // The connection is usable again, also for a COPY outside a transaction (PostgreSQL takes a pooled connection).
    await db.sql.copyFrom(COPY, ["7,after\n"]);
    expect(await count()).toBe(1);
  });
});
