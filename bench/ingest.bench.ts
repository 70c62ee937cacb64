/**
 * Ingest throughput: our CSV ingestion (parse, validate, insert, rollups, one transaction) against `psql \copy` of
 * the same file into a plain text table, in the same run. Targets: >= 0.5x of \copy on PostgreSQL; >= 30k rows/s
 * on embedded PGlite. Two floors are measured too: `psql \copy` of the already parsed rows straight into
 * cost_line_items (the typed, indexed table, with no parsing, validation or rollups; in the binary format the
 * import writes), and PGlite's own COPY of the file into a plain text table (the ceiling of any load into the
 * embedded database on this machine) and of the parsed rows into cost_line_items.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER } from "../server/adapters/db/copy-binary.ts";
import { ingestFile } from "../server/finops/ingest/ingest.ts";
import { INSERT_COLUMNS } from "../server/finops/ingest/copy-rows.ts";
import { arg, benchPglite, benchPostgres, printTable, psql, round, writeDemoCsv, writeResult } from "./lib.ts";

const rows = arg("rows", 500_000);
const dir = mkdtempSync(path.join(tmpdir(), "finops-bench-"));
const csvFile = path.join(dir, "focus-demo.csv");
try {
  console.log(`Ingest benchmark: ${rows.toLocaleString("en-US")} rows`);
  const written = await writeDemoCsv(csvFile, rows);

  const { db: pgDb, url } = await benchPostgres("finops_bench_ingest", { fresh: true });
  const header = readFileSync(csvFile, "utf8").slice(0, 4096).split("\n")[0]!.split(",");
  const baselineTable = `CREATE TABLE copy_baseline (${header.map((h) => `"${h}" text`).join(", ")})`;
  psql(url, baselineTable);
  let started = performance.now();
  psql(url, `\\copy copy_baseline FROM '${csvFile}' WITH (FORMAT csv, HEADER true)`);
  const copySeconds = (performance.now() - started) / 1000;

  // The baseline's writes must not be flushed on our time: start the ingest from a clean checkpoint.
  psql(url, "CHECKPOINT");
  started = performance.now();
  const pgReport = await ingestFile(pgDb, csvFile);
  const pgSeconds = (performance.now() - started) / 1000;
  await pgDb.close();

  // The floor of the store itself: the rows this import parsed, copied straight back into an empty cost_line_items.
  const parsedFile = path.join(dir, "parsed.bin");
  const columns = INSERT_COLUMNS.join(", ");
  psql(url, `\\copy (SELECT ${columns} FROM cost_line_items ORDER BY id) TO '${parsedFile}' WITH (FORMAT binary)`);
  psql(url, "TRUNCATE cost_line_items");
  psql(url, "CHECKPOINT");
  started = performance.now();
  psql(url, `\\copy cost_line_items (${columns}) FROM '${parsedFile}' WITH (FORMAT binary)`);
  const typedCopySeconds = (performance.now() - started) / 1000;

  const pglite = await benchPglite(path.join(dir, "pglite"));
  await pglite.sql.exec(baselineTable);
  const csvText = readFileSync(csvFile, "utf8");
  started = performance.now();
  await pglite.sql.copyFrom("COPY copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)", [csvText]);
  const pgliteCopySeconds = (performance.now() - started) / 1000;
  await pglite.sql.exec("DROP TABLE copy_baseline");

  started = performance.now();
  const pgliteReport = await ingestFile(pglite, csvFile);
  const pgliteSeconds = (performance.now() - started) / 1000;

  // PGlite's floor for this store: the same parsed rows copied straight into an empty cost_line_items.
  await pglite.sql.exec("TRUNCATE cost_line_items");
  // The driver writes the binary header and trailer itself: the file's rows without them.
  const parsedFileBytes = readFileSync(parsedFile);
  const parsedRows = new Uint8Array(parsedFileBytes.subarray(BINARY_COPY_HEADER.length, parsedFileBytes.length - BINARY_COPY_TRAILER.length));
  started = performance.now();
  await pglite.sql.copyFrom(`COPY cost_line_items (${columns}) FROM STDIN WITH (FORMAT binary)`, [parsedRows]);
  const pgliteTypedCopySeconds = (performance.now() - started) / 1000;
  await pglite.close();

  const result = {
    rows: written,
    postgres: {
      copySeconds: round(copySeconds, 2),
      copyRowsPerSecond: Math.round(written / copySeconds),
      ingestSeconds: round(pgSeconds, 2),
      ingestRowsPerSecond: Math.round(pgReport.rowsImported / pgSeconds),
      ratioToCopy: round(copySeconds / pgSeconds, 2),
      typedCopySeconds: round(typedCopySeconds, 2),
      typedCopyRatioToCopy: round(copySeconds / typedCopySeconds, 2),
    },
    pglite: {
      copySeconds: round(pgliteCopySeconds, 2),
      copyRowsPerSecond: Math.round(written / pgliteCopySeconds),
      ingestSeconds: round(pgliteSeconds, 2),
      ingestRowsPerSecond: Math.round(pgliteReport.rowsImported / pgliteSeconds),
      ratioToCopy: round(pgliteCopySeconds / pgliteSeconds, 2),
      typedCopySeconds: round(pgliteTypedCopySeconds, 2),
      typedCopyRowsPerSecond: Math.round(written / pgliteTypedCopySeconds),
    },
  };
  printTable("Ingest throughput", [
    { target: "PostgreSQL psql \\copy (baseline)", seconds: result.postgres.copySeconds, "rows/s": result.postgres.copyRowsPerSecond, "x copy": 1 },
    { target: "PostgreSQL \\copy of parsed rows into cost_line_items (floor)", seconds: result.postgres.typedCopySeconds, "rows/s": Math.round(written / typedCopySeconds), "x copy": result.postgres.typedCopyRatioToCopy },
    { target: "PostgreSQL ingest", seconds: result.postgres.ingestSeconds, "rows/s": result.postgres.ingestRowsPerSecond, "x copy": result.postgres.ratioToCopy },
    { target: "PGlite COPY FROM /dev/blob (ceiling)", seconds: result.pglite.copySeconds, "rows/s": result.pglite.copyRowsPerSecond, "x copy": 1 },
    { target: "PGlite COPY of parsed rows into cost_line_items (floor)", seconds: result.pglite.typedCopySeconds, "rows/s": result.pglite.typedCopyRowsPerSecond, "x copy": round(pgliteCopySeconds / pgliteTypedCopySeconds, 2) },
    { target: "PGlite ingest", seconds: result.pglite.ingestSeconds, "rows/s": result.pglite.ingestRowsPerSecond, "x copy": result.pglite.ratioToCopy },
  ]);
  writeResult("ingest", result);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
