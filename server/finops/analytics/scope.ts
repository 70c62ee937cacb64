import { z } from "zod";
import { DATA_TRANSFER_SCOPES, dataTransferSql } from "../data-transfer.ts";
import { GPU_SKU_PATTERN } from "../gpu.ts";
import { marketplaceSql } from "../marketplace.ts";
import { FOCUS_COLUMN_BY_NAME } from "../focus/columns.ts";

// The vocabulary every analysis shares: a period, filters, a metric, and where the numbers came from.
// FOCUS names stay FOCUS names (BilledCost, ServiceName, ...); SQL column names are their snake_case forms.

export const METRIC_COLUMNS = {
  BilledCost: "billed_cost",
  EffectiveCost: "effective_cost",
  ListCost: "list_cost",
  ContractedCost: "contracted_cost",
} as const;
export type Metric = keyof typeof METRIC_COLUMNS;
export const metricSchema = z.enum(Object.keys(METRIC_COLUMNS) as [Metric, ...Metric[]]).default("EffectiveCost");

/** Dimensions a cost can be grouped by. `Tag` needs a tag key. Columns marked `rollup` exist in cost_daily_rollup. */
export const DIMENSION_COLUMNS = {
  ProviderName: { column: "provider_name", rollup: true, tagRollup: true },
  BillingAccountId: { column: "billing_account_id", rollup: true, tagRollup: true },
  BillingAccountName: { column: "billing_account_name", rollup: true, tagRollup: false },
  SubAccountId: { column: "sub_account_id", rollup: true, tagRollup: false },
  SubAccountName: { column: "sub_account_name", rollup: true, tagRollup: false },
  ServiceName: { column: "service_name", rollup: true, tagRollup: false },
  ServiceCategory: { column: "service_category", rollup: true, tagRollup: false },
  RegionId: { column: "region_id", rollup: true, tagRollup: false },
  ChargeCategory: { column: "charge_category", rollup: true, tagRollup: false },
  PricingCategory: { column: "pricing_category", rollup: true, tagRollup: false },
  ResourceId: { column: "resource_id", rollup: false, tagRollup: false },
  /** Azure resource group, read from x_ResourceGroupName or the ResourceId (a line-item column the import fills). */
  ResourceGroup: { column: "resource_group", rollup: false, tagRollup: false },
  SkuId: { column: "sku_id", rollup: false, tagRollup: false },
} as const;
export type ColumnDimension = keyof typeof DIMENSION_COLUMNS;
export type Dimension = ColumnDimension | "Tag";
export const DIMENSIONS = [...(Object.keys(DIMENSION_COLUMNS) as ColumnDimension[]), "Tag"] as Dimension[];
export const dimensionSchema = z.enum(DIMENSIONS as [Dimension, ...Dimension[]]);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are written YYYY-MM-DD.")
  .refine((d) => {
    // Date.parse rolls 2024-02-30 over to March 1; a real date formats back to itself.
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, "That date does not exist.");

/** A half-open range of UTC days: start inclusive, end exclusive (FOCUS charge periods are half-open too). */
export const periodSchema = z
  .object({ start: isoDate, end: isoDate })
  .refine((p) => p.start < p.end, "The period must end after it starts.")
  .refine(
    (p) => Date.parse(p.end) - Date.parse(p.start) <= 5 * 366 * 86_400_000,
    "Periods are limited to five years.",
  );
export type Period = z.infer<typeof periodSchema>;

const values = z.array(z.string().trim().min(1).max(200)).max(100).optional();
/** An amount bound in the metric's currency, e.g. 1000 for "over $1,000" (cost.breakdown, cost.topUntagged). */
export const amountBoundSchema = z.number({ error: "An amount bound must be a number (e.g. 1000)." }).optional();
/** The rollup columns a filter keeps (or, under `exclude`, leaves out) values of. */
const columnValues = {
  providers: values,
  billingAccountIds: values,
  subAccountIds: values,
  services: values,
  serviceCategories: values,
  regions: values,
  chargeCategories: values,
  pricingCategories: values,
};
const resourceIds = z.array(z.string().trim().min(1).max(2000)).max(100).optional();
/** Azure resource groups, compared lower-cased as Azure does (resource-group.ts). */
const resourceGroups = z.array(z.string().trim().toLowerCase().min(1).max(200)).max(100).optional();
const dataTransferScope = z.enum(DATA_TRANSFER_SCOPES, "Data transfer is \"all\", \"internet\" or \"internal\".").optional();
export const filtersSchema = z
  .object({
    ...columnValues,
    /** FOCUS ResourceId values: answered from line items (the rollups do not keep resources). */
    resourceIds,
    /** Azure resource groups ("rg-checkout-prod"), in any case. Line items. */
    resourceGroups,
    /** FOCUS SkuId values ("a model's tokens", "an instance type's hours"): answered from line items too. */
    skuIds: z.array(z.string().trim().min(1).max(2000)).max(100).optional(),
    /** Only GPU usage: charges whose SkuId or ChargeDescription names a GPU instance type or accelerator (gpu.ts). Line items. */
    gpu: z.boolean().optional(),
    /**
     * Only data transfer: charges whose SkuId or ChargeDescription names it (data-transfer.ts), "all" of it, only
     * what went out to the "internet", or only what stayed "internal" (between regions or zones). Line items.
     */
    dataTransfer: dataTransferScope,
    /** Only marketplace purchases: charges a third party published, not the cloud itself (marketplace.ts). Line items. */
    marketplace: z.boolean({ error: "marketplace is true or false." }).optional(),
    /** ISO 4217 codes. Amounts in different billing currencies are never added up: see currency.ts. */
    billingCurrencies: z
      .array(z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "Billing currencies are ISO 4217 codes such as USD or EUR."))
      .max(20)
      .optional(),
    /**
     * Values left out ("spend excluding credits", "every provider but AWS"): rows with one of them are not counted;
     * rows with no value in that column are. On rollup columns the rollups still answer; the rest reads line items.
     */
    exclude: z
      .object({
        ...columnValues,
        /** Resources left out, by FOCUS ResourceId. Line items. */
        resourceIds,
        /** Azure resource groups left out (costs in none stay). Line items. */
        resourceGroups,
        /** GPU usage left out (the `gpu` filter's charges). Line items. */
        gpu: z.boolean({ error: "exclude.gpu is true or false." }).optional(),
        /** Data transfer left out (the `dataTransfer` filter's charges). Line items. */
        dataTransfer: dataTransferScope,
        /** Marketplace purchases left out (the `marketplace` filter's charges). Line items. */
        marketplace: z.boolean({ error: "exclude.marketplace is true or false." }).optional(),
        /** Each entry: costs with the tag key set to one of the values are left out (untagged costs stay). Line items. */
        tags: z
          .array(z.object({ key: z.string().trim().min(1).max(200), values: z.array(z.string().trim().min(1).max(200)).min(1).max(100) }))
          .max(10)
          .optional(),
      })
      .optional(),
    /** Each entry: the tag key must have one of the values (any value when `values` is omitted). */
    tags: z
      .array(z.object({ key: z.string().trim().min(1).max(200), values }))
      .max(10)
      .optional(),
  })
  .default({});
export type Filters = z.infer<typeof filtersSchema>;

/** The filter field that keeps given values of each column dimension (names have none: filters take ids). */
const DIMENSION_FILTERS: Partial<Record<ColumnDimension, keyof Omit<Filters, "tags" | "billingCurrencies">>> = {
  ProviderName: "providers",
  BillingAccountId: "billingAccountIds",
  SubAccountId: "subAccountIds",
  ServiceName: "services",
  ServiceCategory: "serviceCategories",
  RegionId: "regions",
  ChargeCategory: "chargeCategories",
  PricingCategory: "pricingCategories",
  ResourceId: "resourceIds",
  ResourceGroup: "resourceGroups",
};

/**
 * `filters` narrowed to one value of a dimension ("team" = "data", the region us-east-1), or null when filters
 * cannot name that dimension's values.
 */
export function narrowTo(filters: Filters, dimension: Dimension, value: string, tagKey?: string): Filters | null {
  if (dimension === "Tag") {
    if (!tagKey) return null;
    return { ...filters, tags: [...(filters.tags ?? []).filter((t) => t.key !== tagKey), { key: tagKey, values: [value] }] };
  }
  const field = DIMENSION_FILTERS[dimension];
  return field ? { ...filters, [field]: [value] } : null;
}

/**
 * `filters` without the one on a dimension's values: the whole its values are part of (EC2 and S3 named, the AWS bill
 * they are part of), or null when filters cannot name that dimension's values.
 */
export function widenFrom(filters: Filters, dimension: Dimension): Filters | null {
  const field = dimension === "Tag" ? undefined : DIMENSION_FILTERS[dimension];
  return field ? { ...filters, [field]: undefined } : null;
}

/** Filter field -> SQL column, in the order clauses are written. */
const FILTER_COLUMNS: Array<[keyof Omit<Filters, "tags" | "gpu" | "dataTransfer" | "marketplace" | "exclude">, string]> = [
  ["providers", "provider_name"],
  ["billingAccountIds", "billing_account_id"],
  ["subAccountIds", "sub_account_id"],
  ["services", "service_name"],
  ["serviceCategories", "service_category"],
  ["regions", "region_id"],
  ["chargeCategories", "charge_category"],
  ["pricingCategories", "pricing_category"],
  ["resourceIds", "resource_id"],
  ["resourceGroups", "resource_group"],
  ["skuIds", "sku_id"],
  ["billingCurrencies", "billing_currency"],
];
/**
 * Charge categories billed for a whole month when billed monthly: FOCUS dates them (tax, commitment fees) on the
 * billing period's first day, not spread over its days. A month begun has them all at once, or not yet.
 */
export const MONTHLY_CHARGE_CATEGORIES: ReadonlySet<string> = new Set(["Tax", "Purchase"]);

/** The filters with some charge categories left out: every other one FOCUS allows (of those the filters keep). */
export function withoutChargeCategories(filters: Filters, left: Iterable<string>): Filters {
  const out = new Set(left);
  const kept = filters.chargeCategories ?? FOCUS_COLUMN_BY_NAME.get("ChargeCategory")!.allowed!;
  return { ...filters, chargeCategories: kept.filter((c) => !out.has(c)) };
}

/** The filters with the monthly charges (tax, purchases) left out. */
export const withoutMonthlyCharges = (filters: Filters): Filters => withoutChargeCategories(filters, MONTHLY_CHARGE_CATEGORIES);

/** Values that mean "nobody filled this in"; compared trimmed and case-insensitively. */
export const DEFAULT_PLACEHOLDER_VALUES = ["", "unknown", "n/a", "na", "none", "null", "tbd", "-"];

/** Whether a tag value is one of the default placeholders ("TBD", " n/a "): no one's value. */
export const isPlaceholderValue = (value: string) => DEFAULT_PLACEHOLDER_VALUES.includes(value.trim().toLowerCase());

/** Filters on columns only line items have. */
export const LINE_ITEM_FILTERS = ["resourceIds", "resourceGroups", "skuIds", "gpu", "dataTransfer", "marketplace"] as const;
/** Exclusions of what only line items have. */
export const LINE_ITEM_EXCLUSIONS = ["resourceIds", "resourceGroups", "gpu", "dataTransfer", "marketplace", "tags"] as const;
const usesFilter = (filters: Record<string, unknown>, field: string) => {
  const value = filters[field];
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
};
const TAG_ROLLUP_FILTERS = new Set(["providers", "billingAccountIds"]);
/** The values a filter field's column leaves out (filters.exclude), if any. */
const excluded = (filters: Filters, field: string): string[] | undefined => (filters.exclude as Record<string, string[] | undefined> | undefined)?.[field];

/** The SQL and parameters that produced a result, so a reader can check or re-run it. */
export interface Provenance {
  description: string;
  period: Period | null;
  filters: Filters;
  metric: Metric | null;
  table: string;
  sql: string;
  params: unknown[];
}

/** Every analysis returns its data with the queries behind it. */
export interface Analysis<T> {
  data: T;
  provenance: Provenance[];
}

export type CostTable = "cost_daily_rollup" | "cost_tag_daily_rollup" | "cost_line_items";

/**
 * The cheapest table that can answer: the daily rollup when every column is in it and no tag is involved; the tag
 * rollup for one tag key over its columns; line items otherwise (resources, several tag keys, tag + region...).
 */
export function chooseTable(input: { dimension?: Dimension; tagKey?: string; filters: Filters }): CostTable {
  const tags = input.filters.tags ?? [];
  const usedFilters: string[] = FILTER_COLUMNS.filter(([field]) => input.filters[field]?.length || excluded(input.filters, field)?.length).map(([field]) => field);
  const dimension = input.dimension && input.dimension !== "Tag" ? DIMENSION_COLUMNS[input.dimension] : null;
  const wantsTag = input.dimension === "Tag" || tags.length > 0;
  // Tags left out are read from each line item's tags (the tag rollup has one row per key, not the whole set).
  if (LINE_ITEM_FILTERS.some((f) => usesFilter(input.filters, f)) || LINE_ITEM_EXCLUSIONS.some((f) => usesFilter(input.filters.exclude ?? {}, f))) return "cost_line_items";
  if (!wantsTag) return !dimension || dimension.rollup ? "cost_daily_rollup" : "cost_line_items";
  // The tag rollup holds one row per (line item, tag key): grouping by key A while filtering on key B needs line items.
  const tagKeys = new Set([...tags.map((t) => t.key), ...(input.dimension === "Tag" && input.tagKey ? [input.tagKey] : [])]);
  const oneTagKey = tagKeys.size <= 1;
  const fitsTagRollup =
    oneTagKey && (!dimension || dimension.tagRollup) && usedFilters.every((f) => TAG_ROLLUP_FILTERS.has(f));
  return fitsTagRollup ? "cost_tag_daily_rollup" : "cost_line_items";
}

/**
 * SQL listing the distinct non-null values of an indexed column as `value`, one index probe per value (a loose index
 * scan: PostgreSQL has no skip scan). Far fewer rows read than SELECT DISTINCT when values are few and rows many.
 * `where` is a condition on the table's rows, aliased `t`; the column must lead an index usable with it.
 */
export function distinctValuesSql(table: string, column: string, where = "true"): string {
  return `WITH RECURSIVE found AS (
      (SELECT t.${column} AS value FROM ${table} t WHERE ${where} AND t.${column} IS NOT NULL ORDER BY t.${column} LIMIT 1)
      UNION ALL
      SELECT (SELECT t.${column} FROM ${table} t WHERE ${where} AND t.${column} > found.value ORDER BY t.${column} LIMIT 1)
      FROM found WHERE found.value IS NOT NULL)
    SELECT value FROM found WHERE value IS NOT NULL`;
}

/** Appends parameters and returns their placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * WHERE clauses for a period and filters against `table` (aliased `alias`). On the tag rollup, a tag filter is a
 * condition on its tag_key/tag_value rows; on line items it reads the tags JSON.
 */
export function whereClauses(input: {
  table: CostTable;
  alias: string;
  period?: Period | null;
  filters: Filters;
  params: SqlParams;
  /** The tag key the query groups by on the tag rollup (restricts rows to that key). */
  groupTagKey?: string;
}): string[] {
  const { alias: a, params, filters, table } = input;
  const clauses: string[] = [];
  if (input.period) {
    clauses.push(`${a}.charge_date >= ${params.add(input.period.start)}::date`);
    clauses.push(`${a}.charge_date < ${params.add(input.period.end)}::date`);
  }
  for (const [field, column] of FILTER_COLUMNS) {
    const list = filters[field];
    if (list?.length) clauses.push(`${a}.${column} = ANY(${params.add(list)}::text[])`);
    // Left out: a row without a value in the column is not one of them, so it stays.
    const out = excluded(filters, field);
    if (out?.length) clauses.push(`(${a}.${column} IS NULL OR ${a}.${column} <> ALL(${params.add(out)}::text[]))`);
  }
  if (filters.gpu) {
    if (table !== "cost_line_items") throw new Error("The GPU filter reads SkuId and ChargeDescription, which only line items have.");
    const pattern = params.add(GPU_SKU_PATTERN);
    clauses.push(`(${a}.sku_id ~* ${pattern} OR ${a}.charge_description ~* ${pattern})`);
  }
  if (filters.dataTransfer) {
    if (table !== "cost_line_items") throw new Error("The data transfer filter reads SkuId and ChargeDescription, which only line items have.");
    clauses.push(dataTransferSql(a, filters.dataTransfer, (value) => params.add(value)));
  }
  if (filters.marketplace) {
    if (table !== "cost_line_items") throw new Error("The marketplace filter reads PublisherName, which only line items have.");
    clauses.push(marketplaceSql(a, (value) => params.add(value)));
  }
  // Charges left out by what their SKU, description or publisher says: a charge the test cannot read (no SKU) stays.
  const out = filters.exclude;
  if ((out?.gpu || out?.dataTransfer || out?.marketplace || out?.tags?.length) && table !== "cost_line_items") {
    throw new Error("GPU usage, data transfer, marketplace purchases and tags are left out from line items only.");
  }
  if (out?.gpu) {
    const pattern = params.add(GPU_SKU_PATTERN);
    clauses.push(`NOT coalesce(${a}.sku_id ~* ${pattern} OR ${a}.charge_description ~* ${pattern}, false)`);
  }
  if (out?.dataTransfer) clauses.push(`NOT coalesce(${dataTransferSql(a, out.dataTransfer, (value) => params.add(value))}, false)`);
  if (out?.marketplace) clauses.push(`NOT coalesce(${marketplaceSql(a, (value) => params.add(value))}, false)`);
  for (const tag of out?.tags ?? []) {
    const key = params.add(tag.key);
    clauses.push(`(${a}.tags ->> ${key} IS NULL OR ${a}.tags ->> ${key} <> ALL(${params.add(tag.values)}::text[]))`);
  }
  const tags = filters.tags ?? [];
  if (table === "cost_tag_daily_rollup") {
    const key = tags[0]?.key ?? input.groupTagKey;
    if (key) clauses.push(`${a}.tag_key = ${params.add(key)}`);
    if (tags[0]?.values?.length) clauses.push(`${a}.tag_value = ANY(${params.add(tags[0].values)}::text[])`);
  } else {
    for (const tag of tags) {
      clauses.push(
        tag.values?.length
          ? `${a}.tags ->> ${params.add(tag.key)} = ANY(${params.add(tag.values)}::text[])`
          : `${a}.tags ? ${params.add(tag.key)}`,
      );
    }
  }
  return clauses;
}

/** The provenance of one query: what it computed, over which period, filters and metric, and its SQL and parameters. */
export function provenanceOf(
  description: string,
  input: { period: Period | null; filters: Filters; metric: Metric | null },
  table: string,
  sql: string,
  params: SqlParams,
): Provenance {
  return { description, period: input.period, filters: input.filters, metric: input.metric, table, sql: tidySql(sql), params: params.values };
}

/** Formats SQL for provenance: collapses indentation so it reads well in the UI. */
export function tidySql(sql: string): string {
  return sql.replace(/\s+\n/g, "\n").replace(/\n\s+/g, "\n  ").trim();
}

/** The UTC day `days` after `day` (YYYY-MM-DD; negative goes back). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `start` to `end` (end exclusive). */
/** Days in a month on average (365 ÷ 12): an amount a day is this many times that a month. */
export const DAYS_PER_MONTH = 365 / 12;

export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
}

/** Whether a UTC day (YYYY-MM-DD) is a Saturday or a Sunday. */
export const isWeekendDay = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/** Every UTC day of a half-open range. */
export function eachDay(start: string, end: string): string[] {
  return Array.from({ length: Math.max(0, daysBetween(start, end)) }, (_, i) => addDays(start, i));
}

// Exact money arithmetic. Costs are numeric(20, 10) in the store; analyses that must add or split amounts outside
// SQL (allocation, top-N checks, projections) count in BigInt units of 1e-10 so sums stay exact to the last digit.

/** Decimal places of the cost columns (numeric(20, 10)). */
export const MONEY_SCALE = 10;
const MONEY_UNIT = 10n ** BigInt(MONEY_SCALE);

/** "12.3400000000" -> 123400000000n (units of 1e-10); digits beyond the scale are rounded half away from zero. */
export function toUnits(decimal: string): bigint {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(decimal);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) throw new Error(`Not a decimal amount: ${decimal}`);
  const [, sign, whole, fraction = ""] = match;
  let units = BigInt(whole || "0") * MONEY_UNIT + BigInt(fraction.slice(0, MONEY_SCALE).padEnd(MONEY_SCALE, "0"));
  if (fraction.length > MONEY_SCALE && Number(fraction[MONEY_SCALE]) >= 5) units += 1n;
  return sign === "-" ? -units : units;
}

/** 123400000000n -> "12.34": the shortest exact decimal, never "-0". */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = (abs / MONEY_UNIT).toString();
  const fraction = (abs % MONEY_UNIT).toString().padStart(MONEY_SCALE, "0").replace(/0+$/, "");
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative && abs !== 0n ? `-${text}` : text;
}

/** A SQL numeric rendered as text ("12.3400000000") in its shortest exact form ("12.34"). */
export function normalizeDecimal(decimal: string | null | undefined): string {
  return fromUnits(toUnits(decimal ?? "0"));
}

/** part / whole as a number for display (shares, rates); null when the whole is zero. */
export function ratio(part: bigint, whole: bigint): number | null {
  if (whole === 0n) return null;
  return Number((part * 10n ** 12n) / whole) / 1e12;
}

/** One UTC day, YYYY-MM-DD (the same rule periods use). */
export const daySchema = isoDate;

/** The first day of the month `months` after the month of `day` (YYYY-MM-DD). */
export function addMonths(day: string, months: number): string {
  const date = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)).toISOString().slice(0, 10);
}
