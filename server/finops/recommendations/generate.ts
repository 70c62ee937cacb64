import type { Database } from "../../adapters/db/database.ts";
import { saveFindings, type RecommendationFinding } from "./persist.ts";

/** Turns the current analytics findings into recommendations (see persist.ts for the update rules). */
export async function generateRecommendations(db: Database) {
  const started = performance.now();
  const findings: RecommendationFinding[] = [];
  const saved = await saveFindings(db, findings);
  return { ...saved, findings: findings.length, durationMs: Math.round(performance.now() - started) };
}
