import type { Database } from "../../adapters/db/database.ts";
import type { AgentType } from "../../generated/prisma/client.ts";
import { capitalised, type AnswerSection } from "../answer.ts";
import type { QueryDimensions } from "../classifier/dimensions.ts";
import type { Intent } from "../classifier/intents.ts";
import { HardenedAgent, type ExecutionScope, type HardenedAgentOptions } from "../hardened-agent.ts";
import { addDaysIso } from "../../finops/data-range.ts";
import { baselineFor } from "../../finops/analytics/compare.ts";
import { addMonths, fromUnits, toUnits, type Filters, type Period, type Provenance } from "../../finops/analytics/scope.ts";
import { monthLabel, type NamedAccounts, type ResolvedScope } from "../scope.ts";
import { DATA_TRANSFER_NAMES, type DataTransferScope } from "../../finops/data-transfer.ts";

export interface SpecialistInput {
  question: string;
  intent: Intent;
  dimensions: QueryDimensions;
  scope: ResolvedScope;
}

/** A specialist answers one kind of question from the analytics and returns one section of the answer. */
export abstract class Specialist extends HardenedAgent<SpecialistInput, AnswerSection, AnswerSection> {
  abstract override readonly agentType: AgentType;
  /** What the steps indicator shows while it works. */
  abstract readonly title: string;
  /** Whether the answer is about the question's period (so a note on how it was chosen belongs in the answer). */
  readonly usesQuestionPeriod: boolean = true;

  constructor(
    protected readonly db: Pick<Database, "sql" | "prisma">,
    options?: HardenedAgentOptions,
  ) {
    super(options);
  }

  protected override describeInput(input: SpecialistInput): string {
    return input.question;
  }

  protected abstract answer(input: SpecialistInput, scope: ExecutionScope<AnswerSection>): Promise<AnswerSection>;

  protected execute(input: SpecialistInput, scope: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
    return this.answer(input, scope);
  }
}

/** How a question names a FOCUS charge category ("$1,234 in October for taxes"). */
const CHARGE_CATEGORY_LABELS: Record<string, string> = {
  Tax: "taxes",
  Credit: "credits",
  Purchase: "purchases (upfront and one-time fees)",
  Adjustment: "adjustments",
  Usage: "usage",
};

/** A FOCUS charge category as a question names it ("taxes"). */
export const chargeCategoryLabel = (category: string) => CHARGE_CATEGORY_LABELS[category] ?? category;

/** Asks for savings a year ("how much would that save per year?", "annual savings"). */
export const YEARLY_ASKED = /\b(?:per|a|each|every) year\b|\bannual(?:ly|i[sz]ed)?\b|\byearly\b|\bover a year\b/i;

/** A monthly amount over a year, exactly: × 12. */
export const yearOf = (monthly: string) => fromUnits(toUnits(monthly) * 12n);

/** "prod (3 sub-accounts)": the name a question used for accounts, and how many sub-accounts carry it. */
export function accountsLabel(name: string, subAccounts: number): string {
  return `${name ? `${name} ` : ""}(${subAccounts} sub-account${subAccounts === 1 ? "" : "s"})`;
}

/** A named account as a table row reads it: "prod (3 sub-accounts)", or its name when it stands for billing accounts. */
export const namedAccountLabel = ({ name, subAccountIds }: NamedAccounts) => (subAccountIds.length ? accountsLabel(name, subAccountIds.length) : name);

/** The scope's filters over one named account alone: the sub-accounts (or billing accounts) its name stands for. */
export function accountFilters(filters: Filters, { subAccountIds, billingAccountIds }: NamedAccounts): Filters {
  return {
    ...filters,
    subAccountIds: subAccountIds.length ? subAccountIds : undefined,
    billingAccountIds: billingAccountIds.length ? billingAccountIds : undefined,
  };
}

/** " for AWS, Amazon Elastic Compute Cloud, team=data" — the filters in words, or "" when there are none. */
export function scopeText(scope: ResolvedScope): string {
  const f = scope.filters;
  const parts = [
    ...(f.providers ?? []),
    ...(f.services ?? []),
    ...(f.serviceCategories ?? []),
    ...(f.regions ?? []),
    ...readFromLineItems(f),
    ...(f.chargeCategories ?? []).map(chargeCategoryLabel),
    ...(f.subAccountIds?.length ? [accountsLabel(scope.accounts.map((a) => a.name).join(" and "), f.subAccountIds.length)] : []),
    ...(f.billingAccountIds ?? []),
    // Resources by the name the data gives them (ids are long), else as the question wrote them.
    ...(f.resourceIds?.length ? [scope.resources.length ? scope.resources.map((r) => r.name ?? r.id).join(", ") : f.resourceIds.join(", ")] : []),
    ...(f.resourceGroups?.length ? [`resource group ${f.resourceGroups.join(", ")}`] : []),
    // SKUs by the name the question gave them ("gpt-4o"), not their ids.
    ...(f.skuIds?.length ? [scope.skus.map((s) => s.name).join(", ")] : []),
    ...(f.tags ?? []).map((t) => (t.values?.length ? `${t.key}=${t.values.join("|")}` : `tagged ${t.key}`)),
  ];
  const left = excludedText(scope);
  return (parts.length ? ` for ${parts.join(", ")}` : "") + (left ? `${parts.length ? "," : ""} excluding ${left}` : "");
}

/** What a scope covers, as a name ("AWS, Amazon Elastic Compute Cloud", "all costs excluding taxes"). */
export function scopeName(scope: ResolvedScope): string {
  const text = scopeText(scope);
  return text.startsWith(" for ") ? text.slice(" for ".length) : `all costs${text}`;
}

/** The charges read from SKUs and publishers that filters keep or leave out, in words. */
const readFromLineItems = (f: { gpu?: boolean; dataTransfer?: DataTransferScope; marketplace?: boolean }) => [
  ...(f.gpu ? ["GPU usage"] : []),
  ...(f.marketplace ? ["marketplace purchases"] : []),
  ...(f.dataTransfer ? [DATA_TRANSFER_NAMES[f.dataTransfer]] : []),
];

/** FOCUS pricing categories as a scope names them ("excluding spot usage"). */
const PRICING_CATEGORY_WORDS: Record<string, string> = { Standard: "on-demand usage", Committed: "commitment-covered usage", Dynamic: "spot usage" };

/** What the scope leaves out, as people name it ("credits and tax", "acme-prod (2 sub-accounts)"), or "". */
export function excludedText(scope: ResolvedScope): string {
  const x = scope.filters.exclude;
  if (!x) return "";
  const named = scope.excludedAccounts?.filter((a) => a.subAccountIds.length || a.billingAccountIds.length) ?? [];
  const parts = [
    ...(x.providers ?? []),
    ...(x.services ?? []),
    ...(x.serviceCategories ?? []),
    ...(x.regions ?? []),
    ...(x.chargeCategories ?? []).map(chargeCategoryLabel),
    ...(x.pricingCategories ?? []).map((c) => PRICING_CATEGORY_WORDS[c] ?? c),
    ...(x.tags ?? []).map((t) => `${t.key}=${t.values.join("|")}`),
    ...(x.resourceGroups?.length ? [`resource group ${x.resourceGroups.join(", ")}`] : []),
    ...(x.resourceIds?.length ? [scope.excludedResources?.length ? scope.excludedResources.map((r) => r.name ?? r.id).join(", ") : x.resourceIds.join(", ")] : []),
    ...readFromLineItems(x),
    ...named.map(namedAccountLabel),
  ];
  return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/**
 * The period a comparison sets the question's period against: the one named ("vs the month before"), else the one
 * its mode gives ("QoQ": the same days a quarter back), month over month when none is said.
 */
export function baselinePeriod(scope: Pick<ResolvedScope, "period" | "comparison" | "comparisonBaseline">): Period {
  return scope.comparisonBaseline ?? baselineFor(scope.period, scope.comparison && scope.comparison !== "custom" ? scope.comparison : "MoM");
}

/**
 * An analysis read over the question's period and over its baseline, with the baseline's name for sentences and both
 * names for a table's columns.
 */
export async function inBothPeriods<T extends { provenance: Provenance[] }>(scope: Pick<ResolvedScope, "period" | "comparison" | "comparisonBaseline">, read: (period: Period) => Promise<T>) {
  const baseline = baselinePeriod(scope);
  const [now, before] = await Promise.all([read(scope.period), read(baseline)]);
  const beforeName = periodName(baseline);
  return { now, before, baseline, beforeName, columns: { before: capitalised(beforeName), now: capitalised(periodName(scope.period)) }, provenance: [...now.provenance, ...before.provenance] };
}

/**
 * A share's whole and part: the filters the whole names ("share of AWS spend": providers), with the currency, and the
 * rest, which are the part; with no whole named, all costs and the scope's filters.
 */
export function shareWhole(filters: Filters, of: QueryDimensions["shareOf"]): { whole: Filters; part: Filters } {
  const keys: Array<keyof Filters> = of.flatMap((kind): Array<keyof Filters> =>
    kind === "accounts" ? ["subAccountIds", "billingAccountIds"] : kind === "services" ? ["services", "providers"] : [kind],
  );
  const whole: Filters = { billingCurrencies: filters.billingCurrencies };
  const part: Filters = { ...filters };
  for (const key of keys) {
    (whole as Record<string, unknown>)[key] = filters[key];
    delete part[key];
  }
  return { whole, part };
}

/** Whether the scope narrows the costs at all (a billing currency alone does not). */
export function hasScope(scope: Pick<ResolvedScope, "filters">): boolean {
  return Object.entries(scope.filters).some(([key, value]) => key !== "billingCurrencies" && Array.isArray(value) && value.length > 0);
}

/** "October 2026" for a whole month, "Q2 2026 (…)" or "2025 (…)" with their days, else "2026-09-01 to 2026-09-30". */
export function periodName(period: Period): string {
  if (period.start.endsWith("-01") && addMonths(period.start, 1) === period.end) return monthLabel(period.start);
  const year = period.start.slice(0, 4);
  const month = Number(period.start.slice(5, 7));
  // "Q2 2026 (2026-04-01 to 2026-06-30)", "2025 (2025-01-01 to 2025-12-31)": the name, with its days.
  const days = `${period.start} to ${addDaysIso(period.end, -1)}`;
  if (period.start.endsWith("-01") && (month - 1) % 3 === 0 && addMonths(period.start, 3) === period.end) return `Q${(month + 2) / 3} ${year} (${days})`;
  if (period.start === `${year}-01-01` && addMonths(period.start, 12) === period.end) return `${year} (${days})`;
  return days;
}
