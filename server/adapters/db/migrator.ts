import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlDriver } from "./driver.ts";

// Applies prisma/migrations/<name>/migration.sql in name order and books them in Prisma's own _prisma_migrations
// table, the way `prisma migrate deploy` does, so the Prisma CLI (where its native engine exists) agrees about
// what is applied. Prisma never rolls back; `down` runs the hand-written <name>/down.sql and deletes the row.

export interface MigrateOptions {
  direction: "up" | "down";
  /** Defaults to $MIGRATIONS_DIR, else prisma/migrations under the repo root. */
  migrationsDir?: string;
  /** up: at most this many (default all pending); down: this many (default 1). */
  steps?: number;
}

export interface MigrateResult {
  applied: string[];
  rolledBack: string[];
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied, but the migration.sql on disk no longer has the checksum recorded when it was applied. */
  modified: string[];
  /** Applied (by name in _prisma_migrations) but absent from the migrations directory. */
  missingLocally: string[];
}

interface LocalMigration {
  name: string;
  dir: string;
  script: string;
  checksum: string;
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

// Prisma's schema engine takes pg_advisory_lock(72707369) around migrate commands; taking the same key (as a
// transaction-level lock) makes this migrator, another instance of it and `prisma migrate deploy` exclude each other.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// The DDL Prisma's schema engine uses, so `prisma migrate status` reads the table this migrator writes.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {}

export async function migrate(sql: SqlDriver, options: MigrateOptions): Promise<MigrateResult> {
  const local = readLocalMigrations(options.migrationsDir ?? defaultMigrationsDir());
  if (options.steps !== undefined && (!Number.isInteger(options.steps) || options.steps < 1)) {
    throw new MigrationError(`steps must be a positive integer, got ${options.steps}`);
  }
  return options.direction === "up"
    ? { applied: await migrateUp(sql, local, options.steps ?? Infinity), rolledBack: [] }
    : { applied: [], rolledBack: await migrateDown(sql, local, options.steps ?? 1) };
}

export async function migrationStatus(
  sql: SqlDriver,
  options: { migrationsDir?: string } = {},
): Promise<MigrationStatus> {
  const local = readLocalMigrations(options.migrationsDir ?? defaultMigrationsDir());
  const rows = (await migrationsTableExists(sql)) ? await readRows(sql) : [];
  return describe(local, rows);
}

/** $MIGRATIONS_DIR, else the first prisma/migrations found from the working directory or this file upwards. */
export function defaultMigrationsDir(): string {
  if (process.env.MIGRATIONS_DIR) return path.resolve(process.env.MIGRATIONS_DIR);
  const starts = [process.cwd()];
  // Under a bundler import.meta.url may not be a file URL; the working directory is then the only anchor.
  if (import.meta.url.startsWith("file:")) starts.push(path.dirname(fileURLToPath(import.meta.url)));
  const tried: string[] = [];
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, "prisma", "migrations");
      if (existsSync(candidate)) return candidate;
      tried.push(candidate);
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new MigrationError(
    `No prisma/migrations directory found (looked in ${tried[0]} and its parents); set MIGRATIONS_DIR`,
  );
}

/** sha256 hex of the file's bytes, as Prisma computes migration checksums. */
export function migrationChecksum(script: string | Buffer): string {
  return createHash("sha256").update(script).digest("hex");
}

function readLocalMigrations(dir: string): LocalMigration[] {
  if (!existsSync(dir)) throw new MigrationError(`Migrations directory ${dir} does not exist`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(path.join(dir, name, "migration.sql"));
      return { name, dir: path.join(dir, name), script: bytes.toString("utf8"), checksum: migrationChecksum(bytes) };
    });
}

// Prisma accepts a script whose line endings were converted by git (CRLF <-> LF) as unchanged.
function matchesChecksum(migration: LocalMigration, checksum: string): boolean {
  if (migration.checksum === checksum) return true;
  const lf = migration.script.replace(/\r\n/g, "\n");
  return migrationChecksum(lf) === checksum || migrationChecksum(lf.replace(/\n/g, "\r\n")) === checksum;
}

async function migrationsTableExists(sql: SqlDriver): Promise<boolean> {
  const [{ exists }] = await sql.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`,
  );
  return exists;
}

async function readRows(sql: SqlDriver): Promise<MigrationRow[]> {
  return sql.query<MigrationRow>(
    `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at"
       FROM "_prisma_migrations" ORDER BY "migration_name"`,
  );
}

function describe(local: LocalMigration[], rows: MigrationRow[]): MigrationStatus {
  const live = rows.filter((row) => row.finished_at !== null && row.rolled_back_at === null);
  const appliedNames = new Set(live.map((row) => row.migration_name));
  const byName = new Map(local.map((m) => [m.name, m]));
  return {
    applied: [...appliedNames].sort(),
    pending: local.filter((m) => !appliedNames.has(m.name)).map((m) => m.name),
    modified: live
      .filter(
        (row) => byName.has(row.migration_name) && !matchesChecksum(byName.get(row.migration_name)!, row.checksum),
      )
      .map((row) => row.migration_name),
    missingLocally: live.filter((row) => !byName.has(row.migration_name)).map((row) => row.migration_name),
  };
}

/** Runs fn in one transaction that holds the migration lock and sees an up-to-date _prisma_migrations. */
async function underLock<T>(sql: SqlDriver, fn: (tx: SqlDriver, rows: MigrationRow[]) => Promise<T>): Promise<T> {
  return sql.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    if (!(await migrationsTableExists(tx))) await tx.exec(CREATE_MIGRATIONS_TABLE);
    return fn(tx, await readRows(tx));
  });
}

function refuseInconsistentState(local: LocalMigration[], rows: MigrationRow[]): MigrationStatus {
  const failed = rows.filter((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed.length > 0) {
    throw new MigrationError(
      `Migration ${failed[0].migration_name} started but never finished (recorded by another tool). ` +
        `Fix the database by hand, then mark it with \`prisma migrate resolve\` or delete its _prisma_migrations row.`,
    );
  }
  const status = describe(local, rows);
  if (status.modified.length > 0) {
    throw new MigrationError(
      `Migration ${status.modified.join(", ")} was modified after it was applied (checksum mismatch). ` +
        `Restore the original migration.sql and put the change in a new migration.`,
    );
  }
  if (status.missingLocally.length > 0) {
    throw new MigrationError(
      `Migration ${status.missingLocally.join(", ")} is applied to the database but missing from the ` +
        `migrations directory: this code is older than the database.`,
    );
  }
  return status;
}

async function migrateUp(sql: SqlDriver, local: LocalMigration[], steps: number): Promise<string[]> {
  const applied: string[] = [];
  // One transaction per migration, re-reading the table under the lock each time: a process that waited for
  // the lock sees what the other one applied and skips it.
  while (applied.length < steps) {
    const name = await underLock(sql, async (tx, rows) => {
      const pending = refuseInconsistentState(local, rows).pending[0];
      const next = local.find((m) => m.name === pending);
      if (!next) return undefined;
      try {
        await tx.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count")
           VALUES ($1, $2, $3, clock_timestamp(), 0)`,
          [randomUUID(), next.checksum, next.name],
        );
        await tx.exec(next.script);
        await tx.query(
          `UPDATE "_prisma_migrations" SET "finished_at" = clock_timestamp(), "applied_steps_count" = 1
            WHERE "migration_name" = $1 AND "finished_at" IS NULL`,
          [next.name],
        );
      } catch (error) {
        throw new MigrationError(`Migration ${next.name} failed and was rolled back: ${errorMessage(error)}`, {
          cause: error,
        });
      }
      return next.name;
    });
    if (!name) break;
    applied.push(name);
  }
  return applied;
}

async function migrateDown(sql: SqlDriver, local: LocalMigration[], steps: number): Promise<string[]> {
  const rolledBack: string[] = [];
  while (rolledBack.length < steps) {
    const name = await underLock(sql, async (tx, rows) => {
      const newest = refuseInconsistentState(local, rows).applied.at(-1);
      if (!newest) return undefined;
      const downPath = path.join(local.find((m) => m.name === newest)!.dir, "down.sql");
      if (!existsSync(downPath)) {
        throw new MigrationError(`Migration ${newest} cannot be rolled back: ${downPath} does not exist`);
      }
      try {
        await tx.exec(readFileSync(downPath, "utf8"));
      } catch (error) {
        throw new MigrationError(`Rollback of ${newest} failed and was undone: ${errorMessage(error)}`, {
          cause: error,
        });
      }
      await tx.query(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = $1`, [newest]);
      return newest;
    });
    if (!name) break;
    rolledBack.push(name);
  }
  return rolledBack;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
