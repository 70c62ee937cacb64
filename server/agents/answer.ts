import type { Dimension, Provenance } from "../finops/analytics/scope.ts";
import type { AgentType } from "../generated/prisma/client.ts";

// What an answer is made of. Every number a section states is one of its `figures`, copied from an analytics result
// (never computed here), and the section's provenance says which queries produced them.

export type ColumnFormat = "money" | "percent" | "number" | "text" | "date";

export interface AnswerTable {
  title: string;
  columns: Array<{ key: string; label: string; format: ColumnFormat }>;
  rows: Array<Record<string, string | number | null>>;
}

export interface ChartPoint {
  x: string;
  y: number;
  lower?: number;
  upper?: number;
}

export interface AnswerChart {
  kind: "line" | "bar";
  title: string;
  /** Unit of y: an ISO 4217 currency code ("USD", "EUR") for money, else a plain unit. */
  unit: string;
  series: Array<{ name: string; points: ChartPoint[]; style?: "actual" | "forecast" | "baseline" }>;
  /** Points to highlight: anomalies (the default), or the peak a "which day cost the most?" found. */
  markers?: Array<{ x: string; label: string }>;
  markerKind?: "anomaly" | "peak";
}

export interface RecommendationCard {
  id?: string;
  title: string;
  category: string;
  /** In `currency` (the data's billing currency; the name follows the recommendation columns of the data model). */
  monthlySavingsUsd: number;
  currency?: string;
  effortHours?: number | null;
  href: string;
}

export interface AnswerSection {
  agent: AgentType;
  title: string;
  /** The headline sentence (its figure first), then the explanation, in markdown. */
  headline: string;
  markdown: string;
  tables: AnswerTable[];
  charts: AnswerChart[];
  recommendations: RecommendationCard[];
  /** The figures the text states, by name, exactly as the analytics returned them. */
  figures: Record<string, number | string | null>;
  provenance: Provenance[];
  /**
   * The value the section names first ("the largest is Amazon Bedrock"), which a later "it" in the same question
   * ("…and what can we do about it?") refers to.
   */
  lead?: SectionLead;
}

export interface SectionLead {
  dimension: Dimension;
  key: string;
  label: string;
  tagKey?: string;
}

export interface AnswerPayload {
  intent: string;
  confidence: number;
  rewrittenQuery: string;
  referenceNote: string;
  sections: AnswerSection[];
  /** A downloadable period report, when one was asked for. */
  report?: { fileName: string; markdown: string; csv: string };
  /** True when the turn was stopped or a specialist failed and what is shown is incomplete. */
  partial: boolean;
  clarification?: string;
  /** Set when an LLM was asked to summarise the answer: whether its summary passed the number check, and why not. */
  wording?: { model: string; summarised: boolean; note?: string };
}

const DIMENSION_NAMES: Record<string, string> = {
  ProviderName: "Provider",
  BillingAccountId: "Billing account",
  BillingAccountName: "Billing account",
  SubAccountId: "Sub-account",
  SubAccountName: "Sub-account",
  ServiceName: "Service",
  ServiceCategory: "Service category",
  RegionId: "Region",
  ChargeCategory: "Charge category",
  PricingCategory: "Pricing category",
  ResourceId: "Resource",
  ResourceGroup: "Resource group",
  SkuId: "SKU",
};

/** A dimension label inside a sentence: "sub-account", but "SKU" stays as written. */
export const dimensionNoun = (label: string) => (/^[A-Z]{2,}$/.test(label) ? label : label.toLowerCase());

/** The text with its first letter upper-cased ("october 2026" → "October 2026"). */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "sub-accounts", "service categories", "days": a noun for n of it. */
export const plural = (noun: string, n: number) => (n === 1 ? noun : /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`);

/** What each cloud calls a FOCUS sub-account. */
const SUB_ACCOUNT_NOUNS: Array<[RegExp, string]> = [
  [/^(?:aws|amazon)/i, "account"],
  [/^(?:microsoft|azure)/i, "subscription"],
  [/^(?:google|gcp)/i, "project"],
];

/** Tag keys whose values are groups a sentence names with the key after them ("the ml team", "the checkout app"). */
const GROUP_TAG_KEYS = /^(?:team|squad|app|application|project|product|env|environment|department|business[- ]?unit|cost[- ]?cent(?:er|re))$/i;

/**
 * A value of a grouping leading a sentence: a group tag's with its key ("The ml team costs the most", not "ml costs
 * the most"); a person ("alice") and any other dimension's value as itself.
 */
export function tagValueSubject(value: string, grouping: { dimension: string; tagKey?: string } | null | undefined): string {
  const tagKey = grouping?.dimension === "Tag" ? grouping.tagKey : undefined;
  return tagKey && GROUP_TAG_KEYS.test(tagKey) ? `The ${value} ${tagKey}` : value;
}

/**
 * A dimension's values named in a sentence: a tag's by its key ("13 apps"), sub-accounts as the one provider in
 * scope calls them ("5 subscriptions", "6 projects"), else the label ("sub-account", "SKU").
 */
export function valueNoun(dimension: string, tagKey?: string, providers?: readonly string[]): string {
  if (dimension === "Tag" && tagKey) return tagKey;
  return dimensionNoun(dimensionLabel(dimension, tagKey, providers));
}

/**
 * Rows of one cloud's sub-accounts name the cost on none by that cloud's noun ("(no project)", "(no subscription)"),
 * as their column does; other rows are returned as they are.
 */
export function oneCloudNoValue<R extends { key: string | null; label: string; isOthers: boolean }>(rows: R[], dimension: string, providers?: readonly string[]): R[] {
  const noun = valueNoun(dimension, undefined, providers);
  if (dimension !== "SubAccountId" || noun === dimensionNoun(dimensionLabel(dimension))) return rows;
  return rows.map((r) => (r.key === null && !r.isOthers ? { ...r, label: `(no ${noun})` } : r));
}

/**
 * A FOCUS dimension as a reader names it ("Sub-account" for SubAccountId); a tag by its key; sub-accounts as the one
 * provider in scope calls them ("Subscription" for Azure's).
 */
export function dimensionLabel(dimension: string, tagKey?: string, providers?: readonly string[]): string {
  if (dimension === "Tag") return tagKey ?? "Tag";
  if ((dimension === "SubAccountId" || dimension === "SubAccountName") && providers?.length === 1) {
    const noun = SUB_ACCOUNT_NOUNS.find(([pattern]) => pattern.test(providers[0]!))?.[1];
    if (noun) return capitalised(noun);
  }
  return DIMENSION_NAMES[dimension] ?? dimension;
}

/**
 * How rows of ids read: by the name FOCUS gives each ("acme-prod", not "210987654321"), with the id added where two
 * share a name (so chart bars stay apart), and an ID column beside them when they are shown by name.
 */
export function readableLabels<R extends { key: string | null; label: string; name?: string | null; isOthers: boolean }>(rows: R[]) {
  const named = rows.some((r) => r.name && r.name !== r.key);
  const counts = new Map<string, number>();
  for (const r of rows) if (r.name) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  const shown = (r: R) => (!named || !r.name ? r.label : counts.get(r.name)! > 1 ? `${r.name} (${r.key})` : r.name);
  const idColumns: AnswerTable["columns"] = named ? [{ key: "id", label: "ID", format: "text" }] : [];
  /** The row's cell for the ID column, when there is one. */
  const idCell = (r: R): { id?: string | null } => (named ? { id: r.isOthers ? null : r.key } : {});
  return { shown, idColumns, idCell };
}

/** A float amount rounded to the cent, for figures and table cells (exact sums use the decimal helpers). */
export const cents = (n: number) => Math.round(n * 100) / 100;

export function emptySection(agent: AgentType, title: string): AnswerSection {
  return { agent, title, headline: "", markdown: "", tables: [], charts: [], recommendations: [], figures: {}, provenance: [] };
}

const formatters = new Map<string, { cents: Intl.NumberFormat; whole: Intl.NumberFormat; unitPrice: Intl.NumberFormat }>();
function moneyFormat(currency: string) {
  let f = formatters.get(currency);
  if (!f) {
    f = {
      cents: new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      whole: new Intl.NumberFormat("en-US", { style: "currency", currency, maximumFractionDigits: 0 }),
      unitPrice: new Intl.NumberFormat("en-US", { style: "currency", currency, maximumSignificantDigits: 4 }),
    };
    formatters.set(currency, f);
  }
  return f;
}

/**
 * Money as a person reads it, in the data's billing currency ("$1,234.50", "€1,234.50"); from an exact decimal
 * string or a number. Cents below 10,000, whole units above.
 */
/** A range of amounts ("$10.00 – $12.50"), or the one amount when both ends read the same. */
export function formatMoneyRange(min: string | number, max: string | number, currency = "USD"): string {
  const [low, high] = [formatMoney(min, currency), formatMoney(max, currency)];
  return low === high ? low : `${low} – ${high}`;
}

export function formatMoney(amount: string | number | null | undefined, currency = "USD"): string {
  if (amount == null) return "—";
  const n = typeof amount === "string" ? Number(amount) : amount;
  const f = moneyFormat(currency);
  return Math.abs(n) >= 10_000 ? f.whole.format(n) : f.cents.format(n);
}

/** A round amount, such as a threshold, without cents: "$100". */
export function formatWholeMoney(amount: number, currency = "USD"): string {
  return moneyFormat(currency).whole.format(amount);
}

const NUMBER_FORMAT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** A quantity as a person reads it: "1,491,507.22". */
export function formatNumber(value: string | number): string {
  return NUMBER_FORMAT.format(Number(value));
}

/** A price per unit, which may be a fraction of a cent ("$0.02333", "$0.0000004"): four significant digits below 1. */
export function formatUnitPrice(amount: string | number, currency = "USD"): string {
  const n = typeof amount === "string" ? Number(amount) : amount;
  if (Math.abs(n) >= 1) return formatMoney(n, currency);
  return moneyFormat(currency).unitPrice.format(n);
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return "—";
  return `${value.toFixed(digits)}%`;
}

/** A share in percent, one decimal, where some that rounds to nothing is "<0.1%" ($223 of $468,090 is not 0.0%). */
export function formatShare(value: number | null | undefined): string {
  if (value != null && value !== 0 && Math.abs(value) < 0.05) return value > 0 ? "<0.1%" : ">-0.1%";
  return formatPercent(value);
}

export function formatSignedPercent(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return "n/a";
  return `${value >= 0 ? "+" : ""}${value.toFixed(1)}%`;
}

/**
 * How far a percentage moved, in points: "up 2.7 percentage points", "unchanged" (within a twentieth of a point, which
 * rounds away), or "no figure to compare" when either is missing.
 */
export function pointsMoved(from: number | null | undefined, to: number | null | undefined): string {
  if (from == null || to == null) return "no figure to compare";
  const by = to - from;
  return Math.abs(by) < 0.05 ? "unchanged" : `${by > 0 ? "up" : "down"} ${Math.abs(by).toFixed(1)} percentage points`;
}

/** One measure in two periods: a percentage (moves in points) or an amount of money (moves in money and percent). */
export interface MeasurePair {
  label: string;
  kind: "percent" | "money";
  before: number | string | null;
  now: number | string | null;
}

/**
 * Measures side by side in two periods ("Utilisation 80.1% | 82.8% | up 2.7 percentage points"): the cells are
 * written out, since one column holds percentages and amounts.
 */
export function measuresTable(title: string, pairs: MeasurePair[], periods: { before: string; now: string }, currency = "USD"): AnswerTable {
  const cell = (p: MeasurePair, value: number | string | null) => (p.kind === "percent" ? formatPercent(value === null ? null : Number(value)) : formatMoney(value, currency));
  const change = (p: MeasurePair) => {
    if (p.before === null || p.now === null) return "no figure to compare";
    if (p.kind === "percent") return pointsMoved(Number(p.before), Number(p.now));
    const by = Number(p.now) - Number(p.before);
    if (by === 0) return "unchanged";
    const percent = Number(p.before) !== 0 ? ` (${formatSignedPercent((by / Math.abs(Number(p.before))) * 100)})` : "";
    return `${by > 0 ? "up" : "down"} ${formatMoney(Math.abs(by), currency)}${percent}`;
  };
  return {
    title,
    columns: [
      { key: "measure", label: "Measure", format: "text" },
      { key: "before", label: periods.before, format: "text" },
      { key: "now", label: periods.now, format: "text" },
      { key: "change", label: "Change", format: "text" },
    ],
    rows: pairs.map((p) => ({ measure: p.label, before: cell(p, p.before), now: cell(p, p.now), change: change(p) })),
  };
}

/** A markdown table from an AnswerTable (the UI renders the structured table; the markdown keeps answers readable). */
/** A table as markdown; money columns in `currency` (the scope's billing currency). */
/**
 * Adds a column to a table the section already shows, after the column `after` (at the end without one), and rewrites
 * the table in the section's text.
 */
export function addColumn(
  section: AnswerSection,
  table: AnswerTable,
  column: AnswerTable["columns"][number],
  valueOf: (row: AnswerTable["rows"][number]) => string | number | null,
  currency: string,
  after?: string,
): void {
  const before = tableMarkdown(table, currency);
  const at = after ? table.columns.findIndex((c) => c.key === after) + 1 : table.columns.length;
  table.columns.splice(at, 0, column);
  for (const row of table.rows) row[column.key] = valueOf(row);
  section.markdown = section.markdown.replace(before, tableMarkdown(table, currency));
}

export function tableMarkdown(table: AnswerTable, currency = "USD", maxRows = 15): string {
  const fmt = (v: string | number | null, format: ColumnFormat) =>
    v == null
      ? "—"
      : format === "money"
        ? formatMoney(v, currency)
        : format === "percent"
          ? formatPercent(Number(v))
          : format === "number" && Number.isFinite(Number(v))
            ? formatNumber(v)
            : String(v);
  const head = `| ${table.columns.map((c) => c.label).join(" | ")} |`;
  const align = `| ${table.columns.map((c) => (c.format === "text" || c.format === "date" ? "---" : "---:")).join(" | ")} |`;
  const body = table.rows
    .slice(0, maxRows)
    .map((row) => `| ${table.columns.map((c) => fmt(row[c.key] ?? null, c.format).replace(/\|/g, "\\|")).join(" | ")} |`);
  // A cut table says so: the rows left out are still in the section's table data (API callers read it whole).
  const more = table.rows.length - maxRows;
  return [head, align, ...body, ...(more > 0 ? ["", `_The first ${maxRows} of ${table.rows.length} rows._`] : [])].join("\n");
}
