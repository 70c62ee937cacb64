import { dimensionLabel, emptySection, formatMoney, formatPercent, formatSignedPercent, readableLabels, tableMarkdown, type AnswerSection } from "../answer.ts";
import { detectAnomalies, type Contributor } from "../../finops/analytics/anomalies.ts";
import { nameIds } from "../../finops/analytics/breakdown.ts";
import { comparePeriods } from "../../finops/analytics/compare.ts";
import { costTrend } from "../../finops/analytics/trend.ts";
import { addDaysIso } from "../../finops/data-range.ts";
import { daysBetween } from "../../finops/analytics/scope.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { scopeText, Specialist, type SpecialistInput } from "./specialist.ts";

/** A question about spikes or an incident rather than about spend (the supervisor sends these here). */
export const INCIDENT = /\b(?:spikes?|surges?|incidents?|blips?|runaway|anomal\w*|unusual|abnormal)\b/i;

/**
 * A question about an incident that already happened ("how much did the NAT surge cost?", "what was that spike?"),
 * not about why spend changed lately ("why did the bill spike?", which is about the latest change).
 */
const isPastIncident = (question: string) =>
  INCIDENT.test(question) &&
  /\b(?:did|was|were|had|cost us|happened)\b/i.test(question) &&
  !/\b(?:why|how come|what caused|explain)\b/i.test(question);
const PAST_INCIDENT_DAYS = 365;
/** Asks which anomaly was the largest ("which one cost the most?", "the biggest spike"). */
const LARGEST_ASKED = /\b(?:the most|largest|biggest|worst|costliest|most expensive)\b/i;

/** Asks what made an anomaly ("what caused the biggest one?", "why did it spike?", "what's behind it?"). */
const CAUSE_ASKED = /\b(?:what|who|which)\b[^?]*\b(?:caused?|causing|drove|drives|driving|behind|explains?)\b|\bwhy\b|\broot cause\b|\bwhere did (?:it|that|this)\b/i;
/** Names a spike the asker believes happened ("what caused the spike in September?", "when was the surge?"). */
const SPIKE_NAMED = /\b(?:spike[sd]?|spiking|surge[sd]?|jump(?:ed)?|blips?)\b/i;
/** Charge categories a day's usage is read from: purchases and tax land on a month's first day and are not spikes. */
const USAGE_ONLY = ["Usage"] as const;

/** Unusual spend: anomalies per service against a weekday-matched baseline, with what drove each. */
export class AnomalyAgent extends Specialist {
  readonly agentType = "anomaly_detection" as const;
  readonly agentName = "anomaly-detection";
  readonly title = "Looking for anomalies";
  override readonly usesQuestionPeriod = false;

  protected async answer({ scope, dimensions, question }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    // Without a period, the last 30 days: anomalies are about what is happening now. A question about one that
    // happened ("how much did the NAT surge cost?") looks back over the last year of data.
    // "Any anomalies this week?" on a Monday, before the week has data: the same number of days up to the data's end
    // (a week at least), said first, not "no anomalies" over days with no cost at all.
    const notYet = dimensions.timeRange && scope.period.start > scope.dataRange.end ? Math.max(7, daysBetween(scope.period.start, scope.period.end)) : null;
    const days = notYet ?? (isPastIncident(question) ? PAST_INCIDENT_DAYS : 30);
    const start = addDaysIso(scope.dataRange.end, 1 - days);
    const period = dimensions.timeRange && !notYet
      ? scope.period
      : { start: start < scope.dataRange.start ? scope.dataRange.start : start, end: addDaysIso(scope.dataRange.end, 1) };
    const instead = notYet ? `There is no cost data for ${scope.periodLabel} yet (it ends on ${scope.dataRange.end}), so this looks at the last ${days} days of data. ` : "";
    exec.useTool("detectAnomalies");
    // "Anomalies by account": each sub-account's daily cost against its own baseline (a tag cannot be scored per day).
    const asked = scope.groupBy?.dimension;
    const dimension = asked && asked !== "Tag" ? asked : "ServiceName";
    const result = await detectAnomalies(this.db, { period, filters: scope.filters, metric: scope.metric, dimension });
    const anomalies = result.data.anomalies;
    // Ids (accounts, resources) by the name the data gives them.
    const rows = anomalies.map((a) => ({ key: a.key, label: a.key, isOthers: false, name: null as string | null }));
    const names = await nameIds(this.db, dimension, period, rows);
    const { shown, idColumns, idCell } = readableLabels(rows);
    const nameOf = new Map(rows.map((r) => [r.key, shown(r)]));
    const section = emptySection("anomaly_detection", "Anomalies");
    const { totalExcess } = result.data;
    section.figures = { count: anomalies.length, totalExcess: totalExcess.amount, largest: anomalies[0]?.key ?? null };
    const sorted = anomalies; // largest excess first
    // "Any spikes this week?" on the week's first day of data: one day is "on" it, not "between" it and itself.
    const last = addDaysIso(period.end, -1);
    const span = period.start === last ? `on ${period.start}` : `between ${period.start} and ${last}`;
    const only = sorted.length === 1 ? sorted[0]! : null;
    // An anomaly's days, and what it cost over its baseline.
    const daysOf = (a: (typeof sorted)[number]) => (a.start === addDaysIso(a.end, -1) ? `on ${a.start}` : `from ${a.start} to ${addDaysIso(a.end, -1)}`);
    const above = (a: (typeof sorted)[number]) =>
      `${formatMoney(a.excess.amount, scope.currency)} above the expected baseline (${formatMoney(a.actual.amount, scope.currency)} against ${formatMoney(a.expected.amount, scope.currency)}` +
      `${a.excessPercent === null ? "" : `, ${formatSignedPercent(a.excessPercent)}`})`;
    section.headline = instead + (only
      ? // One anomaly: what it is, its days and what it cost over the baseline ("how much did the Bedrock spike cost us?").
        `**1 cost anomaly** ${span}${scopeText(scope)}: **${nameOf.get(only.key)}**, ${daysOf(only)}, ${above(only)}.`
      : anomalies.length
      ? `**${anomalies.length} cost ${anomalies.length === 1 ? "anomaly" : "anomalies"}** ${span}${scopeText(scope)}, ${formatMoney(totalExcess.amount, scope.currency)} above the expected baseline; the largest is **${nameOf.get(sorted[0]!.key)}** (${formatMoney(sorted[0]!.excess.amount, scope.currency)} over ${sorted[0]!.days.length} ${sorted[0]!.days.length === 1 ? "day" : "days"}).`
      : `**No anomalies** ${span}${scopeText(scope)}: daily cost stayed within the weekday-matched baseline.`);
    // "Which one cost the most?": the largest leads, on its own.
    const top = sorted.length > 1 && LARGEST_ASKED.test(question) ? sorted[0]! : null;
    if (top) {
      section.figures.largestExcess = top.excess.amount;
      section.headline = `**${nameOf.get(top.key)}**, ${daysOf(top)}, cost the most: ${above(top)}. ${section.headline}`;
    }
    // No anomalies: the headline says so; an empty table would only repeat it.
    if (sorted.length) section.tables.push({
      title: "Anomalies",
      columns: [
        { key: "key", label: dimensionLabel(result.data.dimension), format: "text" },
        ...idColumns,
        { key: "start", label: "From", format: "date" },
        { key: "end", label: "To", format: "date" },
        { key: "actual", label: `Actual (${scope.currency})`, format: "money" },
        { key: "expected", label: `Expected (${scope.currency})`, format: "money" },
        { key: "excess", label: `Excess (${scope.currency})`, format: "money" },
        { key: "excessPercent", label: "Excess", format: "percent" },
        { key: "drivers", label: "Top contributors", format: "text" },
      ],
      rows: sorted.map((a, i) => ({
        key: nameOf.get(a.key)!,
        ...idCell(rows[i]!),
        start: a.start,
        end: addDaysIso(a.end, -1),
        actual: a.actual.amount,
        expected: a.expected.amount,
        excess: a.excess.amount,
        excessPercent: a.excessPercent,
        drivers: [...a.contributors.resources, ...a.contributors.skus].slice(0, 3).map((c) => c.label ?? c.key).join(", "),
      })),
    });
    // What made the largest one: the resources (else SKUs, else sub-accounts) whose cost rose over expected.
    const largest = sorted[0];
    const contributors = largest ? [largest.contributors.resources, largest.contributors.skus, largest.contributors.subAccounts].find((c) => c.length > 0) : undefined;
    if (largest && contributors) {
      const kind = contributors === largest.contributors.resources ? "Resource" : contributors === largest.contributors.skus ? "SKU" : "Sub-account";
      const money = (amount: string) => formatMoney(amount, scope.currency);
      const label = (c: Contributor) => c.label ?? c.key;
      section.figures.largestContributor = label(contributors[0]!);
      section.figures.largestContributorExcess = contributors[0]!.excess.amount;
      section.tables.push({
        title: `What drove the largest anomaly (${nameOf.get(largest.key)}, ${largest.start} to ${addDaysIso(largest.end, -1)})`,
        columns: [
          { key: "label", label: kind, format: "text" },
          { key: "actual", label: `Actual (${scope.currency})`, format: "money" },
          { key: "expected", label: `Expected (${scope.currency})`, format: "money" },
          { key: "excess", label: `Excess (${scope.currency})`, format: "money" },
        ],
        rows: contributors.map((c) => ({ label: label(c), actual: c.actual.amount, expected: c.expected.amount, excess: c.excess.amount })),
      });
      // "What caused the biggest one?": what drove it leads.
      if (CAUSE_ASKED.test(question)) {
        section.headline =
          `**The largest anomaly, ${nameOf.get(largest.key)} from ${largest.start} to ${addDaysIso(largest.end, -1)} (${money(largest.excess.amount)} above expected), came from** ` +
          `${contributors.slice(0, 3).map((c) => `${label(c)} (${money(c.excess.amount)} over its expected ${money(c.expected.amount)})`).join(", ")}. ${section.headline}`;
      }
    }
    exec.useTool("costTrend");
    const trend = await costTrend(this.db, { period, filters: scope.filters, metric: scope.metric, granularity: "day" });
    // "What caused the spike in September?" when no day was anomalous: the day usage rose most on the same weekday a
    // week before, and what rose with it, lead; the question's premise is answered, not only "no anomalies".
    if (!anomalies.length && dimensions.timeRange && daysBetween(period.start, period.end) > 1 && SPIKE_NAMED.test(question)) await this.biggestJump(scope, period, section, exec);
    section.charts.push({
      kind: "line",
      title: "Daily cost with anomalies marked",
      unit: scope.currency,
      series: [{ name: scope.metric, style: "actual", points: trend.data.total.map((p) => ({ x: p.bucketStart, y: p.value })) }],
      markers: anomalies.flatMap((a) => a.days.map((d) => ({ x: d.day, label: nameOf.get(a.key)! }))),
    });
    const t = result.data.thresholds;
    section.markdown = [
      ...section.tables.map((table) => tableMarkdown(table, scope.currency)).flatMap((table) => [table, ""]),
      "",
      `A day counts as anomalous when it is above the Tukey fence (k = ${t.fenceK}) of the last ${t.baselineDays} days' residuals against the same weekday, ` +
        `and at least ${formatMoney(t.minDailyCost, scope.currency)} and ${formatPercent(t.minPercent, 0)} above expected — so normal weekend dips and small wobbles are not flagged.`,
    ].join("\n");
    section.provenance = [...result.provenance, ...(names ? [names] : []), ...trend.provenance, ...section.provenance];
    return section;
  }

  /**
   * The day in the period whose usage rose most over the same weekday a week before, and the services that rose with
   * it, as the lead: what a "spike" that no anomaly explains most likely was.
   */
  private async biggestJump(scope: SpecialistInput["scope"], period: { start: string; end: string }, section: AnswerSection, exec: ExecutionScope<AnswerSection>) {
    const filters = { ...scope.filters, chargeCategories: scope.filters.chargeCategories ?? [...USAGE_ONLY] };
    const daily = await costTrend(this.db, { period: { start: addDaysIso(period.start, -7), end: period.end }, filters, metric: scope.metric, granularity: "day" });
    const value = new Map(daily.data.total.map((p) => [p.bucketStart, p.value]));
    const jumps = daily.data.total
      .filter((p) => p.bucketStart >= period.start && value.has(addDaysIso(p.bucketStart, -7)))
      .map((p) => ({ day: p.bucketStart, rise: p.value - value.get(addDaysIso(p.bucketStart, -7))! }))
      .sort((a, b) => b.rise - a.rise);
    const money = (amount: string | number) => formatMoney(amount, scope.currency);
    const during = `in ${scope.periodLabel}${scopeText(scope)}`;
    const top = jumps[0];
    section.provenance.push(...daily.provenance);
    if (!top || top.rise <= 0) {
      section.headline = `**No spike ${during}**: no day was anomalous against its weekday-matched baseline, and no day's usage rose over the same weekday a week before.`;
      return;
    }
    exec.useTool("comparePeriods");
    const weekBefore = addDaysIso(top.day, -7);
    const compared = await comparePeriods(this.db, {
      current: { start: top.day, end: addDaysIso(top.day, 1) },
      baseline: { start: weekBefore, end: addDaysIso(weekBefore, 1) },
      mode: "custom",
      filters,
      metric: scope.metric,
      limit: 5,
    });
    const c = compared.data;
    const rose = c.drivers.filter((d) => !d.isOthers && Number(d.delta) > 0).slice(0, 3);
    const weekday = new Date(`${top.day}T00:00:00Z`).toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" });
    section.figures = { ...section.figures, biggestJumpDay: top.day, biggestJumpCurrent: c.current.total, biggestJumpBaseline: c.baseline.total, biggestJumpChange: c.change };
    section.headline =
      `**No spike stands out ${during}**: no day was anomalous against its weekday-matched baseline. ` +
      `The largest rise was on **${top.day}** (a ${weekday}): ${money(c.current.total)} of usage against ${money(c.baseline.total)} the ${weekday} before, ` +
      `up ${money(c.change)} (${formatPercent(c.changePercent)})` +
      (rose.length ? `, mostly ${rose.map((d) => `${d.label} (+${money(d.delta)})`).join(", ")}.` : ".");
    section.tables.unshift({
      title: `What rose on ${top.day} (against ${weekBefore})`,
      columns: [
        { key: "label", label: "Service", format: "text" },
        { key: "baseline", label: `${weekBefore} (${scope.currency})`, format: "money" },
        { key: "current", label: `${top.day} (${scope.currency})`, format: "money" },
        { key: "delta", label: `Change (${scope.currency})`, format: "money" },
      ],
      rows: c.drivers.map((d) => ({ label: d.label, baseline: d.baseline, current: d.current, delta: d.delta })),
    });
    section.markdown = `${tableMarkdown(section.tables[0]!, scope.currency)}\n\nUsage only (purchases and tax land on a month's first day): each day against the same weekday a week before; the day that rose most leads.\n\n${section.markdown}`;
    section.provenance.push(...compared.provenance);
  }
}
