/**
 * `npm start`: builds the web app when there is no build or the sources are newer than it, then starts the server
 * (which migrates the database and creates the demo user on first run).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const buildId = path.join(root, ".next", "BUILD_ID");
const sources = ["app", "components", "public", "server", "next.config.mjs", "package-lock.json", "tsconfig.json"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  if (path.basename(entry) === "generated") return 0;
  return readdirSync(entry).reduce((max, name) => Math.max(max, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
const changedAt = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
if (process.env.SKIP_BUILD !== "1" && changedAt > builtAt) {
  console.log(builtAt ? "• Sources changed since the last build: rebuilding the web app…" : "• First start: building the web app (about a minute)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("The web app build failed; see the output above.");
    process.exit(result.status ?? 1);
  }
}

(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
await import("../main.ts");
