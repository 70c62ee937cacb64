import type { Database } from "../adapters/db/database.ts";
import { generateRecommendations } from "../finops/recommendations/generate.ts";

/** Re-runs the recommendation generator over the cost data and prints what changed (one line, for the CLIs). */
export async function regenerateRecommendations(db: Database, prefix: string): Promise<void> {
  const run = await generateRecommendations(db);
  console.log(
    `${prefix}: recommendations regenerated from ${run.findings} finding(s): ${run.created} new, ${run.updated} updated, ` +
      `${run.reactivated} reactivated, ${run.obsoleted} obsolete (${(run.durationMs / 1000).toFixed(1)} s)`,
  );
}
