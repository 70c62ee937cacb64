import { parseArgs } from "node:util";
import { openDatabase } from "../adapters/db/database.ts";
import { migrate } from "../adapters/db/migrator.ts";
import { databaseOptionsFromConfig } from "../adapters/db/registry.ts";
import { loadConfig } from "../config.ts";
import { regenerateRecommendations } from "./recommendation-run.ts";

const HELP = `Usage: npm run recommendations

Re-runs the recommendation generator over the cost data of the configured database (DATABASE_URL, else the
embedded PGlite under DATA_DIR), as the admin page's Regenerate button does: new findings are added, existing ones
updated by their key, and findings that no longer hold become obsolete. Imports already do this after each file.`;

async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const db = await openDatabase(databaseOptionsFromConfig(loadConfig()));
  try {
    await migrate(db.sql, { direction: "up" });
    await regenerateRecommendations(db, "recommendations");
    return 0;
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`recommendations: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
