// Budgets people keep: list them with their status, and create, edit and delete them. Amounts go to numeric(20, 2)
// as the text they were given, never through a float.
//
// Names are unique regardless of case (the chat names a budget by its words). The demo dataset's budgets carry
// {"demo": true} in their filters, which a demo reload deletes them by before inserting fresh ones: editing one keeps
// the marker, so a reload replaces it (edits included) instead of adding a second budget of the same name, and budgets
// created here never carry it, so a reload neither touches nor resurrects them. For the same reason names starting
// with the demo's prefix ("Demo: ") are kept for the demo's own budgets.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import type { SqlDriver } from "../../adapters/db/driver.ts";
import { AppError } from "../../errors.ts";
import {
  BUDGET_COLUMNS,
  budgetHistory,
  budgetHistoryInput,
  budgetRowOf,
  budgetStatusOf,
  readBudgets,
  type BudgetFilters,
  type BudgetHistory,
  type BudgetRow,
  type BudgetStatus,
  type StoredBudgetRow,
} from "../analytics/budgets.ts";
import { costDataRange } from "../data-range.ts";
import { DEMO_BUDGET_PREFIX } from "../demo/budgets.ts";
import { budgetIdSchema, budgetInput, budgetUpdateInput, type BudgetInput, type BudgetPeriod } from "./schemas.ts";

type Db = Pick<Database, "sql">;

export interface Budget {
  id: string;
  name: string;
  /** Exact, with two decimals ("5000.00"). */
  amount: string;
  /** ISO 4217: only spend billed in this currency counts against the budget. */
  currency: string;
  period: BudgetPeriod;
  /** YYYY-MM-DD; periods are anchored on it. */
  startDate: string;
  /** YYYY-MM-DD, inclusive; null: open-ended. */
  endDate: string | null;
  filters: BudgetFilters;
  /** One of the demo dataset's budgets: a demo reload replaces it. */
  isDemo: boolean;
  createdAt: Date;
}

/** The status fields of budgetStatusOf that the budget itself does not already say. */
export type BudgetCurrentStatus = Omit<BudgetStatus, "id" | "name" | "amount" | "currency" | "cadence" | "filters">;

export interface BudgetWithStatus extends Budget {
  /** As of the last day of cost data; null when no cost data is loaded. */
  status: BudgetCurrentStatus | null;
}

const DEMO_MARKER = `'{"demo": true}'::jsonb`;

/** A stored budget as the procedures give it: camelCase, the demo marker read out of its filters. */
function toBudget(row: BudgetRow): Budget {
  const { demo, ...filters } = row.filters as BudgetFilters & { demo?: boolean };
  return {
    id: row.id,
    name: row.name,
    amount: row.amount,
    currency: row.currency,
    period: row.period,
    startDate: row.start_date,
    endDate: row.end_date,
    filters,
    isDemo: demo === true,
    createdAt: row.created_at,
  };
}

/** Runs an INSERT or UPDATE ... RETURNING BUDGET_COLUMNS and gives the budget written. */
async function written(tx: SqlDriver, sql: string, params: unknown[]): Promise<Budget> {
  const [row] = await tx.query<StoredBudgetRow>(`${sql} RETURNING ${BUDGET_COLUMNS}`, params);
  return toBudget(budgetRowOf(row!));
}

const notFound = () => new AppError("not_found:cost", "That budget does not exist. It may have been deleted: reload the list.");

/** Every budget, by name. */
export async function listBudgets(db: Db): Promise<Budget[]> {
  return (await readBudgets(db)).budgets.map(toBudget);
}

/** Every budget with its current period's spend, burn rate, projection and status, as of the last day of cost data. */
export async function listBudgetsWithStatus(db: Db): Promise<{ asOf: string | null; budgets: BudgetWithStatus[] }> {
  const [{ budgets }, range] = await Promise.all([readBudgets(db), costDataRange(db)]);
  const listed: BudgetWithStatus[] = [];
  for (const row of budgets) {
    let status: BudgetCurrentStatus | null = null;
    if (range) {
      const { id, name, amount, currency, cadence, filters, ...current } = (await budgetStatusOf(db, row, range.end, "EffectiveCost")).status;
      status = current;
    }
    listed.push({ ...toBudget(row), status });
  }
  return { asOf: range?.end ?? null, budgets: listed };
}

/** budget.history's input: the span, and asOf (by default the last day of cost data). */
export const budgetHistoryQuery = budgetHistoryInput.extend({ asOf: budgetHistoryInput.shape.asOf.optional() });

/** Every budget's periods overlapping a span, each with its spend, whether it went over, by how much and on what day. */
export async function listBudgetHistory(db: Db, raw: z.input<typeof budgetHistoryQuery>): Promise<{ asOf: string | null; budgets: BudgetHistory[] }> {
  const input = budgetHistoryQuery.parse(raw);
  const asOf = input.asOf ?? (await costDataRange(db))?.end;
  if (!asOf) return { asOf: null, budgets: [] };
  return { asOf, budgets: (await budgetHistory(db, { ...input, asOf })).data };
}

export async function createBudget(db: Db, raw: z.input<typeof budgetInput>): Promise<Budget> {
  const input = budgetInput.parse(raw);
  return db.sql.transaction(async (tx) => {
    await lockBudgets(tx);
    await checkName(tx, input.name, { id: null, isDemo: false });
    return written(
      tx,
      `INSERT INTO budgets (name, amount, currency, period, start_date, end_date, filters)
       VALUES ($1, $2::numeric, $3, $4, $5::date, $6::date, $7::jsonb)`,
      [...fieldValues(input), JSON.stringify(input.filters)],
    );
  });
}

/** Replaces every field of a budget; a demo budget stays one (see the top of this file). */
export async function updateBudget(db: Db, raw: z.input<typeof budgetUpdateInput>): Promise<Budget> {
  const { id, ...input } = budgetUpdateInput.parse(raw);
  return db.sql.transaction(async (tx) => {
    await lockBudgets(tx);
    const [current] = await tx.query<{ is_demo: boolean }>(`SELECT filters @> ${DEMO_MARKER} AS is_demo FROM budgets WHERE id = $1`, [id]);
    if (!current) throw notFound();
    await checkName(tx, input.name, { id, isDemo: current.is_demo });
    const filters = current.is_demo ? { ...input.filters, demo: true } : input.filters;
    return written(
      tx,
      `UPDATE budgets SET name = $1, amount = $2::numeric, currency = $3, period = $4, start_date = $5::date, end_date = $6::date,
         filters = $7::jsonb
       WHERE id = $8`,
      [...fieldValues(input), JSON.stringify(filters), id],
    );
  });
}

export async function deleteBudget(db: Db, rawId: string): Promise<{ deleted: true }> {
  const id = budgetIdSchema.parse(rawId);
  const rows = await db.sql.query(`DELETE FROM budgets WHERE id = $1 RETURNING id`, [id]);
  if (rows.length === 0) throw notFound();
  return { deleted: true };
}

const fieldValues = (b: BudgetInput) => [b.name, b.amount, b.currency, b.period, b.startDate, b.endDate];

/**
 * Serialises budget writes (reads go on), so two people saving the same new name at once cannot both pass the
 * check below: the table has no unique index on the name, and a case-insensitive one would need a migration.
 */
async function lockBudgets(tx: SqlDriver): Promise<void> {
  await tx.query(`LOCK TABLE budgets IN SHARE ROW EXCLUSIVE MODE`);
}

/** Refuses a name another budget has (whatever its case), and the demo's prefix on a budget that is not the demo's. */
async function checkName(tx: SqlDriver, name: string, budget: { id: string | null; isDemo: boolean }): Promise<void> {
  if (!budget.isDemo && name.toLowerCase().startsWith(DEMO_BUDGET_PREFIX.toLowerCase())) {
    throw new AppError("conflict:cost", `Names starting with "${DEMO_BUDGET_PREFIX.trim()}" are kept for the demo dataset's budgets: choose another name.`);
  }
  const [taken] = await tx.query<{ name: string }>(
    `SELECT name FROM budgets WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid LIMIT 1`,
    [name, budget.id],
  );
  if (taken) throw new AppError("conflict:cost", `A budget named "${taken.name}" already exists: choose another name, or edit that budget.`);
}
