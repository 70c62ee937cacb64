// Tag coverage: how much of the spend, and how many resources, carry a real value for each tag key.
// Charge categories: all by default (an untagged credit or tax row lowers cost coverage, as it is spend nobody owns);
// filter with chargeCategories, e.g. ["Usage"], to measure tagging of consumption only.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { valueLabel } from "./breakdown.ts";
import {
  amountBoundSchema,
  DEFAULT_PLACEHOLDER_VALUES,
  filtersSchema,
  fromUnits,
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
  type Metric,
  type Provenance,
} from "./scope.ts";

const placeholdersSchema = z
  .array(z.string().max(200))
  .max(100)
  .default(DEFAULT_PLACEHOLDER_VALUES)
  .transform((values) => [...new Set(values.map((v) => v.trim().toLowerCase()))]);
const tagKey = z.string().trim().min(1, "Name the tag key.").max(200);

export const tagCoverageInput = z.object({
  period: periodSchema,
  filters: filtersSchema,
  metric: metricSchema,
  /** Default: every key seen on a line item in the period. */
  tagKeys: z.array(tagKey).max(50).optional(),
  placeholderValues: placeholdersSchema,
});
export type TagCoverageInput = z.output<typeof tagCoverageInput>;

export const topUntaggedInput = z.object({
  period: periodSchema,
  filters: filtersSchema,
  metric: metricSchema,
  /** Without a key: the spend with no real value for any tag (no tags at all, or only placeholders). */
  tagKey: tagKey.optional(),
  by: z.enum(["BillingAccountId", "SubAccountId", "ServiceName", "ResourceId"]).default("ServiceName"),
  limit: z.number().int().min(1).max(100).default(10),
  placeholderValues: placeholdersSchema,
  /** "Untagged resources over $500": only the values whose untagged cost is above this, counted in `matching`. */
  amountAbove: amountBoundSchema,
});
export type TopUntaggedInput = z.output<typeof topUntaggedInput>;

export interface TagKeyCoverage {
  tagKey: string;
  totalCost: string;
  /** Cost of line items whose value for the key is real (present, not null, not a placeholder). */
  taggedCost: string;
  untaggedCost: string;
  /** taggedCost / totalCost in percent; null when the total is zero. */
  costCoveragePercent: number | null;
  /** Resources (distinct ResourceId; a line item without ResourceId counts as its own resource). */
  resourceCount: number;
  /** Resources whose every line item in the period has a real value. */
  taggedResourceCount: number;
  countCoveragePercent: number | null;
  /** Resources with a ResourceId (charges on none, such as tax, left out) lacking a real value on some line item. */
  identifiedWithout: number;
}

export interface TagCoverage {
  metric: Metric;
  placeholderValues: string[];
  keys: TagKeyCoverage[];
  /** Over the keys read together: the cost of line items with a real value for none of them, and for all of them. */
  together: {
    totalCost: string;
    noKeyCost: string;
    noKeyPercent: number | null;
    everyKeyCost: string;
    everyKeyPercent: number | null;
    /** Resources with a ResourceId and cost lines in the period (charges on no resource, such as tax, are none). */
    identifiedResources: number;
    /** Of those, the ones none of whose line items carries a real value for any of the keys. */
    identifiedWithNoKey: number;
  };
}

/** SQL condition: `tags` has a real value for the key in placeholder `key`. */
const hasRealValue = (tags: string, key: string, placeholders: string) =>
  `coalesce(lower(btrim(${tags} ->> ${key})) <> ALL(${placeholders}::text[]), false)`;

export async function tagCoverage(db: Pick<Database, "sql">, raw: z.input<typeof tagCoverageInput>): Promise<Analysis<TagCoverage>> {
  const input = tagCoverageInput.parse(raw);
  const provenance: Provenance[] = [];
  const params = new SqlParams();
  const where = whereClauses({ table: "cost_line_items", alias: "li", period: input.period, filters: input.filters, params });
  const whereSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
  let keys = input.tagKeys;
  if (!keys) {
    const keysSql = `SELECT DISTINCT k.key FROM cost_line_items li CROSS JOIN LATERAL jsonb_object_keys(li.tags) AS k(key)
      ${whereSql} ORDER BY k.key`;
    keys = (await db.sql.query<{ key: string }>(keysSql, params.values)).map((r) => r.key);
    provenance.push(provenanceOf("Tag keys seen in the period", input, "cost_line_items", keysSql, params));
  }
  const keysParam = params.add(keys);
  const placeholders = params.add(input.placeholderValues);
  // Line items, not the tag rollup: counting resources needs ResourceId, and placeholder matching is per value. One
  // scan serves both the per-key coverage and the cost with none (and with all) of the keys (the "together" row).
  const real = (key: string) => hasRealValue("i.tags", key, placeholders);
  const sql = `WITH items AS (
      SELECT coalesce(li.resource_id, 'line-item:' || li.id) AS resource, li.resource_id IS NOT NULL AS identified, li.tags,
        li.${METRIC_COLUMNS[input.metric]} AS amount
      FROM cost_line_items li ${whereSql}),
    per_resource AS (
      SELECT k.key, i.resource, bool_and(i.identified) AS identified, sum(i.amount) AS amount,
        coalesce(sum(i.amount) FILTER (WHERE ${real("k.key")}), 0) AS tagged,
        bool_and(${real("k.key")}) AS covered
      FROM unnest(${keysParam}::text[]) AS k(key) CROSS JOIN items i GROUP BY k.key, i.resource),
    bare AS (
      SELECT i.resource, bool_and(NOT EXISTS (SELECT 1 FROM unnest(${keysParam}::text[]) AS k(key) WHERE ${real("k.key")})) AS none
      FROM items i WHERE i.identified GROUP BY i.resource)
    SELECT k.key, coalesce(sum(p.amount), 0)::text AS total, coalesce(sum(p.tagged), 0)::text AS tagged,
      count(p.resource) AS resources, count(p.resource) FILTER (WHERE p.covered) AS covered,
      count(p.resource) FILTER (WHERE p.identified AND NOT p.covered) AS without, NULL AS none, NULL AS every,
      NULL AS identified, NULL AS bare
    FROM unnest(${keysParam}::text[]) AS k(key) LEFT JOIN per_resource p ON p.key = k.key
    GROUP BY k.key
    UNION ALL
    SELECT NULL, coalesce(sum(i.amount), 0)::text, NULL, NULL, NULL, NULL,
      coalesce(sum(i.amount) FILTER (WHERE NOT EXISTS (SELECT 1 FROM unnest(${keysParam}::text[]) AS k(key) WHERE ${real("k.key")})), 0)::text,
      coalesce(sum(i.amount) FILTER (WHERE NOT EXISTS (SELECT 1 FROM unnest(${keysParam}::text[]) AS k(key) WHERE NOT ${real("k.key")})), 0)::text,
      (SELECT count(*) FROM bare), (SELECT count(*) FROM bare WHERE bare.none)
    FROM items i
    ORDER BY 1`;
  type Count = string | number;
  type Row = { key: string | null; total: string; tagged: string; resources: Count; covered: Count; without: Count; none: string; every: string; identified: Count; bare: Count };
  const result = await db.sql.query<Row>(sql, params.values);
  provenance.push(provenanceOf("Tag coverage per key, and the cost with none and with all of the keys", input, "cost_line_items", sql, params));
  const rows = result.filter((r): r is Row & { key: string } => r.key !== null);
  const together = result.find((r) => r.key === null)!;
  const percent = (part: bigint, whole: bigint) => {
    const r = ratio(part, whole);
    return r === null ? null : r * 100;
  };
  const totalUnits = toUnits(together.total);
  return {
    data: {
      metric: input.metric,
      placeholderValues: input.placeholderValues,
      keys: rows.map((r) => {
        const total = toUnits(r.total);
        const tagged = toUnits(r.tagged);
        return {
          tagKey: r.key,
          totalCost: normalizeDecimal(r.total),
          taggedCost: normalizeDecimal(r.tagged),
          untaggedCost: fromUnits(total - tagged),
          costCoveragePercent: percent(tagged, total),
          resourceCount: Number(r.resources),
          taggedResourceCount: Number(r.covered),
          countCoveragePercent: percent(BigInt(r.covered), BigInt(r.resources)),
          identifiedWithout: Number(r.without),
        };
      }),
      together: {
        totalCost: normalizeDecimal(together.total),
        noKeyCost: normalizeDecimal(together.none),
        noKeyPercent: percent(toUnits(together.none), totalUnits),
        everyKeyCost: normalizeDecimal(together.every),
        everyKeyPercent: percent(toUnits(together.every), totalUnits),
        identifiedResources: Number(together.identified),
        identifiedWithNoKey: Number(together.bare),
      },
    },
    provenance,
  };
}

export interface UntaggedSpend {
  key: string | null;
  label: string;
  /** Spend in scope whose line items lack a real value for the tag key. */
  amount: string;
  value: number;
  lineItemCount: number;
}

const UNTAGGED_BY_COLUMN = { BillingAccountId: "billing_account_id", SubAccountId: "sub_account_id", ServiceName: "service_name", ResourceId: "resource_id" };

/** Where the untagged spend for one key sits: the accounts, sub-accounts, services or resources to chase first. */
export async function topUntagged(
  db: Pick<Database, "sql">,
  raw: z.input<typeof topUntaggedInput>,
): Promise<Analysis<{
  tagKey: string | null;
  by: TopUntaggedInput["by"];
  rows: UntaggedSpend[];
  total: string;
  /** With amountAbove: how many values are past it and what they come to (the rows show at most `limit`). */
  matching: { count: number; amount: string } | null;
}>> {
  const input = topUntaggedInput.parse(raw);
  const params = new SqlParams();
  const where = whereClauses({ table: "cost_line_items", alias: "li", period: input.period, filters: input.filters, params });
  const placeholders = params.add(input.placeholderValues);
  where.push(
    input.tagKey === undefined
      ? `NOT EXISTS (SELECT 1 FROM jsonb_object_keys(coalesce(li.tags, '{}'::jsonb)) AS k(key) WHERE ${hasRealValue("li.tags", "k.key", placeholders)})`
      : `NOT ${hasRealValue("li.tags", params.add(input.tagKey), placeholders)}`,
  );
  const column = UNTAGGED_BY_COLUMN[input.by];
  // The rows shown are the largest of those past the amount (all of them without one); the total is all untagged
  // spend in scope, and the cost with no value (no resource) is never past an amount.
  const matches = input.amountAbove === undefined ? "true" : `key IS NOT NULL AND amount > ${params.add(String(input.amountAbove))}::numeric`;
  const sql = `WITH grouped AS (
      SELECT li.${column} AS key, sum(li.${METRIC_COLUMNS[input.metric]}) AS amount, count(*) AS n
      FROM cost_line_items li WHERE ${where.join(" AND ")} GROUP BY 1),
    marked AS (SELECT key, amount, n, ${matches} AS matches FROM grouped),
    shown AS (SELECT key, amount, n, row_number() OVER (ORDER BY amount DESC, key ASC NULLS LAST) AS rank FROM marked WHERE matches)
    SELECT 'row' AS kind, key, amount::text AS amount, n, rank FROM shown WHERE rank <= ${params.add(input.limit)}
    UNION ALL SELECT 'total', NULL, coalesce(sum(amount), 0)::text, count(*), 0 FROM marked
    UNION ALL SELECT 'matching', NULL, coalesce(sum(amount) FILTER (WHERE matches), 0)::text, count(*) FILTER (WHERE matches), 0 FROM marked`;
  const result = await db.sql.query<{ kind: string; key: string | null; amount: string; n: string | number; rank: string | number }>(sql, params.values);
  const total = result.find((r) => r.kind === "total")!;
  const matching = result.find((r) => r.kind === "matching")!;
  return {
    data: {
      tagKey: input.tagKey ?? null,
      by: input.by,
      rows: result
        .filter((r) => r.kind === "row")
        .sort((a, b) => Number(a.rank) - Number(b.rank))
        .map((r) => {
          const amount = normalizeDecimal(r.amount);
          return { key: r.key, label: valueLabel(r.key, input.by), amount, value: Number(amount), lineItemCount: Number(r.n) };
        }),
      total: normalizeDecimal(total.amount),
      matching: input.amountAbove === undefined ? null : { count: Number(matching.n), amount: normalizeDecimal(matching.amount) },
    },
    provenance: [provenanceOf(`${input.metric} without a real ${input.tagKey ?? "value for any"} tag by ${input.by}`, input, "cost_line_items", sql, params)],
  };
}

/** Columns the resources can be counted by instead of a tag key ("which region has the most untagged resources?"). */
const GAP_COLUMNS = { ProviderName: "provider_name", SubAccountId: "sub_account_id", ServiceName: "service_name", RegionId: "region_id" } as const;

export const tagGapsByValueInput = z
  .object({
    period: periodSchema,
    filters: filtersSchema,
    metric: metricSchema,
    /** The key whose values own the resources ("team"): each of its real values is one row. */
    byKey: tagKey.optional(),
    /** Or a column: each of its values is one row, the resources with none (no region) the `unowned` row. */
    byColumn: z.enum(Object.keys(GAP_COLUMNS) as [keyof typeof GAP_COLUMNS, ...(keyof typeof GAP_COLUMNS)[]], { error: "byColumn is ProviderName, SubAccountId, ServiceName or RegionId." }).optional(),
    /** The keys every resource should carry. Default: every other key seen on a line item in the period. */
    tagKeys: z.array(tagKey).max(50).optional(),
    limit: z.number().int().min(1).max(100).default(20),
    placeholderValues: placeholdersSchema,
  })
  .refine((i) => (i.byKey === undefined) !== (i.byColumn === undefined), { message: "Give either byKey (a tag key) or byColumn, not both.", path: ["byKey"] });
export type TagGapsByValueInput = z.output<typeof tagGapsByValueInput>;

export interface TagGaps {
  /** The owner's value; null for the resources with no real value for `byKey` (no owner to name). */
  value: string | null;
  /** Resources (with a ResourceId) carrying the value on some line item in the period. */
  resources: number;
  /** Of those, the ones lacking a real value for at least one of the keys on some line item. */
  incomplete: number;
  /** The incomplete resources' cost carrying the value. */
  incompleteCost: string;
  /** Per key, how many of the value's resources lack it. */
  missingByKey: Record<string, number>;
}

/**
 * "Which team has the most untagged resources?": the resources each value of one key owns ("team": platform, data…)
 * and how many of them lack a real value for the other keys, most first; then the resources with no real value for
 * the key itself (no team to name), as the row with value null. Resources with a ResourceId only (tax has none).
 */
export async function tagGapsByValue(db: Pick<Database, "sql">, raw: z.input<typeof tagGapsByValueInput>): Promise<Analysis<{
  /** The tag key or column counted by. */
  byKey: string;
  tagKeys: string[];
  values: TagGaps[];
  /** Values with resources in the period (the rows show at most `limit` of them). */
  valueCount: number;
  unowned: TagGaps;
}>> {
  const input = tagGapsByValueInput.parse(raw);
  const provenance: Provenance[] = [];
  const params = new SqlParams();
  const where = whereClauses({ table: "cost_line_items", alias: "li", period: input.period, filters: input.filters, params });
  where.push("li.resource_id IS NOT NULL");
  const whereSql = `WHERE ${where.join(" AND ")}`;
  let keys = input.tagKeys;
  if (!keys) {
    const keysSql = `SELECT DISTINCT k.key FROM cost_line_items li CROSS JOIN LATERAL jsonb_object_keys(li.tags) AS k(key) ${whereSql} ORDER BY k.key`;
    keys = (await db.sql.query<{ key: string }>(keysSql, params.values)).map((r) => r.key);
    provenance.push(provenanceOf("Tag keys seen in the period", input, "cost_line_items", keysSql, params));
  }
  keys = keys.filter((k) => k !== input.byKey);
  const keysParam = params.add(keys);
  const placeholders = params.add(input.placeholderValues);
  const real = (tags: string, key: string) => hasRealValue(tags, key, placeholders);
  const byKey = input.byKey === undefined ? null : params.add(input.byKey);
  const value = byKey === null ? `coalesce(li.${GAP_COLUMNS[input.byColumn!]}, '')` : `coalesce(CASE WHEN ${real("li.tags", byKey)} THEN li.tags ->> ${byKey} END, '')`;
  // A resource whose value changed in the period counts under each value it carried; the unowned row ('' here, null
  // in the result: a real value is never blank) holds the resources with no real value on some line item.
  const sql = `WITH items AS (
      SELECT li.resource_id AS resource, ${value} AS value, li.tags,
        li.${METRIC_COLUMNS[input.metric]} AS amount
      FROM cost_line_items li ${whereSql}),
    per_key AS (
      SELECT i.value, i.resource, k.key, bool_and(${real("i.tags", "k.key")}) AS covered
      FROM unnest(${keysParam}::text[]) AS k(key) CROSS JOIN items i GROUP BY 1, 2, 3),
    gaps AS (SELECT value, resource, bool_and(covered) AS complete FROM per_key GROUP BY 1, 2),
    missing AS (
      SELECT value, jsonb_object_agg(key, n) AS by_key
      FROM (SELECT value, key, count(*) FILTER (WHERE NOT covered) AS n FROM per_key GROUP BY 1, 2) counted GROUP BY 1),
    per_resource AS (SELECT value, resource, sum(amount) AS amount FROM items GROUP BY 1, 2),
    per_value AS (
      SELECT r.value, count(*) AS resources, count(*) FILTER (WHERE g.complete = false) AS incomplete,
        coalesce(sum(r.amount) FILTER (WHERE g.complete = false), 0)::text AS incomplete_cost
      FROM per_resource r LEFT JOIN gaps g USING (value, resource) GROUP BY r.value)
    SELECT v.value, v.resources, v.incomplete, v.incomplete_cost, m.by_key, count(*) FILTER (WHERE v.value <> '') OVER () AS value_count
    FROM per_value v LEFT JOIN missing m USING (value)
    ORDER BY v.value = '', v.incomplete DESC, v.incomplete_cost::numeric DESC, v.value`;
  type Count = string | number;
  type Row = { value: string; resources: Count; incomplete: Count; incomplete_cost: string; by_key: Record<string, Count> | null; value_count: Count };
  const result = await db.sql.query<Row>(sql, params.values);
  provenance.push(provenanceOf(`Resources per ${input.byKey ?? input.byColumn} value lacking the other tags`, input, "cost_line_items", sql, params));
  const gapsOf = (r: Row | undefined, value: string | null): TagGaps => {
    const byKeyCounts = r?.by_key ?? {};
    return {
      value,
      resources: Number(r?.resources ?? 0),
      incomplete: Number(r?.incomplete ?? 0),
      incompleteCost: normalizeDecimal(r?.incomplete_cost ?? "0"),
      missingByKey: Object.fromEntries(keys.map((k) => [k, Number(byKeyCounts[k] ?? 0)])),
    };
  };
  const owned = result.filter((r) => r.value !== "");
  return {
    data: {
      byKey: input.byKey ?? input.byColumn!,
      tagKeys: keys,
      values: owned.slice(0, input.limit).map((r) => gapsOf(r, r.value)),
      valueCount: Number(result[0]?.value_count ?? 0),
      unowned: gapsOf(result.find((r) => r.value === ""), null),
    },
    provenance,
  };
}
