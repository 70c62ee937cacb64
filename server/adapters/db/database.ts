import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../../generated/prisma/client.ts";
import { pgDriver, pgliteDriver, type SqlDriver } from "./driver.ts";

export type DatabaseKind = "pglite" | "postgres";

/** One database: Prisma for the data model, a raw driver for SQL Prisma cannot express. Both share connections. */
export interface Database {
  kind: DatabaseKind;
  /** Where it lives: the PGlite data directory or the PostgreSQL URL without its password. */
  location: string;
  prisma: PrismaClient;
  sql: SqlDriver;
  /**
   * Calls onNotify for each NOTIFY on the channel; resolves to the unsubscribe function. Offered only where a
   * notification reaches this process by the time the write that sent it has committed: embedded PGlite, whose data
   * directory only this process writes. PostgreSQL has other writers (CLI imports, other instances), whose
   * notifications would arrive a moment later, so it offers none and callers read afresh instead of caching.
   */
  listen?(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: "pglite"; dataDir?: string /* undefined: in memory */ }
  | { kind: "postgres"; url: string; maxConnections?: number };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === "pglite") {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const client = options.dataDir ? await PGlite.create(path.resolve(options.dataDir)) : await PGlite.create();
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
    return {
      kind: "pglite",
      location: options.dataDir ? path.resolve(options.dataDir) : "memory://",
      prisma,
      sql: pgliteDriver(client),
      listen: (channel, onNotify) => client.listen(channel, onNotify),
      async close() {
        await prisma.$disconnect();
        if (!client.closed) await client.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: options.url, max: options.maxConnections ?? 10 });
  let closing = false;
  // An idle connection that the server drops (restart, failover, a DBA's pg_terminate_backend) is reported here;
  // without a listener it would crash the process. The pool replaces it on the next query.
  pool.on("error", (error) => {
    if (!closing) console.warn(`• PostgreSQL connection lost: ${error.message}`);
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    location: redactUrl(options.url),
    prisma,
    sql: pgDriver(pool),
    async close() {
      closing = true;
      await prisma.$disconnect();
      if (!pool.ended) await pool.end();
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparsable url)";
  }
}
