import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";

/** Raw SQL access beside Prisma: migrations, bulk loads and analytics that Prisma cannot express. */
export interface SqlDriver {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  /** Runs fn inside one transaction; a throw rolls everything back. */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
  /**
   * Feeds text to `COPY ... FROM STDIN`: bulk loads at several times INSERT speed. PostgreSQL streams it; PGlite,
   * which has no STDIN, reads the same text as a blob (`FROM '/dev/blob'`), so callers keep batches to a few MB.
   */
  copyFrom(sql: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void>;
}

type PGliteLike = Pick<PGlite, "query" | "exec"> | Transaction;

export function pgliteDriver(db: PGlite): SqlDriver {
  const wrap = (conn: PGliteLike, inTransaction: boolean): SqlDriver => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await conn.query<Row>(sql, params);
      return result.rows;
    },
    async exec(sql: string) {
      await conn.exec(sql);
    },
    async copyFrom(sql: string, chunks: Iterable<string> | AsyncIterable<string>) {
      if (!/\bFROM\s+STDIN\b/i.test(sql)) throw new Error("copyFrom needs a COPY ... FROM STDIN statement");
      const parts: string[] = [];
      for await (const chunk of chunks) parts.push(chunk);
      await conn.query(sql.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'"), [], { blob: new Blob(parts) });
    },
    async transaction<T>(fn: (tx: SqlDriver) => Promise<T>) {
      if (inTransaction) return fn(wrap(conn, true));
      return db.transaction((tx) => fn(wrap(tx, true)));
    },
  });
  return wrap(db, false);
}

export function pgDriver(pool: pg.Pool): SqlDriver {
  const wrap = (conn: pg.Pool | pg.PoolClient, inTransaction: boolean): SqlDriver => ({
    async query<Row>(sql: string, params: unknown[] = []) {
      const result = await conn.query(sql, params);
      return result.rows as Row[];
    },
    async exec(sql: string) {
      await conn.query(sql);
    },
    async copyFrom(sql: string, chunks: Iterable<string> | AsyncIterable<string>) {
      const client = inTransaction ? (conn as pg.PoolClient) : await pool.connect();
      try {
        await pipeline(Readable.from(chunks), client.query(copyFromStdin(sql)));
      } finally {
        if (!inTransaction) (client as pg.PoolClient).release();
      }
    },
    async transaction<T>(fn: (tx: SqlDriver) => Promise<T>) {
      if (inTransaction) return fn(wrap(conn, true));
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(wrap(client, true));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  });
  return wrap(pool, false);
}
