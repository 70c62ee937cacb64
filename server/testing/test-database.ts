import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../adapters/db/database.ts";
import { migrate } from "../adapters/db/migrator.ts";

/**
 * An isolated, migrated database for one test file: a fresh in-memory PGlite by default, or a freshly created
 * PostgreSQL database when the suite runs in the `postgres` project (TEST_DB_KIND=postgres, TEST_DATABASE_URL set).
 */
export interface TestDatabase extends Database {
  /** Drops what was created for this test file. */
  destroy(): Promise<void>;
  /** Environment that points another process (a CLI) at this database; absent for in-memory PGlite. */
  processEnv?: Record<string, string>;
}

export function testDatabaseKind(): "pglite" | "postgres" {
  return process.env.TEST_DB_KIND === "postgres" ? "postgres" : "pglite";
}

export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (testDatabaseKind() === "pglite") {
    const db = await openDatabase({ kind: "pglite" });
    if (migrated) await migrate(db.sql, { direction: "up" });
    return { ...db, destroy: () => db.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DB_KIND=postgres needs TEST_DATABASE_URL");
  const name = `finops_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: url.toString(), maxConnections: 5 });
  if (migrated) await migrate(db.sql, { direction: "up" });
  return {
    ...db,
    processEnv: { DATABASE_URL: url.toString() },
    async destroy() {
      await db.close();
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
