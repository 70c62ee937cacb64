import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { openDatabase } from "../adapters/db/database.ts";
import { migrate } from "../adapters/db/migrator.ts";
import { databaseOptionsFromConfig } from "../adapters/db/registry.ts";
import { loadConfig } from "../config.ts";
import { ingestFile, type IngestReport } from "../finops/ingest/ingest.ts";
import { rejectedForValues } from "../finops/ingest/rejection.ts";
import { generateRecommendations } from "../finops/recommendations/generate.ts";
import { regenerateRecommendations } from "./recommendation-run.ts";

const HELP = `Usage: npm run ingest -- <file> [--skip-invalid]

Imports a FOCUS cost export (FOCUS 1.2; 1.0/1.1 and 0.5/1.0-preview column names are mapped) into the cost
store of the configured database (DATABASE_URL, else the embedded PGlite under DATA_DIR), in one transaction.
Formats: CSV, gzipped CSV, Parquet (recognised by their first bytes, then the extension).

Importing a file with the same name again replaces the billing periods it contains; other periods stay.
After an import the recommendations are regenerated over the new data.
A file with invalid values is rejected as a whole and nothing is imported, unless --skip-invalid is given.

Options:
  --skip-invalid   import the valid rows and list the skipped ones
  --json           print the full report as JSON instead of the readable summary
  -h, --help       show this help

Exit status: 0 imported, 1 rejected or failed, 2 bad usage, 130 interrupted.`;

const SHOWN_ISSUES = 20;

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "skip-invalid": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return "help" as const;
  if (positionals.length !== 1) throw new UsageError(`expected one file, got ${positionals.length}; see --help`);
  const [file] = positionals;
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  return { file, skipInvalid: values["skip-invalid"], json: values.json };
}

class UsageError extends Error {}

function printReport(report: IngestReport) {
  if (report.missingColumns.length > 0) console.error(`Missing mandatory columns: ${report.missingColumns.join(", ")}`);
  if (report.issueCount > 0) {
    const title = report.status === "imported" ? "Skipped rows" : "Invalid values";
    console.error(`${title} (${report.issueCount}):`);
    for (const issue of report.issues.slice(0, SHOWN_ISSUES)) {
      const where = issue.column ? `line ${issue.line}, ${issue.column}` : `line ${issue.line}`;
      const value = issue.value === null ? "" : ` (${JSON.stringify(issue.value)})`;
      console.error(`  ${where}: ${issue.message}${value}`);
    }
    if (report.issueCount > SHOWN_ISSUES) console.error(`  … and ${report.issueCount - SHOWN_ISSUES} more (--json lists up to 1000)`);
  }
  const rate = report.durationMs > 0 && report.rowsRead > 0 ? ` in ${(report.durationMs / 1000).toFixed(1)}s (${Math.round((report.rowsRead * 1000) / report.durationMs)} rows/s)` : "";
  console.log(`${report.message}${rate}`);
  if (rejectedForValues(report)) console.log("Run again with --skip-invalid to import the valid rows and skip the invalid ones.");
}

async function run(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    console.error(`ingest: ${(error as Error).message}`);
    return 2;
  }
  if (parsed === "help") {
    console.log(HELP);
    return 0;
  }
  const db = await openDatabase(databaseOptionsFromConfig(loadConfig()));
  const controller = new AbortController();
  const interrupt = () => controller.abort(new Error("interrupted; nothing imported"));
  process.once("SIGINT", interrupt);
  const bar = new cliProgress.SingleBar(
    { format: "Importing {file} [{bar}] {percentage}% | {rows} rows read | {rate} rows/s | ETA {eta_formatted}", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  try {
    await migrate(db.sql, { direction: "up" });
    // The bar runs over the file (bytes for CSV, rows for Parquet), so it has a total before the rows are counted.
    bar.start(100, 0, { file: parsed.file, rows: 0, rate: 0 });
    const report = await ingestFile(db, parsed.file, {
      skipInvalid: parsed.skipInvalid,
      signal: controller.signal,
      onProgress: (p) =>
        bar.update(Math.floor((p.fraction ?? 0) * 100), {
          rows: p.rowsRead.toLocaleString("en-US"),
          rate: Math.round((p.rowsRead * 1000) / Math.max(1, Date.now() - started)),
        }),
    });
    bar.stop();
    if (parsed.json) console.log(JSON.stringify(report, null, 2));
    else printReport(report);
    if (report.status !== "imported") return 1;
    // Recommendations follow the data, as after an upload on the admin page.
    if (!parsed.json) await regenerateRecommendations(db, "ingest");
    else await generateRecommendations(db);
    return 0;
  } catch (error) {
    bar.stop();
    if (controller.signal.aborted) {
      console.error(`ingest: ${parsed.file}: interrupted; nothing imported`);
      return 130;
    }
    throw error;
  } finally {
    process.off("SIGINT", interrupt);
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`ingest: ${error instanceof Error ? error.message : String(error)}; nothing imported`);
    process.exit(1);
  },
);
