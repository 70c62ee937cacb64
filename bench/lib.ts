import { spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify";
import pg from "pg";
import { openDatabase, type Database } from "../server/adapters/db/database.ts";
import { migrate } from "../server/adapters/db/migrator.ts";
import { generateDemoDataset } from "../server/finops/demo/generator.ts";
import { hasCostData, loadDemoDataset } from "../server/finops/demo/load.ts";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const BENCH_END_DATE = "2026-10-31";

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export async function timeRuns(runs: number, fn: () => Promise<unknown>, warmup = 2) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), runs };
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function printTable(title: string, rows: Array<Record<string, string | number>>) {
  console.log(`\n${title}`);
  console.table(rows);
}

export function writeResult(name: string, data: unknown) {
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  const file = path.join(ROOT, "bench/results", `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ name, at: new Date().toISOString(), node: process.version, ...((data as object) ?? {}) }, null, 2)}\n`);
  console.log(`→ ${path.relative(ROOT, file)}`);
}

/** Writes the deterministic demo dataset of about `rows` line items as a FOCUS 1.2 CSV. */
export async function writeDemoCsv(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  const csv = stringify({ header: true });
  csv.pipe(out);
  let count = 0;
  for await (const record of generateDemoDataset({ seed: 42, months: 12, rows, endDate: BENCH_END_DATE })) {
    if (!csv.write(record.values)) await new Promise<void>((resolve) => csv.once("drain", () => resolve()));
    count++;
  }
  csv.end();
  await new Promise<void>((resolve) => out.on("finish", () => resolve()));
  return count;
}

/** A PostgreSQL database for the bench (created when missing), migrated. */
export async function benchPostgres(name: string, options: { fresh?: boolean } = {}): Promise<{ db: Database; url: string }> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  if (options.fresh) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (!exists.rowCount) await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: url.toString() });
  await migrate(db.sql, { direction: "up" });
  return { db, url: url.toString() };
}

export async function benchPglite(dir: string): Promise<Database> {
  const db = await openDatabase({ kind: "pglite", dataDir: dir });
  await migrate(db.sql, { direction: "up" });
  return db;
}

/** Loads the demo dataset of `rows` rows unless the database already holds data (kept between bench runs). */
export async function ensureDemo(db: Database, rows: number, label: string) {
  if (await hasCostData(db)) return;
  console.log(`  loading ${rows.toLocaleString("en-US")} demo rows into ${label} (kept for later runs)…`);
  const started = performance.now();
  const report = await loadDemoDataset(db, { seed: 42, months: 12, rows, endDate: BENCH_END_DATE });
  console.log(`  loaded ${report.ingest.rowsImported.toLocaleString("en-US")} rows in ${round((performance.now() - started) / 1000)} s`);
}

export function psql(url: string, command: string) {
  const result = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", command], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
}

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]!.replace(/_/g, "")) : fallback;
}
