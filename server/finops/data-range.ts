import type { Database } from "../adapters/db/database.ts";
import { isDemoData } from "./demo/load.ts";

/** The days the cost store covers: first and last charge date (inclusive), or null when it is empty. */
export async function costDataRange(db: Pick<Database, "sql">): Promise<{ start: string; end: string } | null> {
  const [row] = await db.sql.query<{ start: string | Date | null; end: string | Date | null }>(
    `SELECT min(charge_date)::text AS start, max(charge_date)::text AS "end" FROM cost_daily_rollup`,
  );
  if (!row?.start || !row.end) return null;
  return { start: String(row.start).slice(0, 10), end: String(row.end).slice(0, 10) };
}

/** Whether cost data is present, whether all of it is the generated demo dataset (the UI shows a banner), and its days. */
export async function costDataStatus(db: Pick<Database, "sql">) {
  const [range, isDemo] = await Promise.all([costDataRange(db), isDemoData(db)]);
  return { hasData: range !== null, isDemo, range };
}

export function addDaysIso(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
