// How many distinct values of one dimension have cost within each value of another: "how many resources do we have
// in each account?", "how many services per provider?". Counted over the rows with cost in the period, as the
// breakdowns are; a value with no cost in the period is not counted.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { valueLabel } from "./breakdown.ts";
import {
  chooseTable,
  DIMENSION_COLUMNS,
  dimensionSchema,
  filtersSchema,
  METRIC_COLUMNS,
  metricSchema,
  normalizeDecimal,
  periodSchema,
  provenanceOf,
  SqlParams,
  tidySql,
  whereClauses,
  type Analysis,
  type ColumnDimension,
  type Dimension,
} from "./scope.ts";

export const countPerValueInput = z
  .object({
    period: periodSchema,
    filters: filtersSchema,
    metric: metricSchema,
    /** The rows: each value of this dimension. */
    dimension: dimensionSchema,
    tagKey: z.string().trim().min(1).max(200).optional(),
    /** What is counted in each row: the distinct values of this column dimension. */
    countOf: z.enum(Object.keys(DIMENSION_COLUMNS) as [ColumnDimension, ...ColumnDimension[]]),
    /** Only the rows with at least (at most) this many values of countOf: "services in more than one region". */
    countAtLeast: z.number().int().min(0).optional(),
    countAtMost: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).default(50),
  })
  .refine((i) => i.countAtLeast === undefined || i.countAtMost === undefined || i.countAtLeast <= i.countAtMost, {
    message: "countAtLeast cannot be more than countAtMost.",
    path: ["countAtMost"],
  })
  .refine((i) => i.dimension !== "Tag" || i.tagKey, { message: "Grouping by Tag needs a tagKey.", path: ["tagKey"] })
  .refine((i) => i.dimension !== i.countOf, { message: "Count a dimension other than the one the rows are.", path: ["countOf"] });

export interface CountRow {
  key: string | null;
  label: string;
  /** Distinct values of countOf with cost in this row. */
  count: number;
  /** The row's cost, in the metric asked for. */
  amount: string;
  /** When the row has exactly one value of countOf: that value ("the one region this service is in"). */
  sole: { key: string; label: string } | null;
}

export interface CountPerValue {
  dimension: Dimension;
  countOf: ColumnDimension;
  /** Distinct values of countOf in all: a value in two rows (a resource retagged mid-month) counts once here. */
  total: number;
  /** How many rows there are in all; `rows` holds the `limit` with the most. */
  valueCount: number;
  /** How many rows have a count within countAtLeast..countAtMost (all of them when no bound is given; with one, not the row of no value). */
  matching: number;
  /** How many rows are a value (not the cost in no value: taxes billed to no sub-account). */
  named: number;
  /** How many rows have cost in no value of countOf (services with no region: global ones such as CDN and DNS). */
  noneCounted: number;
  /** The rows within the bounds, the most first, then the costliest. */
  rows: CountRow[];
}

/** Per value of `dimension`, how many distinct values of `countOf` have cost, and the row's cost; the most first, then the costliest. */
export async function countPerValue(db: Pick<Database, "sql">, raw: z.input<typeof countPerValueInput>): Promise<Analysis<CountPerValue>> {
  const input = countPerValueInput.parse(raw);
  const counted = DIMENSION_COLUMNS[input.countOf];
  const rowsDimension = input.dimension === "Tag" ? null : DIMENSION_COLUMNS[input.dimension];
  // The daily rollup when it holds the rows' dimension, the filters and the counted column; line items otherwise.
  const rollup = chooseTable({ dimension: input.dimension, tagKey: input.tagKey, filters: input.filters }) === "cost_daily_rollup" && counted.rollup;
  const table = rollup ? "cost_daily_rollup" : "cost_line_items";
  const params = new SqlParams();
  const key = rowsDimension ? `t.${rowsDimension.column}` : `t.tags ->> ${params.add(input.tagKey)}`;
  const where = whereClauses({ table, alias: "t", period: input.period, filters: input.filters, params });
  const metric = METRIC_COLUMNS[input.metric];
  const sql = tidySql(`
    SELECT ${key} AS key, count(DISTINCT t.${counted.column})::int AS n, coalesce(sum(t.${metric}), 0)::text AS amount,
      CASE WHEN count(DISTINCT t.${counted.column}) = 1 THEN min(t.${counted.column}) END AS sole, GROUPING(${key}) AS all_rows
    FROM ${table} t
    ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    GROUP BY GROUPING SETS ((${key}), ())
    ORDER BY all_rows DESC, n DESC, coalesce(sum(t.${metric}), 0) DESC, key ASC NULLS LAST`);
  type Row = { key: string | null; n: number; amount: string; sole: string | null; all_rows: number };
  const result = await db.sql.query<Row>(sql, params.values);
  const totals = result.find((r) => Number(r.all_rows) === 1);
  const values = result.filter((r) => Number(r.all_rows) === 0);
  // With bounds, the cost in no value (taxes and credits billed to no sub-account) is no value that has that many.
  const bounded = input.countAtLeast !== undefined || input.countAtMost !== undefined;
  const within = values.filter((r) => (!bounded || r.key !== null) && r.n >= (input.countAtLeast ?? 0) && r.n <= (input.countAtMost ?? Infinity));
  return {
    data: {
      dimension: input.dimension,
      countOf: input.countOf,
      total: totals?.n ?? 0,
      valueCount: values.length,
      matching: within.length,
      noneCounted: values.filter((r) => r.n === 0).length,
      named: values.filter((r) => r.key !== null).length,
      rows: within.slice(0, input.limit).map((r) => ({
        key: r.key,
        label: valueLabel(r.key, input.dimension),
        count: r.n,
        amount: normalizeDecimal(r.amount),
        sole: r.sole === null ? null : { key: r.sole, label: valueLabel(r.sole, input.countOf) },
      })),
    },
    provenance: [
      provenanceOf(`Distinct ${input.countOf} values with cost per ${input.dimension === "Tag" ? `tag ${input.tagKey}` : input.dimension}`, input, table, sql, params),
    ],
  };
}
