/**
 * Ingest throughput: our CSV ingestion (parse, validate, insert, rollups, one transaction) against `psql \copy` of
 * the same file into a plain text table, in the same run. Targets: >= 0.5x of \copy on PostgreSQL; >= 30k rows/s
 * on embedded PGlite.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ingestFile } from "../server/finops/ingest/ingest.ts";
import { arg, benchPglite, benchPostgres, printTable, psql, round, writeDemoCsv, writeResult } from "./lib.ts";

const rows = arg("rows", 500_000);
const dir = mkdtempSync(path.join(tmpdir(), "finops-bench-"));
const csvFile = path.join(dir, "focus-demo.csv");
try {
  console.log(`Ingest benchmark: ${rows.toLocaleString("en-US")} rows`);
  const written = await writeDemoCsv(csvFile, rows);

  const { db: pgDb, url } = await benchPostgres("finops_bench_ingest", { fresh: true });
  const header = (await import("node:fs")).readFileSync(csvFile, "utf8").slice(0, 4096).split("\n")[0]!.split(",");
  psql(url, `CREATE TABLE copy_baseline (${header.map((h) => `"${h}" text`).join(", ")})`);
  let started = performance.now();
  psql(url, `\\copy copy_baseline FROM '${csvFile}' WITH (FORMAT csv, HEADER true)`);
  const copySeconds = (performance.now() - started) / 1000;

  started = performance.now();
  const pgReport = await ingestFile(pgDb, csvFile);
  const pgSeconds = (performance.now() - started) / 1000;
  await pgDb.close();

  const pglite = await benchPglite(path.join(dir, "pglite"));
  started = performance.now();
  const pgliteReport = await ingestFile(pglite, csvFile);
  const pgliteSeconds = (performance.now() - started) / 1000;
  await pglite.close();

  const result = {
    rows: written,
    postgres: {
      copySeconds: round(copySeconds, 2),
      copyRowsPerSecond: Math.round(written / copySeconds),
      ingestSeconds: round(pgSeconds, 2),
      ingestRowsPerSecond: Math.round(pgReport.rowsImported / pgSeconds),
      ratioToCopy: round(copySeconds / pgSeconds, 2),
    },
    pglite: { ingestSeconds: round(pgliteSeconds, 2), ingestRowsPerSecond: Math.round(pgliteReport.rowsImported / pgliteSeconds) },
  };
  printTable("Ingest throughput", [
    { target: "PostgreSQL psql \\copy (baseline)", seconds: result.postgres.copySeconds, "rows/s": result.postgres.copyRowsPerSecond, "x copy": 1 },
    { target: "PostgreSQL ingest", seconds: result.postgres.ingestSeconds, "rows/s": result.postgres.ingestRowsPerSecond, "x copy": result.postgres.ratioToCopy },
    { target: "PGlite ingest", seconds: result.pglite.ingestSeconds, "rows/s": result.pglite.ingestRowsPerSecond, "x copy": "-" },
  ]);
  writeResult("ingest", result);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
