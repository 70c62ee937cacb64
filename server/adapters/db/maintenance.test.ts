import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp } from "../../auth/users.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { scheduleVacuum, vacuumUpdatedTables } from "./maintenance.ts";

let db: TestDatabase;
const threads: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const user = await signUp(db, { email: "vacuum@example.com", password: "long enough pw" });
  for (let i = 0; i < 20; i++) {
    threads.push((await db.prisma.conversationThread.create({ data: { userId: user.id, title: `Thread ${i} about the bill` } })).id);
  }
});
afterAll(() => db?.destroy());

const threadsBytes = async () =>
  Number((await db.sql.query<{ bytes: string }>(`SELECT pg_total_relation_size('conversation_threads')::text AS bytes`))[0]!.bytes);

/** What every message does to its thread (the touch trigger): a new row version and new index entries. */
async function touchThreads(times: number) {
  for (let i = 0; i < times; i++) {
    await db.sql.query(`UPDATE conversation_threads SET updated_at = clock_timestamp() WHERE id = $1`, [threads[i % threads.length]]);
  }
}

/** The size of the threads table (with its indexes) after each of a few rounds of updates. */
async function sizesOverRounds(afterEachRound: () => Promise<void>) {
  const sizes: number[] = [];
  for (let round = 0; round < 4; round++) {
    await touchThreads(600);
    await afterEachRound();
    sizes.push(await threadsBytes());
  }
  return sizes;
}

describe("vacuuming the tables updated in place", () => {
  it("stops a table that is updated over and over from growing, where without it every update adds to it", async () => {
    // PostgreSQL's autovacuum must not step in while the unvacuumed rounds run (PGlite has none).
    await db.sql.exec(`ALTER TABLE conversation_threads SET (autovacuum_enabled = false)`);
    const unvacuumed = await sizesOverRounds(async () => undefined);
    // Without vacuum each round adds to the files.
    expect(unvacuumed[3]!).toBeGreaterThan(unvacuumed[1]!);

    await vacuumUpdatedTables(db);
    const vacuumed = await sizesOverRounds(() => vacuumUpdatedTables(db));
    const growth = vacuumed[3]! - vacuumed[1]!;
    expect(growth).toBeLessThan((unvacuumed[3]! - unvacuumed[1]!) / 4);
  });

  it("is scheduled on PGlite, which has no autovacuum, and left to autovacuum on PostgreSQL", async () => {
    const errors: unknown[] = [];
    const schedule = scheduleVacuum(db, { intervalMs: 50, onError: (error) => errors.push(error) });
    try {
      if (db.kind === "postgres") {
        expect(schedule).toBeNull();
        return;
      }
      expect(schedule).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 120));
      const before = await threadsBytes();
      for (let round = 0; round < 3; round++) {
        await touchThreads(600);
        await new Promise((resolve) => setTimeout(resolve, 120)); // a scheduled vacuum runs in between
      }
      expect(await threadsBytes()).toBeLessThan(before * 1.25);
      expect(errors).toEqual([]);
    } finally {
      schedule?.stop();
    }
  });
});
