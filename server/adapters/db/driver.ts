import { Readable } from "node:stream";
import { once } from "node:events";
import { finished, pipeline } from "node:stream/promises";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";
import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER, isBinaryCopy } from "./copy-binary.ts";

/**
 * COPY input: text, or text already encoded as UTF-8; for `FORMAT binary`, whole rows (BinaryRowWriter's chunks),
 * without the file header and trailer, which the driver writes.
 */
export type CopyChunk = string | Uint8Array<ArrayBuffer>;

/** Raw SQL access beside Prisma: migrations, bulk loads and analytics that Prisma cannot express. */
export interface SqlDriver {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  /** Runs fn inside one transaction; a throw rolls everything back. */
  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T>;
  /** Feeds text to `COPY ... FROM STDIN` (several times INSERT speed) and waits until it is stored. */
  copyFrom(sql: string, chunks: Iterable<CopyChunk> | AsyncIterable<CopyChunk>): Promise<void>;
  /**
   * A `COPY ... FROM STDIN` to write into as the text is produced. PostgreSQL streams it while the writer goes on
   * (write() waits only when the socket is full); PGlite, which has no STDIN, runs one `COPY ... FROM '/dev/blob'`
   * per few megabytes. On any failure call abort(): the COPY is cancelled and the transaction can roll back.
   */
  copyIn(sql: string): CopyWriter;
}

export interface CopyWriter {
  write(chunk: CopyChunk): Promise<void>;
  /** Finishes the COPY; rejects with the database's error if it failed. */
  end(): Promise<void>;
  abort(error: Error): Promise<void>;
}

const STDIN = /\bFROM\s+STDIN\b/i;
/** Text PGlite buffers before it runs a COPY of it. */
const PGLITE_COPY_BYTES = 4 * 1024 * 1024;

async function copyAll(writer: CopyWriter, chunks: Iterable<CopyChunk> | AsyncIterable<CopyChunk>): Promise<void> {
  try {
    for await (const chunk of chunks) await writer.write(chunk);
  } catch (error) {
    await writer.abort(error as Error);
    throw error;
  }
  await writer.end();
}

/** Binary COPY rows framed as a whole file: header, rows, trailer. */
async function* binaryFile(rows: Iterable<CopyChunk> | AsyncIterable<CopyChunk>): AsyncGenerator<CopyChunk> {
  yield BINARY_COPY_HEADER;
  yield* rows;
  yield BINARY_COPY_TRAILER;
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
    copyFrom(sql: string, chunks: Iterable<CopyChunk> | AsyncIterable<CopyChunk>) {
      return copyAll(this.copyIn(sql), chunks);
    },
    copyIn(sql: string): CopyWriter {
      if (!STDIN.test(sql)) throw new Error("copyIn needs a COPY ... FROM STDIN statement");
      const fromBlob = sql.replace(STDIN, "FROM '/dev/blob'");
      // Each COPY reads a whole file: binary rows get the header and trailer every time.
      const binary = isBinaryCopy(sql);
      let parts: CopyChunk[] = [];
      let size = 0;
      const flush = async () => {
        if (parts.length === 0) return;
        const blob = new Blob(binary ? [BINARY_COPY_HEADER, ...parts, BINARY_COPY_TRAILER] : parts);
        parts = [];
        size = 0;
        await conn.query(fromBlob, [], { blob });
      };
      return {
        async write(chunk) {
          parts.push(chunk);
          size += chunk.length;
          if (size >= PGLITE_COPY_BYTES) await flush();
        },
        end: flush,
        async abort() {
          parts = [];
        },
      };
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
    async copyFrom(sql: string, chunks: Iterable<CopyChunk> | AsyncIterable<CopyChunk>) {
      if (inTransaction) return copyAll(this.copyIn(sql), chunks);
      const client = await pool.connect();
      try {
        await pipeline(Readable.from(isBinaryCopy(sql) ? binaryFile(chunks) : chunks), client.query(copyFromStdin(sql)));
      } finally {
        client.release();
      }
    },
    copyIn(sql: string): CopyWriter {
      // A COPY holds its connection until it ends: only inside a transaction, whose connection is already held.
      if (!inTransaction) throw new Error("copyIn runs inside a transaction");
      const stream = (conn as pg.PoolClient).query(copyFromStdin(sql));
      const done = finished(stream);
      done.catch(() => undefined); // observed by write() and end()
      const binary = isBinaryCopy(sql);
      if (binary) stream.write(BINARY_COPY_HEADER);
      return {
        async write(chunk) {
          if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), done]);
        },
        async end() {
          if (binary) stream.write(BINARY_COPY_TRAILER);
          stream.end();
          await done;
        },
        async abort(error) {
          // destroy() sends CopyFail: the server ends the COPY and the transaction can roll back.
          stream.destroy(error);
          await done.catch(() => undefined);
        },
      };
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
