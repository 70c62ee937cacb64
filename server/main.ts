/**
 * The one Node process: Next (pages, next-auth), tRPC over HTTP and tRPC subscriptions over WebSocket, all on one
 * port and one database instance.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { scheduleVacuum } from "./adapters/db/maintenance.ts";
import { closeDatabase, initDatabase } from "./adapters/db/registry.ts";
import { resolveAuthSecret } from "./auth/auth-secret.ts";
import { ensureDemoUser } from "./auth/users.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createRedis, redisProbe } from "./adapters/redis.ts";
import { neo4jProbe, qdrantProbe } from "./adapters/vector-graph-probes.ts";
import { llmFromConfig } from "./adapters/llm.ts";
import { Supervisor } from "./agents/supervisor.ts";
import { SupervisorRunner } from "./agents/turn-runner.ts";
import { DEFAULT_DEMO, hasCostData, loadDemoDataset } from "./finops/demo/load.ts";
import { generateRecommendations } from "./finops/recommendations/generate.ts";
import { createServices } from "./services.ts";
import { createAppServer } from "./transport/app-server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main() {
  const config = loadConfig();
  const { secret, generated } = resolveAuthSecret(config);
  // next-auth (loaded by Next) reads these; set before Next loads any route.
  process.env.NEXTAUTH_SECRET = secret;
  process.env.NEXTAUTH_URL = config.appUrl;
  if (generated) console.log(`• Generated a session secret in ${config.DATA_DIR}/auth-secret (set AUTH_SECRET to choose one).`);

  const started = performance.now();
  const db = await initDatabase(config);
  console.log(`• Database: ${db.kind === "pglite" ? "embedded PGlite at" : "PostgreSQL"} ${db.location} (migrated)`);
  // PGlite has no autovacuum: reclaim the row versions that in-place updates leave (every message touches its thread).
  const vacuum = scheduleVacuum(db, {
    intervalMs: 10 * 60_000,
    onError: (error) => console.warn(`• Vacuum of the embedded database failed: ${(error as Error).message}`),
  });

  const seedDemo = config.SEED_DEMO_USER === "true" || (config.SEED_DEMO_USER === "auto" && db.kind === "pglite");
  if (seedDemo) {
    const demo = await ensureDemoUser(db, {
      email: config.DEMO_USER_EMAIL,
      password: config.DEMO_USER_PASSWORD,
      adminEmails: config.ADMIN_EMAILS,
    });
    console.log(
      `• Demo user ${demo.created ? "created" : "available"}: sign in as ${demo.email} / ${demo.password}` +
        " (change it with DEMO_USER_EMAIL / DEMO_USER_PASSWORD).",
    );
  }

  const redis = config.REDIS_URL ? createRedis(config.REDIS_URL) : null;
  const neo4j = config.NEO4J_URI ? neo4jProbe(config.NEO4J_URI, config.NEO4J_USER, config.NEO4J_PASSWORD) : null;
  redis?.on("error", (error) => console.error(`• Redis: ${error.message}`));
  const loadDemo = config.DEMO_DATA === "true" || (config.DEMO_DATA === "auto" && db.kind === "pglite");
  if (loadDemo && !(await hasCostData(db))) {
    const rows = config.DEMO_ROWS ?? DEFAULT_DEMO.rows;
    console.log(`• No cost data yet: loading the demo dataset (${DEFAULT_DEMO.months} months, ~${rows.toLocaleString("en-US")} FOCUS rows)…`);
    const demo = await loadDemoDataset(db, { rows });
    const recs = await generateRecommendations(db);
    console.log(
      `• Demo data loaded: ${demo.ingest.rowsImported.toLocaleString("en-US")} rows in ${(demo.durationMs / 1000).toFixed(1)} s; ` +
        `${recs.created} recommendations. The UI shows a banner while demo data is in use.`,
    );
  }

  const llm = llmFromConfig(config);
  if (llm) {
    const role = config.LLM_WRITE_ANSWERS ? "classifies unsure questions and summarises answers" : "classifies unsure questions only";
    console.log(`• Language model: ${llm.model} at ${config.LLM_BASE_URL} (${role}; answers are computed without it)`);
  }
  const services = createServices({
    db,
    adminEmails: config.ADMIN_EMAILS,
    runner: (deps) => new SupervisorRunner({ ...deps, supervisor: new Supervisor({ db, llm, writeAnswers: config.LLM_WRITE_ANSWERS }) }),
    probes: [
      ...(redis ? [redisProbe(redis)] : []),
      ...(config.QDRANT_URL ? [qdrantProbe(config.QDRANT_URL, config.QDRANT_API_KEY)] : []),
      ...(neo4j ? [neo4j] : []),
    ],
  });
  const dev = config.NODE_ENV === "development";
  const app = next({ dev, dir: root, hostname: "localhost", port: config.PORT });
  await app.prepare();
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { name: string; version: string };

  const appServer = createAppServer({
    services,
    authSecret: secret,
    appUrl: config.appUrl,
    name: pkg.name,
    version: pkg.version,
    next: { handle: app.getRequestHandler(), upgrade: app.getUpgradeHandler() },
  });
  appServer.server.listen(config.PORT, config.HOST, () => {
    console.log(`• FinOps Agent Chat ready on ${config.appUrl} in ${Math.round(performance.now() - started)} ms`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`• ${signal}: asking WebSocket clients to reconnect, then shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      vacuum?.stop();
      await appServer.close();
      await services.bus.close();
      redis?.disconnect();
      await neo4j?.close();
      await closeDatabase();
      clearTimeout(force);
      process.exit(0);
    } catch (error) {
      console.error(error);
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
