import type { Database } from "./database.ts";

/**
 * Tables whose rows are updated in place, each update leaving a dead row version behind: threads (every message
 * touches its thread's updated_at), users, API tokens (last use), recommendations (workflow, regeneration), feedback
 * and imported sources. All small next to the append-only events, messages and cost rows.
 */
export const UPDATED_IN_PLACE = [
  "conversation_threads",
  "users",
  "api_tokens",
  "optimization_recommendations",
  "message_feedback",
  "cost_sources",
] as const;

/** Reclaims the dead row versions of the tables updated in place (and refreshes their planner statistics). */
export async function vacuumUpdatedTables(db: Pick<Database, "sql">): Promise<void> {
  await db.sql.exec(`VACUUM (ANALYZE) ${UPDATED_IN_PLACE.join(", ")}`);
}

/**
 * PGlite has no autovacuum: without this, dead row versions are never reclaimed and the tables above and their
 * indexes grow with every update. Vacuums them now and then every intervalMs (they are small, so PGlite's one
 * thread is held for milliseconds). PostgreSQL's autovacuum does this itself, so there it does nothing (null).
 */
export function scheduleVacuum(
  db: Pick<Database, "kind" | "sql">,
  options: { intervalMs: number; onError?: (error: unknown) => void },
): { stop(): void } | null {
  if (db.kind !== "pglite") return null;
  const run = () => vacuumUpdatedTables(db).catch((error) => options.onError?.(error));
  void run();
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
