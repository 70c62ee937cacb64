/** `npm run bench`: every benchmark in turn (or `npm run bench -- ingest|queries|agent [--rows N] [--runs N] [--quick] [--postgres]`). */
import { spawnSync } from "node:child_process";
import path from "node:path";

const all = ["ingest", "queries", "agent"];
const chosen = process.argv.slice(2).filter((a) => all.includes(a));
const extra = process.argv.slice(2).filter((a) => !all.includes(a));
for (const name of chosen.length ? chosen : all) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, [path.join(import.meta.dirname, "../node_modules/tsx/dist/cli.mjs"), path.join(import.meta.dirname, `${name}.bench.ts`), ...extra], {
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
