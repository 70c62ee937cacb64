import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { openDatabase } from "../adapters/db/database.ts";
import { migrate, migrationStatus } from "../adapters/db/migrator.ts";
import { databaseOptionsFromConfig } from "../adapters/db/registry.ts";

const HELP = `Usage: tsx server/cli/migrate.ts <up|down|status> [--steps N]

Applies or rolls back the SQL migrations in prisma/migrations against the configured database
(DATABASE_URL, else the embedded PGlite under DATA_DIR). Applied migrations are recorded in
_prisma_migrations, the table Prisma's own "migrate status/deploy" read.

Commands:
  up       apply pending migrations (npm run db:migrate)
  down     run the newest applied migration's down.sql (npm run db:rollback)
  status   list applied and pending migrations (npm run db:status); exits 1 unless up to date

Options:
  --steps N   up: apply at most N migrations (default: all); down: roll back N (default: 1)
  -h, --help  show this help

Environment: DATABASE_URL, DATA_DIR, MIGRATIONS_DIR (default: prisma/migrations under the repo root).`;

type Command = "up" | "down" | "status";

function parseCommandLine(argv: string[]): { command: Command; steps?: number } | "help" {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { steps: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) return "help";
  const [command, ...extra] = positionals;
  if (command !== "up" && command !== "down" && command !== "status") {
    throw new Error(`expected a command (up, down or status), got ${command ?? "nothing"}; see --help`);
  }
  if (extra.length > 0) throw new Error(`unexpected argument ${extra[0]}; see --help`);
  if (values.steps === undefined) return { command };
  const steps = Number(values.steps);
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`--steps must be a positive integer, got ${values.steps}`);
  if (command === "status") throw new Error("--steps applies to up and down only");
  return { command, steps };
}

const list = (names: string[]) => (names.length > 0 ? `: ${names.join(", ")}` : "");
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (parsed === "help") {
    console.log(HELP);
    return 0;
  }
  const db = await openDatabase(databaseOptionsFromConfig(loadConfig()));
  try {
    if (parsed.command === "status") {
      const status = await migrationStatus(db.sql);
      const problems = [
        status.modified.length > 0 ? `modified since applied${list(status.modified)}` : "",
        status.missingLocally.length > 0 ? `missing locally${list(status.missingLocally)}` : "",
      ].filter(Boolean);
      console.log(
        `${db.location}: ${status.applied.length} applied, ${status.pending.length} pending${list(status.pending)}` +
          (problems.length > 0 ? `; ${problems.join("; ")}` : ""),
      );
      return status.pending.length === 0 && problems.length === 0 ? 0 : 1;
    }
    const result = await migrate(db.sql, { direction: parsed.command, steps: parsed.steps });
    if (parsed.command === "up") {
      console.log(
        result.applied.length > 0
          ? `${db.location}: applied ${plural(result.applied.length, "migration")}${list(result.applied)}`
          : `${db.location}: already up to date`,
      );
    } else {
      console.log(
        result.rolledBack.length > 0
          ? `${db.location}: rolled back ${plural(result.rolledBack.length, "migration")}${list(result.rolledBack)}`
          : `${db.location}: nothing to roll back`,
      );
    }
    return 0;
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
