import type { AppConfig } from "../../config.ts";
import { openDatabase, type Database } from "./database.ts";
import { migrate } from "./migrator.ts";

// Next bundles the code it loads (route handlers, server components) separately from the custom server, so a
// module-level singleton would exist twice and PGlite would be opened twice on one data directory. The instance is
// therefore kept on globalThis under a registered symbol that both module graphs resolve to the same slot.
const SLOT = Symbol.for("finops-agent-chat.database");
type Slot = { promise?: Promise<Database> };
const slot = ((globalThis as Record<symbol, Slot>)[SLOT] ??= {});

export function databaseOptionsFromConfig(config: Pick<AppConfig, "DATABASE_URL" | "DATA_DIR">) {
  return config.DATABASE_URL
    ? ({ kind: "postgres", url: config.DATABASE_URL } as const)
    : ({ kind: "pglite", dataDir: `${config.DATA_DIR.replace(/\/$/, "")}/pglite` } as const);
}

/** Opens (once per process) and migrates the configured database. */
export function initDatabase(config: Pick<AppConfig, "DATABASE_URL" | "DATA_DIR">): Promise<Database> {
  slot.promise ??= (async () => {
    const db = await openDatabase(databaseOptionsFromConfig(config));
    await migrate(db.sql, { direction: "up" });
    return db;
  })();
  return slot.promise;
}

/** The process's database; the custom server opens it before Next handles any request. */
export function getDatabase(): Promise<Database> {
  if (!slot.promise) throw new Error("The database is not initialised: start the app with `npm start`.");
  return slot.promise;
}

export async function closeDatabase(): Promise<void> {
  const pending = slot.promise;
  slot.promise = undefined;
  if (pending) await (await pending).close();
}
