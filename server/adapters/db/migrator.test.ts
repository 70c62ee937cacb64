import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { migrate, migrationStatus } from "./migrator.ts";

const MIGRATIONS_DIR = path.resolve("prisma/migrations");
const localMigrations = readdirSync(MIGRATIONS_DIR)
  .filter((name) => existsSync(path.join(MIGRATIONS_DIR, name, "migration.sql")))
  .sort();
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

interface PrismaMigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

async function migrationRows(db: TestDatabase) {
  return db.sql.query<PrismaMigrationRow>(`SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"`);
}

/** Everything in the public schema except Prisma's bookkeeping table and its own row type, index and array type. */
async function publicSchemaObjects(db: TestDatabase): Promise<string[]> {
  const rows = await db.sql.query<{ object: string }>(`
    SELECT 'relation ' || relname AS object FROM pg_class
     WHERE relnamespace = 'public'::regnamespace AND relname NOT IN ('_prisma_migrations', '_prisma_migrations_pkey')
    UNION ALL
    SELECT 'type ' || typname FROM pg_type
     WHERE typnamespace = 'public'::regnamespace AND typname NOT IN ('_prisma_migrations', '__prisma_migrations')
    UNION ALL
    SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace`);
  return rows.map((row) => row.object).sort();
}

describe("migrate against prisma/migrations", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterAll(() => db?.destroy());

  it("applies every migration from an empty database and records it as Prisma would", async () => {
    expect(localMigrations).toContain("20261122000000_init");
    expect(await migrationStatus(db.sql)).toMatchObject({ applied: [], pending: localMigrations });

    const result = await migrate(db.sql, { direction: "up" });

    expect(result).toEqual({ applied: localMigrations, rolledBack: [] });
    const rows = await migrationRows(db);
    expect(rows.map((row) => row.migration_name)).toEqual(localMigrations);
    for (const row of rows) {
      expect(row.checksum).toBe(sha256(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql")));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await migrationStatus(db.sql)).toEqual({
      applied: localMigrations,
      pending: [],
      modified: [],
      missingLocally: [],
    });
  });

  it("creates _prisma_migrations with the columns Prisma's schema engine expects", async () => {
    const columns = await db.sql.query(`
      SELECT column_name, format_type(a.atttypid, a.atttypmod) AS type, is_nullable, column_default
        FROM information_schema.columns c
        JOIN pg_attribute a ON a.attrelid = '"_prisma_migrations"'::regclass AND a.attname = c.column_name
       WHERE c.table_schema = 'public' AND c.table_name = '_prisma_migrations'
       ORDER BY c.ordinal_position`);
    expect(columns).toEqual([
      { column_name: "id", type: "character varying(36)", is_nullable: "NO", column_default: null },
      { column_name: "checksum", type: "character varying(64)", is_nullable: "NO", column_default: null },
      { column_name: "finished_at", type: "timestamp with time zone", is_nullable: "YES", column_default: null },
      { column_name: "migration_name", type: "character varying(255)", is_nullable: "NO", column_default: null },
      { column_name: "logs", type: "text", is_nullable: "YES", column_default: null },
      { column_name: "rolled_back_at", type: "timestamp with time zone", is_nullable: "YES", column_default: null },
      { column_name: "started_at", type: "timestamp with time zone", is_nullable: "NO", column_default: "now()" },
      { column_name: "applied_steps_count", type: "integer", is_nullable: "NO", column_default: "0" },
    ]);
  });

  it("does nothing when every migration is already applied", async () => {
    const before = await migrationRows(db);
    expect(await migrate(db.sql, { direction: "up" })).toEqual({ applied: [], rolledBack: [] });
    expect(await migrationRows(db)).toEqual(before);
  });

  it("refuses to run when an applied migration.sql no longer matches its recorded checksum", async () => {
    const [first] = localMigrations;
    await db.sql.query(`UPDATE "_prisma_migrations" SET "checksum" = $1 WHERE "migration_name" = $2`, [
      "0".repeat(64),
      first,
    ]);
    try {
      expect((await migrationStatus(db.sql)).modified).toEqual([first]);
      await expect(migrate(db.sql, { direction: "up" })).rejects.toThrow(`Migration ${first} was modified`);
      await expect(migrate(db.sql, { direction: "down" })).rejects.toThrow("checksum mismatch");
      expect((await migrationRows(db)).map((row) => row.migration_name)).toEqual(localMigrations);
    } finally {
      await db.sql.query(`UPDATE "_prisma_migrations" SET "checksum" = $1 WHERE "migration_name" = $2`, [
        sha256(path.join(MIGRATIONS_DIR, first, "migration.sql")),
        first,
      ]);
    }
  });

  it("rolls back one migration per step, newest first, down to an empty public schema", async () => {
    for (let remaining = localMigrations.length; remaining > 0; remaining--) {
      const newest = localMigrations[remaining - 1];
      expect(await migrate(db.sql, { direction: "down" })).toEqual({ applied: [], rolledBack: [newest] });
      expect((await migrationRows(db)).map((row) => row.migration_name)).toEqual(
        localMigrations.slice(0, remaining - 1),
      );
    }
    expect(await publicSchemaObjects(db)).toEqual([]);
    expect(await migrate(db.sql, { direction: "down" })).toEqual({ applied: [], rolledBack: [] });
  });

  it("migrates up again after a full rollback", async () => {
    expect((await migrate(db.sql, { direction: "up" })).applied).toEqual(localMigrations);
    const objects = await publicSchemaObjects(db);
    expect(objects).toEqual(expect.arrayContaining(["relation users", "type user_role", "function set_updated_at"]));
  });
});

describe("migrate with a scratch migrations directory", () => {
  let db: TestDatabase;
  let dir: string;
  const write = (name: string, up: string, down?: string) => {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, "migration.sql"), up);
    if (down !== undefined) writeFileSync(path.join(dir, name, "down.sql"), down);
  };

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
    // pg_sleep keeps the first run inside its transaction long enough for a concurrent run to collide with it.
    write("001_ledger", "CREATE TABLE ledger (id int PRIMARY KEY); SELECT pg_sleep(0.2);", "DROP TABLE ledger;");
    write("002_notes", "CREATE TABLE notes (id int PRIMARY KEY);", "DROP TABLE notes;");
  });
  afterAll(async () => {
    await db?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("lets only one of two concurrent runs apply each migration", async () => {
    const [a, b] = await Promise.all([
      migrate(db.sql, { direction: "up", migrationsDir: dir }),
      migrate(db.sql, { direction: "up", migrationsDir: dir }),
    ]);
    expect([...a.applied, ...b.applied].sort()).toEqual(["001_ledger", "002_notes"]);
    expect((await migrationRows(db)).map((row) => row.migration_name)).toEqual(["001_ledger", "002_notes"]);
  });

  it("rolls back as many migrations as --steps asks", async () => {
    expect(await migrate(db.sql, { direction: "down", steps: 2, migrationsDir: dir })).toEqual({
      applied: [],
      rolledBack: ["002_notes", "001_ledger"],
    });
    expect(await publicSchemaObjects(db)).toEqual([]);
  });

  it("applies at most --steps migrations going up", async () => {
    expect((await migrate(db.sql, { direction: "up", steps: 1, migrationsDir: dir })).applied).toEqual(["001_ledger"]);
    expect(await migrationStatus(db.sql, { migrationsDir: dir })).toMatchObject({
      applied: ["001_ledger"],
      pending: ["002_notes"],
    });
  });

  it("rolls back a failing migration entirely and records nothing for it", async () => {
    write("003_broken", "CREATE TABLE half_done (id int); SELECT 1 / 0;", "DROP TABLE half_done;");
    await expect(migrate(db.sql, { direction: "up", migrationsDir: dir })).rejects.toThrow(
      /Migration 003_broken failed and was rolled back: division by zero/,
    );
    expect((await migrationRows(db)).map((row) => row.migration_name)).toEqual(["001_ledger", "002_notes"]);
    const [{ exists }] = await db.sql.query<{ exists: boolean }>(
      `SELECT to_regclass('half_done') IS NOT NULL AS "exists"`,
    );
    expect(exists).toBe(false);
    rmSync(path.join(dir, "003_broken"), { recursive: true });
  });

  it("refuses to roll back a migration that has no down.sql", async () => {
    write("004_one_way", "CREATE TABLE one_way (id int);");
    expect((await migrate(db.sql, { direction: "up", migrationsDir: dir })).applied).toEqual(["004_one_way"]);
    await expect(migrate(db.sql, { direction: "down", migrationsDir: dir })).rejects.toThrow(
      /Migration 004_one_way cannot be rolled back: .*down\.sql does not exist/,
    );
    expect((await migrationStatus(db.sql, { migrationsDir: dir })).applied).toContain("004_one_way");
  });

  it("refuses to run when the database has a migration the directory lacks", async () => {
    rmSync(path.join(dir, "004_one_way"), { recursive: true });
    expect((await migrationStatus(db.sql, { migrationsDir: dir })).missingLocally).toEqual(["004_one_way"]);
    await expect(migrate(db.sql, { direction: "up", migrationsDir: dir })).rejects.toThrow(
      /004_one_way is applied to the database but missing from the migrations directory/,
    );
  });
});
