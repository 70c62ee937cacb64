// Cost breakdown: spend grouped by one dimension, top N plus "Others", and the total it adds up to.
// Charge categories: all of them by default (Usage, Purchase, Tax, Credit as negative amounts, Adjustment), so the
// total matches the invoice; `filters.chargeCategories` narrows that.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import {
  amountBoundSchema,
  DEFAULT_PLACEHOLDER_VALUES,
  chooseTable,
  DIMENSION_COLUMNS,
  dimensionSchema,
  filtersSchema,
  METRIC_COLUMNS,
  metricSchema,
  normalizeDecimal,
  periodSchema,
  provenanceOf,
  ratio,
  SqlParams,
  toUnits,
  whereClauses,
  type Analysis,
  type CostTable,
  type Dimension,
  type Filters,
  type Metric,
  type Period,
  type Provenance,
} from "./scope.ts";

type Db = Pick<Database, "sql">;

export const UNTAGGED_LABEL = "(untagged)";
/** A tag value expression with placeholder values ("unknown", "n/a", "TBD", "") read as no value (NULL). */
export const placeholdersPooled = (key: string, params: SqlParams) =>
  `CASE WHEN lower(btrim(${key})) = ANY(${params.add(DEFAULT_PLACEHOLDER_VALUES)}::text[]) THEN NULL ELSE ${key} END`;

/** The untagged row when placeholder values are pooled with it (costBreakdown's poolPlaceholders). */
export const UNTAGGED_OR_PLACEHOLDER_LABEL = "(untagged or placeholder)";
export const NO_VALUE_LABEL = "(none)";
// Rows with no value for the dimension, named for what they are: charges not tied to a resource (fees, credits,
// tax, support), global services with no region, usage outside any sub-account.
const EMPTY_LABELS: Partial<Record<Dimension, string>> = {
  Tag: UNTAGGED_LABEL,
  ResourceId: "(no resource)",
  ResourceGroup: "(no resource group)",
  SkuId: "(no SKU)",
  SubAccountId: "(no sub-account)",
  SubAccountName: "(no sub-account)",
  RegionId: "(no region)",
  PricingCategory: "(no pricing category)",
};

/** The label of the row that gathers costs without a value for `dimension`. */
export const emptyLabelFor = (dimension: Dimension): string => EMPTY_LABELS[dimension] ?? NO_VALUE_LABEL;
/** How a row names its value: "(no sub-account)" when it has none, "(empty value)" for a tag set to "". */
export const valueLabel = (key: string | null, dimension: Dimension): string => (key === null ? emptyLabelFor(dimension) : key === "" ? EMPTY_VALUE_LABEL : key);
const EMPTY_VALUE_LABEL = "(empty value)";
export const OTHERS_KEY = "(others)";

const tagKeySchema = z.string().trim().min(1, "Name the tag key to group by.").max(200);

export const costTotalInput = z.object({ period: periodSchema, filters: filtersSchema, metric: metricSchema });
export type CostTotalInput = z.output<typeof costTotalInput>;

export const costBreakdownInput = z
  .object({
    period: periodSchema,
    filters: filtersSchema,
    metric: metricSchema,
    dimension: dimensionSchema.default("ServiceName"),
    tagKey: tagKeySchema.optional(),
    limit: z.number().int().min(1, "Show at least one row.").max(1000).default(10),
    includeOthers: z.boolean().default(true),
    /** "largest": by size whatever the sign (a credit of $500 before a cost of $100); "smallest": least cost first. */
    order: z.enum(["largest", "smallest"]).default("largest"),
    /** Grouping by a tag: placeholder values ("unknown", "n/a", "TBD", "") join the untagged row, as no one's cost. */
    poolPlaceholders: z.boolean().default(false),
    /**
     * "Resources over $1,000": only values whose amount is above (below) this rank and are counted in `matching`; the
     * cost with no value (no resource, untagged) never matches. The total stays the whole scope's.
     */
    amountAbove: amountBoundSchema,
    amountBelow: amountBoundSchema,
  })
  .refine((i) => i.dimension !== "Tag" || i.tagKey, { message: "Grouping by Tag needs a tagKey.", path: ["tagKey"] })
  .refine((i) => i.amountAbove === undefined || i.amountBelow === undefined || i.amountAbove < i.amountBelow, {
    message: "amountAbove must be less than amountBelow, or no value can match both.",
    path: ["amountAbove"],
  });
export type CostBreakdownInput = z.output<typeof costBreakdownInput>;

export interface BreakdownRow {
  /** The dimension value; null when the rows have none (no sub-account, untagged...). */
  key: string | null;
  label: string;
  /** For ids (resources, sub-accounts, billing accounts): the name FOCUS carries beside it, when there is one. */
  name?: string | null;
  /** Exact decimal string. */
  amount: string;
  /** `amount` as a number, for charts. */
  value: number;
  /** amount / total; null when the total is zero. */
  share: number | null;
  isOthers: boolean;
}

export interface Breakdown {
  dimension: Dimension;
  tagKey: string | null;
  metric: Metric;
  rows: BreakdownRow[];
  /** How many distinct values the dimension has in the period (the rows show at most `limit` of them). */
  valueCount: number;
  /** With amountAbove/amountBelow: how many values matched and what they came to (the rows show at most `limit`). */
  matching: { count: number; amount: string } | null;
  /** The smallest and largest amount of a named value (null when there is none): "none under $50; the cheapest, $61". */
  valueRange: { smallest: string; largest: string } | null;
  total: string;
  totalValue: number;
}

/**
 * The table a grouping can be answered from: chooseTable's choice, except that the tag rollup only answers a tag
 * grouping whose tag filter (if any) is on the same key, since it holds one row per (line item, tag key).
 */
export function tableFor(input: { dimension?: Dimension; tagKey?: string; filters: Filters }): CostTable {
  const table = chooseTable(input);
  if (table !== "cost_tag_daily_rollup" || input.dimension !== "Tag") return table;
  const otherKeys = (input.filters.tags ?? []).filter((t) => t.key !== input.tagKey);
  return otherKeys.length ? "cost_line_items" : table;
}

/**
 * SQL yielding one row per stored row in scope: (charge_date, key, amount), where key is the dimension value (null
 * without a dimension) and amount the metric. Summing `amount` over it gives the total for any grouping.
 */
export function costRowsQuery(input: {
  period: Period | null;
  filters: Filters;
  metric: Metric;
  dimension?: Dimension;
  tagKey?: string;
  params: SqlParams;
}): { sql: string; table: CostTable } {
  const { period, filters, params } = input;
  const metric = METRIC_COLUMNS[input.metric];
  const table = tableFor(input);
  const where = (t: CostTable, groupTagKey?: string) => {
    const clauses = whereClauses({ table: t, alias: "t", period, filters, params, groupTagKey });
    return clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
  };
  if (input.dimension !== "Tag") {
    const key = input.dimension ? `t.${DIMENSION_COLUMNS[input.dimension].column}::text` : "NULL::text";
    return { table, sql: `SELECT t.charge_date, ${key} AS key, t.${metric} AS amount FROM ${table} t ${where(table)}` };
  }
  const tagKey = input.tagKey!;
  if (table === "cost_line_items") {
    const key = `t.tags ->> ${params.add(tagKey)}`;
    return { table, sql: `SELECT t.charge_date, ${key} AS key, t.${metric} AS amount FROM ${table} t ${where(table)}` };
  }
  // Tag rollup: tagged rows come from it directly; rows without the key are "everything minus the tagged rows",
  // i.e. the daily rollup (same filters) minus the tag rollup, so the groups still add up to the total exactly.
  const tagged = `SELECT t.charge_date, t.tag_value AS key, t.${metric} AS amount
    FROM cost_tag_daily_rollup t ${where("cost_tag_daily_rollup", tagKey)}`;
  if (filters.tags?.length) return { table, sql: tagged };
  const all = `SELECT t.charge_date, NULL::text AS key, t.${metric} AS amount
    FROM cost_daily_rollup t ${where("cost_daily_rollup")}`;
  const minusTagged = `SELECT t.charge_date, NULL::text AS key, -t.${metric} AS amount
    FROM cost_tag_daily_rollup t ${where("cost_tag_daily_rollup", tagKey)}`;
  return { table: "cost_tag_daily_rollup", sql: `${tagged}\n UNION ALL ${all}\n UNION ALL ${minusTagged}` };
}


/** Total spend in scope: the number every breakdown, trend and allocation of the same scope adds up to. */
export async function costTotal(
  db: Db,
  raw: z.input<typeof costTotalInput>,
): Promise<Analysis<{ metric: Metric; total: string; totalValue: number }>> {
  const input = costTotalInput.parse(raw);
  const params = new SqlParams();
  const rows = costRowsQuery({ ...input, params });
  const sql = `SELECT coalesce(sum(r.amount), 0)::text AS total FROM (${rows.sql}) r`;
  const [row] = await db.sql.query<{ total: string }>(sql, params.values);
  const total = normalizeDecimal(row?.total);
  return {
    data: { metric: input.metric, total, totalValue: Number(total) },
    provenance: [provenanceOf(`Total ${input.metric}`, input, rows.table, sql, params)],
  };
}

export async function costBreakdown(db: Db, raw: z.input<typeof costBreakdownInput>): Promise<Analysis<Breakdown>> {
  const input = costBreakdownInput.parse(raw);
  const params = new SqlParams();
  const rows = costRowsQuery({ ...input, tagKey: input.tagKey ?? undefined, params });
  const limit = params.add(input.limit);
  // Ranking, the "Others" remainder and the total all come from the same grouped rows in one statement, so the
  // shown rows plus Others equal the total exactly. Rows rank by size whatever their sign: in a breakdown of credits
  // (all negative) the largest credit comes first. The cost with no value ("(no resource)", untagged) is always shown,
  // in its place by size, but takes none of the `limit` places: the top 5 resources are five resources. Smallest
  // first ("the least expensive services") ranks by amount, credits (negative) before the cheapest costs, and puts the
  // cost with no value after the named ones ("(no region)" is not the cheapest region).
  const by = input.order === "smallest" ? "amount ASC" : "abs(amount) DESC, amount DESC";
  // Tag coverage counts placeholder values as untagged (tag-coverage.ts): pooled, they are one row with the untagged.
  const pooled = input.poolPlaceholders && input.dimension === "Tag";
  const key = pooled ? placeholdersPooled("r.key", params) : "r.key";
  // The values that take a place: every named one, or with an amount bound ("resources over $1,000") only those within
  // it. The rest are neither ranked nor in Others, and the cost with no value is then not shown: they only count
  // towards the total.
  const bounded = input.amountAbove !== undefined || input.amountBelow !== undefined;
  const ranks = [
    "key IS NOT NULL",
    ...(input.amountAbove === undefined ? [] : [`amount > ${params.add(String(input.amountAbove))}::numeric`]),
    ...(input.amountBelow === undefined ? [] : [`amount < ${params.add(String(input.amountBelow))}::numeric`]),
  ].join(" AND ");
  const sql = `WITH grouped AS (
      SELECT ${key} AS key, sum(r.amount) AS amount FROM (${rows.sql}) r GROUP BY 1),
    placed AS (SELECT key, amount, (${ranks}) AS ranks FROM grouped),
    ranked AS (
      SELECT key, amount, ranks,
             CASE WHEN ranks THEN row_number() OVER (PARTITION BY ranks ORDER BY ${by}, key ASC) ELSE 0 END AS rank,
             row_number() OVER (ORDER BY ${input.order === "smallest" ? "key IS NULL, " : ""}${by}, key ASC NULLS LAST) AS position
      FROM placed)
    SELECT 'value' AS kind, key, amount::text AS amount, position AS rank FROM ranked
      WHERE (ranks AND rank <= ${limit})${bounded ? "" : " OR key IS NULL"}
    UNION ALL SELECT 'others', NULL, coalesce(sum(amount), 0)::text, count(*) FROM ranked WHERE rank > ${limit}
    UNION ALL SELECT 'matching', NULL, coalesce(sum(amount) FILTER (WHERE ranks), 0)::text, count(*) FILTER (WHERE ranks) FROM ranked
    UNION ALL SELECT 'smallest', NULL, min(amount) FILTER (WHERE key IS NOT NULL)::text, count(key) FROM ranked
    UNION ALL SELECT 'largest', NULL, max(amount) FILTER (WHERE key IS NOT NULL)::text, count(key) FROM ranked
    UNION ALL SELECT 'total', NULL, coalesce(sum(amount), 0)::text, count(*) FROM ranked`;
  const result = await db.sql.query<{ kind: string; key: string | null; amount: string; rank: string | number }>(
    sql,
    params.values,
  );
  const totalRow = result.find((r) => r.kind === "total")!;
  const others = result.find((r) => r.kind === "others")!;
  const matching = result.find((r) => r.kind === "matching")!;
  const smallest = result.find((r) => r.kind === "smallest")!;
  const largest = result.find((r) => r.kind === "largest")!;
  const total = normalizeDecimal(totalRow.amount);
  const row = (key: string | null, label: string, amount: string, isOthers: boolean): BreakdownRow => {
    const exact = normalizeDecimal(amount);
    return { key, label, amount: exact, value: Number(exact), share: ratio(toUnits(exact), toUnits(total)), isOthers };
  };
  const rowsOut = result
    .filter((r) => r.kind === "value")
    .sort((a, b) => Number(a.rank) - Number(b.rank))
    .map((r) => row(r.key, r.key === null && pooled ? UNTAGGED_OR_PLACEHOLDER_LABEL : valueLabel(r.key, input.dimension), r.amount, false));
  if (input.includeOthers && Number(others.rank) > 0) rowsOut.push(row(OTHERS_KEY, "Others", others.amount, true));
  const named = await nameIds(db, input.dimension, input.period, rowsOut);
  return {
    data: {
      dimension: input.dimension,
      tagKey: input.dimension === "Tag" ? input.tagKey! : null,
      metric: input.metric,
      rows: rowsOut,
      valueCount: Number(totalRow.rank),
      matching: bounded ? { count: Number(matching.rank), amount: normalizeDecimal(matching.amount) } : null,
      valueRange: Number(smallest.rank) > 0 ? { smallest: normalizeDecimal(smallest.amount), largest: normalizeDecimal(largest.amount) } : null,
      total,
      totalValue: Number(total),
    },
    provenance: [
      provenanceOf(`${input.metric} by ${input.dimension === "Tag" ? `tag ${input.tagKey}` : input.dimension}`, input, rows.table, sql, params),
      ...(named ? [named] : []),
    ],
  };
}

// FOCUS carries a name beside these ids (ResourceName, SubAccountName, BillingAccountName); a SKU is named by what
// its charges say it is (ChargeDescription: "Linux/UNIX On Demand m6i.xlarge Instance Hour").
const NAME_COLUMNS: Partial<Record<Dimension, { id: string; name: string; table: CostTable }>> = {
  ResourceId: { id: "resource_id", name: "resource_name", table: "cost_line_items" },
  SkuId: { id: "sku_id", name: "charge_description", table: "cost_line_items" },
  SubAccountId: { id: "sub_account_id", name: "sub_account_name", table: "cost_daily_rollup" },
  BillingAccountId: { id: "billing_account_id", name: "billing_account_name", table: "cost_daily_rollup" },
};

/**
 * Sets `name` on rows whose key is an id FOCUS names (resources, sub-accounts, billing accounts), read over `period`
 * (null when it has none); returns the provenance of that read, or null when the dimension has no names.
 */
export async function nameIds(
  db: Db,
  dimension: Dimension,
  period: Period,
  rows: Array<{ key: string | null; isOthers: boolean; name?: string | null }>,
): Promise<Provenance | null> {
  const columns = NAME_COLUMNS[dimension];
  const ids = rows.filter((r): r is typeof r & { key: string } => !r.isOthers && r.key !== null);
  if (!columns || ids.length === 0) return null;
  const params = new SqlParams();
  const where = whereClauses({ table: columns.table, alias: "t", period, filters: {}, params });
  where.push(`t.${columns.id} = ANY(${params.add(ids.map((r) => r.key))}::text[])`);
  const sql = `SELECT t.${columns.id} AS key, max(t.${columns.name}) AS name FROM ${columns.table} t
    WHERE ${where.join(" AND ")} GROUP BY t.${columns.id}`;
  const found = await db.sql.query<{ key: string; name: string | null }>(sql, params.values);
  const byKey = new Map(found.map((r) => [r.key, r.name]));
  for (const r of ids) r.name = byKey.get(r.key) ?? null;
  return provenanceOf(`Names of the ${dimension} values shown`, { period, filters: {}, metric: null }, columns.table, sql, params);
}
