import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../adapters/db/database.ts";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "../testing/test-database.ts";

// The CLIs as an operator runs them, in their own process, against this project's database kind: a PGlite data
// directory, or a fresh PostgreSQL database.
const run = promisify(execFile);
const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");
const FIXTURE = path.resolve("server/finops/ingest/fixtures/focus-1.2.csv");

let dir: string;
let pg: TestDatabase | null = null;
let env: NodeJS.ProcessEnv;
const cli = (script: string, ...args: string[]) => run(process.execPath, [TSX, `server/cli/${script}.ts`, ...args], { env, timeout: 120_000 });
const openStore = async (): Promise<Database> => pg ?? openDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "finops-cli-"));
  if (testDatabaseKind() === "postgres") pg = await createTestDatabase({ migrated: false });
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  env = { ...rest, DATA_DIR: dir, ...(pg?.processEnv ?? {}) };
}, 60_000);
afterAll(async () => {
  await pg?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe("command-line tools", () => {
  it("ingest imports a file and regenerates the recommendations over it; recommendations does so on demand", async () => {
    const ingest = await cli("ingest", FIXTURE);
    expect(ingest.stdout).toMatch(/focus-1\.2\.csv: imported 8 rows/);
    expect(ingest.stdout).toMatch(/ingest: recommendations regenerated from \d+ finding\(s\)/);

    // Recommendations are current after the import: a rerun on the same data finds nothing new.
    const again = await cli("recommendations");
    expect(again.stdout).toMatch(/recommendations: recommendations regenerated from \d+ finding\(s\): 0 new, \d+ updated, 0 reactivated, 0 obsolete/);

    const db = await openStore();
    try {
      const [source] = await db.sql.query<{ rows: string }>("SELECT row_count::text AS rows FROM cost_sources");
      expect(source!.rows).toBe("8");
      const [runs] = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM recommendation_status_changes");
      expect(runs!.n).toBe(0); // nothing went obsolete or came back between the two runs
    } finally {
      if (!pg) await db.close();
    }
  }, 180_000);

  it("ingest rejects a file with an invalid value, names it, and says how to import the valid rows", async () => {
    const rejected = cli("ingest", path.resolve("server/finops/ingest/fixtures/bad-decimal.csv"));
    await expect(rejected).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining("bad-decimal.csv: 1 invalid value; nothing imported"),
      stderr: expect.stringMatching(/line 3, BilledCost: BilledCost is not a decimal number \("1\.2\.3"\)/),
    });
    await expect(rejected).rejects.toMatchObject({ stdout: expect.stringContaining("Run again with --skip-invalid to import the valid rows") });
  }, 60_000);

  it("refuses bad usage with exit status 2 and a clear message", async () => {
    await expect(cli("ingest")).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("expected one file, got 0") });
  }, 60_000);
});
