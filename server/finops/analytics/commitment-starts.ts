// "Did our spend go down after we bought the savings plan?": when each commitment first appears in the data, and the
// daily cost of the services it covers over equal spans of days before and after that day. Commitments bought before
// the data begins have no before; what they saved over the period is stated instead.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { costTotal } from "./breakdown.ts";
import { addDays, daysBetween, filtersSchema, periodSchema, provenanceOf, SqlParams, tidySql, whereClauses, type Analysis, type Period, type Provenance } from "./scope.ts";
import { sumDecimals } from "./stats.ts";

/** Fewer days than this on either side say nothing about a change (one week holds each weekday once). */
export const MIN_SPAN_DAYS = 7;

export const commitmentStartsInput = z.object({
  /** The days the data covers (end exclusive): the spans before and after each start are clipped to them. */
  dataRange: periodSchema,
  /** The period the savings are summed over. */
  period: periodSchema,
  filters: filtersSchema,
  /** Days on each side of the start, at most. */
  days: z.number().int().min(MIN_SPAN_DAYS).max(90).default(30),
});

/** The covered services' usage cost over one span of days. */
export interface SpanCost {
  period: Period;
  total: string;
  daily: number;
}

export interface CommitmentStart {
  commitmentDiscountId: string;
  commitmentDiscountName: string | null;
  commitmentDiscountType: string | null;
  providerName: string;
  /** The first day any charge carries the commitment. */
  firstDay: string;
  /** The services whose usage it covered (status Used). */
  services: string[];
  /** ContractedCost - EffectiveCost of the usage it covered in `period`. */
  saved: string;
  /** Equal spans of days before and after the first day; null when the data has fewer than MIN_SPAN_DAYS on that side. */
  before: SpanCost | null;
  after: SpanCost | null;
}

export async function commitmentStarts(db: Pick<Database, "sql">, raw: z.input<typeof commitmentStartsInput>): Promise<Analysis<CommitmentStart[]>> {
  const input = commitmentStartsInput.parse(raw);
  const params = new SqlParams();
  // Over all the data (a start is a start whatever the period asked), the filters but no period.
  const where = whereClauses({ table: "cost_line_items", alias: "li", period: input.dataRange, filters: input.filters, params });
  const from = params.add(input.period.start);
  const to = params.add(input.period.end);
  const sql = tidySql(`
    SELECT li.commitment_discount_id AS id, max(li.commitment_discount_name) AS name, max(li.commitment_discount_type) AS type,
      max(li.provider_name) AS provider, min(li.charge_date)::text AS first_day,
      coalesce(array_agg(DISTINCT li.service_name) FILTER (WHERE li.commitment_discount_status = 'Used' AND li.service_name IS NOT NULL), '{}') AS services,
      coalesce(sum(li.contracted_cost - li.effective_cost) FILTER (
        WHERE li.commitment_discount_status = 'Used' AND li.charge_date >= ${from}::date AND li.charge_date < ${to}::date), 0)::text AS saved
    FROM cost_line_items li
    WHERE ${[...where, "li.commitment_discount_id IS NOT NULL"].join(" AND ")}
    GROUP BY li.commitment_discount_id
    ORDER BY first_day, li.commitment_discount_id`);
  type Row = { id: string; name: string | null; type: string | null; provider: string; first_day: string; services: string[]; saved: string };
  const rows = await db.sql.query<Row>(sql, params.values);
  const provenance: Provenance[] = [provenanceOf("Each commitment's first day, covered services and savings", { period: input.dataRange, filters: input.filters, metric: "EffectiveCost" }, "cost_line_items", sql, params)];
  const data: CommitmentStart[] = [];
  for (const r of rows) {
    const firstDay = r.first_day.slice(0, 10);
    const { services } = r;
    const days = Math.min(input.days, daysBetween(input.dataRange.start, firstDay), daysBetween(firstDay, input.dataRange.end));
    const span = async (period: Period): Promise<SpanCost> => {
      const total = await costTotal(db, { period, metric: "EffectiveCost", filters: { ...input.filters, providers: [r.provider], services, chargeCategories: ["Usage"] } });
      provenance.push(...total.provenance);
      return { period, total: total.data.total, daily: total.data.totalValue / daysBetween(period.start, period.end) };
    };
    const measured = days >= MIN_SPAN_DAYS && services.length > 0;
    const [before, after] = measured
      ? await Promise.all([span({ start: addDays(firstDay, -days), end: firstDay }), span({ start: firstDay, end: addDays(firstDay, days) })])
      : [null, null];
    data.push({
      commitmentDiscountId: r.id,
      commitmentDiscountName: r.name,
      commitmentDiscountType: r.type,
      providerName: r.provider,
      firstDay,
      services,
      saved: sumDecimals([r.saved]),
      before,
      after,
    });
  }
  return { data, provenance };
}
