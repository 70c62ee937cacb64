import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { loadConfig } from "../config.ts";
import { openDatabase } from "../adapters/db/database.ts";
import { migrate } from "../adapters/db/migrator.ts";
import { databaseOptionsFromConfig } from "../adapters/db/registry.ts";
import { isIsoDate, yesterdayUtc } from "../finops/demo/calendar.ts";
import { DEFAULT_DEMO, loadDemoDataset, type DemoLoadProgress } from "../finops/demo/load.ts";
import { minimumDemoRows } from "../finops/demo/world.ts";
import { regenerateRecommendations } from "./recommendation-run.ts";

const HELP = `Usage: npm run demo -- [--rows N] [--months N] [--seed N] [--end-date YYYY-MM-DD] [--database-url URL]

Generates a deterministic, realistic FOCUS 1.2 dataset (AWS, Azure, Google Cloud: usage with seasonality and
growth, commitments, credits, tax, corrections, three injected incidents) and loads it into the cost store with
utilisation and budgets, then regenerates the recommendations. Loading again replaces the previous demo data;
imported (non-demo) data is untouched.

Options:
  --rows N            target number of line items, lands within ±10% (default ${DEFAULT_DEMO.rows})
  --months N          billing months, 3..36, the last one month-to-date (default ${DEFAULT_DEMO.months})
  --seed N            PRNG seed; the same seed and options give the same data (default ${DEFAULT_DEMO.seed})
  --end-date DATE     last day with data (default: yesterday, UTC)
  --database-url URL  PostgreSQL URL (default: DATABASE_URL, else the embedded PGlite under DATA_DIR)
  -h, --help          show this help`;

interface Arguments {
  rows: number;
  months: number;
  seed: number;
  endDate: string;
  databaseUrl?: string;
}

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.replace(/_/g, ""));
  if (!Number.isSafeInteger(value)) throw new Error(`--${name} must be an integer, got ${text}`);
  return value;
}

function parseCommandLine(argv: string[]): Arguments | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: "string" },
      months: { type: "string" },
      seed: { type: "string" },
      "end-date": { type: "string" },
      "database-url": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  const endDate = values["end-date"] ?? yesterdayUtc();
  if (!isIsoDate(endDate)) throw new Error(`--end-date must be a date written YYYY-MM-DD, got ${endDate}`);
  return {
    rows: integer("rows", values.rows, DEFAULT_DEMO.rows),
    months: integer("months", values.months, DEFAULT_DEMO.months),
    seed: integer("seed", values.seed, DEFAULT_DEMO.seed),
    endDate,
    databaseUrl: values["database-url"],
  };
}

const PHASE_LABEL: Record<DemoLoadProgress["phase"], string> = {
  "line-items": "line items ",
  utilisation: "utilisation",
  budgets: "budgets    ",
};

async function run(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv);
  if (args === "help") {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig(args.databaseUrl ? { ...process.env, DATABASE_URL: args.databaseUrl } : process.env);
  const minimum = minimumDemoRows(args.months, args.endDate);
  if (args.rows < minimum) console.error(`demo: ${args.rows} rows is below the ${minimum} the scenarios need over ${args.months} months; generating about ${minimum}`);
  const db = await openDatabase(databaseOptionsFromConfig(config));
  const bar = new cliProgress.SingleBar(
    { format: "{phase} [{bar}] {percentage}% | {value}/{total} rows | {speed} rows/s | {duration_formatted}", hideCursor: true, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
  let phase: DemoLoadProgress["phase"] | null = null;
  let phaseStarted = Date.now();
  try {
    await migrate(db.sql, { direction: "up" });
    const report = await loadDemoDataset(db, {
      ...args,
      onProgress: (p) => {
        if (p.phase !== phase) {
          if (phase) bar.stop();
          phase = p.phase;
          phaseStarted = Date.now();
          bar.start(p.total, 0, { phase: PHASE_LABEL[p.phase], speed: 0 });
        }
        const seconds = (Date.now() - phaseStarted) / 1000;
        bar.update(Math.min(p.done, p.total), { speed: seconds > 0 ? Math.round(p.done / seconds) : 0 });
      },
    });
    bar.stop();
    const seconds = report.durationMs / 1000;
    console.log(
      `demo: loaded ${report.ingest.rowsImported} line items (${report.options.months} months to ${report.options.endDate}, seed ${report.options.seed}), ` +
        `${report.utilisationRows} utilisation rows and ${report.budgets.length} budgets into ${db.location} in ${seconds.toFixed(1)} s ` +
        `(${Math.round(report.ingest.rowsImported / seconds)} rows/s; EffectiveCost ${report.ingest.effectiveCostTotal} USD)`,
    );
    await regenerateRecommendations(db, "demo");
    return 0;
  } finally {
    bar.stop();
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
