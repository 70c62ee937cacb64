/**
 * Analytics latency (breakdown, trend, period comparison) on the demo dataset at 1M and 10M rows on PostgreSQL and
 * 1M on embedded PGlite. Target: p95 <= 100 ms at 1M on PostgreSQL. Datasets are kept between runs
 * (PostgreSQL databases finops_bench_<rows>, PGlite under .data/bench-<rows>).
 */
import path from "node:path";
import type { Database } from "../server/adapters/db/database.ts";
import { costBreakdown } from "../server/finops/analytics/breakdown.ts";
import { comparePeriods } from "../server/finops/analytics/compare.ts";
import { costTrend } from "../server/finops/analytics/trend.ts";
import { arg, benchPglite, benchPostgres, ensureDemo, printTable, ROOT, timeRuns, writeResult } from "./lib.ts";

const runs = arg("runs", 20);
const sizes = process.argv.includes("--quick") ? [1_000_000] : [1_000_000, 10_000_000];
const october = { start: "2026-10-01", end: "2026-11-01" };
const year = { start: "2025-11-01", end: "2026-11-01" };

async function measure(db: Database) {
  return {
    breakdown: await timeRuns(runs, () => costBreakdown(db, { period: october, dimension: "ServiceName", limit: 10 })),
    trend: await timeRuns(runs, () => costTrend(db, { period: year, granularity: "day" })),
    compare: await timeRuns(runs, () => comparePeriods(db, { current: october, mode: "MoM" })),
    breakdownByTag: await timeRuns(runs, () => costBreakdown(db, { period: october, dimension: "Tag", tagKey: "team", limit: 10 })),
  };
}

const results: Array<{ target: string; rows: number; query: string; p50: number; p95: number }> = [];
for (const rows of sizes) {
  const { db } = await benchPostgres(`finops_bench_${rows}`);
  await ensureDemo(db, rows, `PostgreSQL (${rows.toLocaleString("en-US")})`);
  for (const [query, t] of Object.entries(await measure(db))) results.push({ target: "PostgreSQL", rows, query, ...t });
  await db.close();
}
const pglite = await benchPglite(path.join(ROOT, ".data", "bench-1000000"));
await ensureDemo(pglite, 1_000_000, "PGlite (1,000,000)");
for (const [query, t] of Object.entries(await measure(pglite))) results.push({ target: "PGlite", rows: 1_000_000, query, ...t });
await pglite.close();

printTable(`Query latency, ms (${runs} runs each)`, results.map((r) => ({ ...r, rows: r.rows.toLocaleString("en-US") })));
writeResult("queries", { runs, results });
