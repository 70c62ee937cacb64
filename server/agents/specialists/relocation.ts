// "What would it cost to run everything in us-east-1?", "what if we moved everything to Azure?": where the spend runs
// now and how much of it a move would re-price. What the move itself would cost is not in the bill (it holds the
// prices paid where each resource runs, not another region's or cloud's price list), and the answer says so instead of
// guessing a price.
import type { Database } from "../../adapters/db/database.ts";
import { costBreakdown } from "../../finops/analytics/breakdown.ts";
import { sumDecimals } from "../../finops/analytics/stats.ts";
import { regionProvider } from "../classifier/catalog.ts";
import { capitalised, emptySection, formatMoney, tableMarkdown, type AnswerSection } from "../answer.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { scopeName, scopeText, type SpecialistInput } from "./specialist.ts";

/** Regions read per cloud: more than any one bill uses. */
const REGIONS_READ = 500;
/** Services listed as what would move. */
const SERVICES_SHOWN = 10;

const and = (items: string[]) => new Intl.ListFormat("en", { type: "conjunction" }).format(items);

/** Each cloud's price calculator, where the usage that would move is priced. */
const CALCULATORS: Record<string, string> = {
  AWS: "the AWS Pricing Calculator",
  Microsoft: "the Azure Pricing Calculator",
  "Google Cloud": "the Google Cloud Pricing Calculator",
};

export async function relocationAnswer(db: Pick<Database, "sql">, input: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
  const { scope } = input;
  const target = input.dimensions.relocation!;
  exec.useTool("costBreakdown");
  const byProvider = await costBreakdown(db, { period: scope.period, metric: scope.metric, filters: scope.filters, dimension: "ProviderName", limit: 10 });
  const total = byProvider.data.total;
  const money = (amount: string | number) => formatMoney(amount, scope.currency);
  const region = target.regions[0];
  const provider = region ? regionProvider(region) : target.providers[0]!;
  const onProvider = byProvider.data.rows.find((r) => r.key === provider)?.amount ?? "0";
  const otherClouds = byProvider.data.rows.filter((r) => !r.isOthers && r.key !== provider && r.value !== 0).map((r) => r.label);
  const elsewhere = sumDecimals(byProvider.data.rows.filter((r) => r.key !== provider).map((r) => r.amount));
  const section = emptySection("cost_analysis", `Moving to ${region ?? provider}`);
  section.provenance.push(...byProvider.provenance);
  const calculator = provider ? CALCULATORS[provider] ?? "the provider's price list" : "the provider's price list";

  if (region && provider) {
    // A region move: the cloud's spend in its other regions moves; what has no region (CDN, DNS, tax, support) stays.
    const byRegion = await costBreakdown(db, {
      period: scope.period, metric: scope.metric, filters: { ...scope.filters, providers: [provider] }, dimension: "RegionId", limit: REGIONS_READ,
    });
    section.provenance.push(...byRegion.provenance);
    const rows = byRegion.data.rows.filter((r) => !r.isOthers && r.value !== 0);
    const there = rows.find((r) => r.key === region)?.amount ?? "0";
    const global = rows.find((r) => r.key === null)?.amount ?? "0";
    const moving = rows.filter((r) => r.key !== null && r.key !== region);
    const moves = sumDecimals(moving.map((r) => r.amount));
    section.figures = { total, provider: onProvider, moves, alreadyThere: there, noRegion: global, otherProviders: elsewhere };
    const stays = [
      ...(Number(there) !== 0 ? [`${money(there)} already runs there`] : []),
      ...(Number(global) !== 0 ? [`${money(global)} has no region (global services such as CDN and DNS, tax and support), which a move leaves as it is`] : []),
    ];
    // "Move prod from us-west-2 to us-east-1": the regions named are what moves; else every other region does.
    const sourceNamed = Boolean(scope.filters.regions?.length);
    section.headline =
      (!moving.length
        ? `**Nothing spent on ${sourceNamed ? scopeName(scope) : provider} ${scope.periodPhrase} ran in a region other than ${region}**, so there is nothing to move.`
        : sourceNamed
          ? `**${money(moves)}** was spent ${scope.periodPhrase} on ${scopeName(scope)}: that is what moving it to ${region} would re-price.`
          : `**${money(moves)}** of the ${money(onProvider)} spent on ${provider} ${scope.periodPhrase}${scopeText({ ...scope, filters: { ...scope.filters, providers: undefined } })} ran in ${moving.length} ${moving.length === 1 ? "region" : "regions"} other than ${region}: ` +
            `that is what running everything in ${region} would re-price.`) +
      (stays.length ? ` ${capitalised(and(stays))}.` : "") +
      (otherClouds.length ? ` The ${money(elsewhere)} on ${and(otherClouds)} cannot move to ${region}, ${/^[aeiou]/i.test(provider) ? "an" : "a"} ${provider} region, without a migration to ${provider}.` : "");
    section.tables.push({
      title: `${provider} spend by region`,
      columns: [
        { key: "label", label: "Region", format: "text" },
        { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
        { key: "share", label: "Share", format: "percent" },
        { key: "move", label: `Running it in ${region}`, format: "text" },
      ],
      rows: rows.map((r) => ({
        label: r.label,
        amount: r.amount,
        share: r.share === null ? null : r.share * 100,
        move: r.key === region ? "already there" : r.key === null ? "stays (no region)" : "moves",
      })),
    });
    if (moving.length) {
      const services = await costBreakdown(db, {
        period: scope.period, metric: scope.metric, dimension: "ServiceName", limit: SERVICES_SHOWN,
        filters: { ...scope.filters, providers: [provider], regions: moving.map((r) => r.key!) },
      });
      section.provenance.push(...services.provenance);
      section.tables.push(shareTable("Service", services.data.rows, `What would move to ${region}, by service`, scope.currency));
    }
    section.markdown = [
      tableMarkdown(section.tables[0]!, scope.currency, 20),
      section.tables[1] ? `\n${tableMarkdown(section.tables[1], scope.currency)}` : "",
      "",
      `What the move would cost is not in the bill: it holds the prices paid where each resource runs, not ${region}'s prices for the same usage. ` +
        `Price the usage above for ${region} with ${calculator}, and add the data transfer to copy data across and the time spent running in both places.`,
    ].join("\n").trim();
    return section;
  }

  // A move to another cloud: everything on the other clouds moves, service by service to its counterpart.
  const moving = byProvider.data.rows.filter((r) => !r.isOthers && r.key !== provider && r.value !== 0);
  section.figures = { total, provider: onProvider, moves: elsewhere, alreadyThere: onProvider };
  section.headline = moving.length
    ? `**${money(elsewhere)}** of the ${money(total)} spent ${scope.periodPhrase}${scopeText(scope)} ran on ${and(moving.map((r) => r.label))}: that is what moving everything to ${provider} would re-price; ` +
      (Number(onProvider) !== 0 ? `${money(onProvider)} already runs on ${provider}.` : `none of it runs on ${provider} yet.`)
    : `**Everything already runs on ${provider}**: all ${money(total)} spent ${scope.periodPhrase}${scopeText(scope)}.`;
  section.tables.push(shareTable("Provider", byProvider.data.rows.filter((r) => r.value !== 0), "Spend by provider", scope.currency));
  if (moving.length) {
    const services = await costBreakdown(db, {
      period: scope.period, metric: scope.metric, dimension: "ServiceName", limit: SERVICES_SHOWN,
      filters: { ...scope.filters, providers: moving.map((r) => r.key!) },
    });
    section.provenance.push(...services.provenance);
    section.tables.push(shareTable("Service", services.data.rows, `What would move to ${provider}, by service`, scope.currency));
  }
  section.markdown = [
    tableMarkdown(section.tables[0]!, scope.currency),
    section.tables[1] ? `\n${tableMarkdown(section.tables[1], scope.currency)}` : "",
    "",
    `What the move would cost is not in the bill: it holds what each cloud charged for what runs there, not ${provider}'s prices for the same work, and services do not map one to one ` +
      `(a managed AI model, a data warehouse or a database may have no like-for-like counterpart). Price each service's usage with ${calculator}, and add the data transfer out of the clouds left and the time spent running in both.`,
  ].join("\n").trim();
  return section;
}

/** Breakdown rows as a table: each value's cost and its share in percent. */
function shareTable(label: string, rows: Array<{ label: string; amount: string; share: number | null }>, title: string, currency: string) {
  return {
    title,
    columns: [
      { key: "label", label, format: "text" as const },
      { key: "amount", label: `Cost (${currency})`, format: "money" as const },
      { key: "share", label: "Share", format: "percent" as const },
    ],
    rows: rows.map((r) => ({ label: r.label, amount: r.amount, share: r.share === null ? null : r.share * 100 })),
  };
}

