// "What's our average daily spend on weekends vs weekdays?", "do we spend less at weekends?": the average day of each,
// and the services whose spend drops most at weekends (dev and batch workloads that could be switched off, or are).
// Usage charges only: taxes and commitment purchases are billed on a month's first day, and would put a month of them
// on whichever kind of day the 1st fell.
import type { Database } from "../../adapters/db/database.ts";
import { fromUnits, isWeekendDay, toUnits } from "../../finops/analytics/scope.ts";
import { costTrend, type TrendPoint } from "../../finops/analytics/trend.ts";
import { capitalised, cents, emptySection, formatMoney, formatPercent, formatSignedPercent, tableMarkdown, type AnswerSection } from "../answer.ts";
import { baselineFor } from "../../finops/analytics/compare.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { periodName, scopeText, type SpecialistInput } from "./specialist.ts";
import { DAY_OF_WEEK, NAMED_WEEKDAY, TWO_WEEKDAYS } from "../classifier/dimensions.ts";

/** Monday first, as ISO weeks and FinOps reports run. */
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Services compared day by day at most. */
const SERVICES = 50;
/** Services listed as dropping most at weekends. */
const LISTED = 5;

/** The exact total of the points' amounts. */
const totalOf = (points: TrendPoint[]) => fromUnits(points.reduce((sum, p) => sum + toUnits(p.amount), 0n));

/** Asks for what the days cost in all: "how much did we spend on weekends?", "total weekend cost". */
const TOTAL_ASKED = /\bhow much\b|\btotal\b|\bin all\b/i;

/** The change from `was` to `now` in percent of `was`; null when `was` is zero. */
const changeOf = (now: number, was: number) => (was === 0 ? null : ((now - was) / Math.abs(was)) * 100);

/** The day of the week of a UTC day, Monday first (an index into WEEKDAYS). */
const weekdayIndex = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

/** The average day of the points, null for none. */
const mean = (list: TrendPoint[]) => (list.length ? list.reduce((s, p) => s + p.value, 0) / list.length : null);

/** A table of kinds of day: how many, their cost and the average day (the weekend split, and each day of the week). */
const dayColumns = (key: string, label: string, currency: string): AnswerSection["tables"][number]["columns"] => [
  { key, label, format: "text" },
  { key: "count", label: "Number", format: "number" },
  { key: "total", label: `Cost (${currency})`, format: "money" },
  { key: "average", label: `Average a day (${currency})`, format: "money" },
];

/** The average day of the points on weekends and on weekdays. */
function averages(points: TrendPoint[]) {
  const weekend = points.filter((p) => isWeekendDay(p.bucketStart));
  const weekday = points.filter((p) => !isWeekendDay(p.bucketStart));
  return { weekend, weekday, weekendAverage: mean(weekend), weekdayAverage: mean(weekday) };
}

export async function weekendsAnswer(db: Pick<Database, "sql">, input: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
  const { scope } = input;
  const usageOnly = !scope.filters.chargeCategories?.length;
  const filters = usageOnly ? { ...scope.filters, chargeCategories: ["Usage"] } : scope.filters;
  exec.useTool("costTrend");
  const trend = await costTrend(db, { period: scope.period, filters, metric: scope.metric, granularity: "day", dimension: "ServiceName", limit: SERVICES });
  const section = emptySection("cost_analysis", "Weekends and weekdays");
  section.provenance = trend.provenance;
  // Days after the data ends (or before it starts) have no cost recorded, not a cost of zero.
  const inData = (p: TrendPoint) => p.bucketStart >= scope.dataRange.start && p.bucketStart <= scope.dataRange.end;
  const daysInData = trend.data.total.filter(inData);
  const { weekend, weekday, weekendAverage, weekdayAverage } = averages(daysInData);
  const money = (n: number | string) => formatMoney(n, scope.currency);
  if (weekendAverage === null || weekdayAverage === null) {
    section.headline = `There are no ${weekend.length ? "weekdays" : "weekend days"} with cost data ${scope.periodPhrase}${scopeText(scope)} to set against the ${weekend.length ? "weekend" : "weekdays"}.`;
    return section;
  }
  const change = changeOf(weekendAverage, weekdayAverage);
  section.figures = {
    weekendDays: weekend.length,
    weekdays: weekday.length,
    weekendAverage: cents(weekendAverage),
    weekdayAverage: cents(weekdayAverage),
    weekendChangePercent: change,
  };
  // Within a rounding of 0.05%: the same ("0.0% less" says nothing).
  const difference =
    change === null ? "" : Math.abs(change) < 0.05 ? ": a weekend day costs the same as a weekday" : `: a weekend day costs ${formatPercent(Math.abs(change))} ${change < 0 ? "less" : "more"}`;
  const counted = `(${usageOnly ? "usage charges, " : ""}${weekend.length} weekend days and ${weekday.length} weekdays)`;
  section.headline =
    `**${money(weekendAverage)} a weekend day** against **${money(weekdayAverage)} a weekday** ${scope.periodPhrase}${scopeText(scope)}${difference} ${counted}.`;
  // "How much did we spend on weekends in October?": the kind of day's whole cost leads, then the average day.
  const totalAsked = TOTAL_ASKED.test(input.question) && !/\b(?:average|per day|a day|daily)\b/i.test(input.question);
  if (totalAsked) {
    const weekdaysAsked = /\bweekdays?\b/i.test(input.question) && !/\bweekends?\b/i.test(input.question);
    const [days, name] = weekdaysAsked ? [weekday, "weekdays"] : [weekend, "weekend days"];
    const spent = totalOf(days);
    const all = Number(totalOf(daysInData));
    const share = all === 0 ? null : (Number(spent) / all) * 100;
    Object.assign(section.figures, { total: spent, totalShare: share });
    section.headline =
      `**${money(spent)} on the ${days.length} ${name}** ${scope.periodPhrase}${scopeText(scope)} ` +
      `(${formatPercent(share)} of ${money(all)}${usageOnly ? " of usage" : ""}). ${section.headline}`;
  }
  // "Weekend spend in November vs October", "how does our weekday spend compare to last month?": each kind of day's
  // average against the same kind of day in the period compared with; that leads.
  const { comparison, comparisonBaseline } = scope;
  const baseline = comparisonBaseline ?? (input.dimensions.comparison ? baselineFor(scope.period, comparison && comparison !== "custom" ? comparison : "MoM") : null);
  if (baseline) {
    const before = await costTrend(db, { period: baseline, filters, metric: scope.metric, granularity: "day" });
    section.provenance = [...section.provenance, ...before.provenance];
    const then = averages(before.data.total.filter(inData));
    // A kind of day the compared period has none of (its first days may all be weekdays) is not set against it.
    const kinds = [
      { name: "weekday", label: "Weekdays (Mon–Fri)", now: weekdayAverage, was: then.weekdayAverage },
      { name: "weekend day", label: "Weekends (Sat–Sun)", now: weekendAverage, was: then.weekendAverage },
    ].filter((k): k is typeof k & { was: number } => k.was !== null);
    // "Weekday spend" alone: weekdays first.
    if (/\bweekends?\b/i.test(input.question) || !/\bweekdays?\b/i.test(input.question)) kinds.reverse();
    if (kinds.length) {
      const moved = (k: (typeof kinds)[number]) =>
        cents(k.now) === cents(k.was) ? "unchanged" : k.was === 0 ? "none before" : formatSignedPercent(changeOf(k.now, k.was));
      for (const k of kinds) {
        const key = k.name === "weekday" ? "Weekday" : "Weekend";
        Object.assign(section.figures, { [`baseline${key}Average`]: cents(k.was), [`${key.toLowerCase()}AverageChangePercent`]: changeOf(k.now, k.was) });
      }
      const [first, second] = kinds;
      section.headline =
        `**A ${first!.name} cost ${money(first!.now)}** on average ${scope.periodPhrase}${scopeText(scope)}, against ${money(first!.was)} in ${periodName(baseline)} (${moved(first!)})` +
        (second ? `; **a ${second.name} ${money(second.now)}**, against ${money(second.was)} (${moved(second)}).` : ".") +
        // The split within the period, without its figures again.
        (difference ? ` Within it${difference.replace(/^:/, ",")} ${counted}.` : ` ${counted}.`);
      section.tables.push({
        title: `Against ${periodName(baseline)}`,
        columns: [
          { key: "days", label: "Days", format: "text" },
          { key: "before", label: `Average a day before (${scope.currency})`, format: "money" },
          { key: "now", label: `Average a day now (${scope.currency})`, format: "money" },
          { key: "change", label: `Change (${scope.currency})`, format: "money" },
          { key: "changePercent", label: "Change", format: "percent" },
        ],
        rows: kinds.map((k) => ({ days: k.label, before: cents(k.was), now: cents(k.now), change: cents(k.now - k.was), changePercent: changeOf(k.now, k.was) })),
      });
    }
  }
  section.tables.push({
    title: "Average day",
    columns: dayColumns("days", "Days", scope.currency),
    rows: [
      { days: "Weekdays (Mon–Fri)", count: weekday.length, total: totalOf(weekday), average: cents(weekdayAverage) },
      { days: "Weekends (Sat–Sun)", count: weekend.length, total: totalOf(weekend), average: cents(weekendAverage) },
    ],
  });
  // Which services make the difference: a day of each kind, per service, the largest drop first.
  const services = trend.data.series
    .filter((s) => !s.isOthers && s.key !== null)
    .map((s) => {
      const a = averages(s.points.filter(inData));
      return { label: s.label, weekday: a.weekdayAverage ?? 0, weekend: a.weekendAverage ?? 0 };
    })
    .map((s) => ({ ...s, drop: s.weekday - s.weekend }))
    .filter((s) => s.drop > 0.005)
    .sort((a, b) => b.drop - a.drop)
    .slice(0, LISTED);
  if (services.length) {
    section.figures.dropsMost = services[0]!.label;
    section.tables.push({
      title: "Services that cost less at weekends",
      columns: [
        { key: "service", label: "Service", format: "text" },
        { key: "weekday", label: `Weekday (${scope.currency})`, format: "money" },
        { key: "weekend", label: `Weekend day (${scope.currency})`, format: "money" },
        { key: "drop", label: `Less a weekend day (${scope.currency})`, format: "money" },
        { key: "dropPercent", label: "Less", format: "percent" },
      ],
      rows: services.map((s) => ({
        service: s.label,
        weekday: cents(s.weekday),
        weekend: cents(s.weekend),
        drop: cents(s.drop),
        dropPercent: s.weekday === 0 ? null : (s.drop / s.weekday) * 100,
      })),
    });
  }
  // Each day of the week on its own, Monday first: its number of days, their cost and the average.
  const byWeekday = WEEKDAYS.map((name, i) => {
    const days = daysInData.filter((p) => weekdayIndex(p.bucketStart) === i);
    return { name, count: days.length, total: totalOf(days), average: mean(days) };
  });
  section.tables.push({
    title: "By day of the week",
    columns: dayColumns("day", "Day", scope.currency),
    rows: byWeekday.map((d) => ({ day: d.name, count: d.count, total: d.total, average: d.average === null ? null : cents(d.average) })),
  });
  const twoDays = TWO_WEEKDAYS.exec(input.question);
  const namedDay = NAMED_WEEKDAY.exec(input.question);
  if (twoDays && twoDays[1]!.toLowerCase() !== twoDays[2]!.toLowerCase()) {
    // "Monday vs Friday": each one's average day, the first named against the second.
    const [one, other] = [twoDays[1]!, twoDays[2]!].map((raw) => byWeekday.find((d) => d.name === capitalised(raw.toLowerCase()))!);
    if (one!.average !== null && other!.average !== null) {
      const change = changeOf(one!.average, other!.average);
      section.figures = { ...section.figures, firstDay: one!.name, firstDayAverage: cents(one!.average), secondDay: other!.name, secondDayAverage: cents(other!.average), firstDayChangePercent: change };
      section.headline =
        `**A ${one!.name} costs ${money(one!.average)} on average, a ${other!.name} ${money(other!.average)}** ${scope.periodPhrase}${scopeText(scope)}: ` +
        `${change === null || Math.abs(change) < 0.05 ? "the same" : `${one!.name} ${formatPercent(Math.abs(change))} ${change > 0 ? "more" : "less"}`} ` +
        `(${usageOnly ? "usage charges, " : ""}${one!.count} ${one!.name}s and ${other!.count} ${other!.name}s). ${section.headline}`;
    }
  } else if (namedDay) {
    // "Are our costs higher on Mondays?": that day's average against the other days of its kind (weekdays or weekend).
    const raw = (namedDay[1] ?? namedDay[2])!.toLowerCase();
    const name = capitalised(raw);
    const day = byWeekday.find((d) => d.name === name)!;
    const weekendDay = name === "Saturday" || name === "Sunday";
    const others = byWeekday.filter((d) => d.name !== name && (weekendDay ? ["Saturday", "Sunday"] : WEEKDAYS.slice(0, 5)).includes(d.name));
    const otherDays = daysInData.filter((p) => others.some((o) => o.name === WEEKDAYS[weekdayIndex(p.bucketStart)]));
    const otherAverage = mean(otherDays);
    if (day.average !== null && otherAverage !== null) {
      const change = changeOf(day.average, otherAverage);
      const than = weekendDay ? `the other weekend day` : `the other weekdays`;
      section.figures = { ...section.figures, namedDay: name, namedDayAverage: cents(day.average), otherDaysAverage: cents(otherAverage), namedDayChangePercent: change };
      section.headline =
        `**A ${name} costs ${money(day.average)} on average** ${scope.periodPhrase}${scopeText(scope)}, against ${money(otherAverage)} on ${than}: ` +
        `${change === null || Math.abs(change) < 0.05 ? "the same" : `${formatPercent(Math.abs(change))} ${change > 0 ? "more" : "less"}`} ` +
        `(${usageOnly ? "usage charges, " : ""}${day.count} ${name}s and ${otherDays.length} other days). ${section.headline}`;
    }
  } else if (DAY_OF_WEEK.test(input.question)) {
    // "What's our spend by day of week?": the costliest and the cheapest day on average lead.
    const ranked = byWeekday.filter((d) => d.average !== null).sort((a, b) => b.average! - a.average!);
    const [most, least] = [ranked[0]!, ranked.at(-1)!];
    section.figures = { ...section.figures, costliestWeekday: most.name, costliestWeekdayAverage: cents(most.average!), cheapestWeekday: least.name, cheapestWeekdayAverage: cents(least.average!) };
    section.headline =
      `**${most.name} costs the most on average: ${money(most.average!)} a day** ${scope.periodPhrase}${scopeText(scope)}; ${least.name} the least, ${money(least.average!)} ` +
      `(${usageOnly ? "usage charges, " : ""}the average of ${most.count} ${most.name}s and ${least.count} ${least.name}s). ${section.headline}`;
  }
  section.charts.push({
    kind: "bar",
    title: "Average day",
    unit: scope.currency,
    series: [{ name: "Average a day", points: [{ x: "Weekdays", y: cents(weekdayAverage) }, { x: "Weekends", y: cents(weekendAverage) }] }],
  });
  section.markdown = [
    ...section.tables.map((t) => tableMarkdown(t, scope.currency)),
    "",
    (usageOnly
      ? "Usage charges only (ChargeCategory = Usage): taxes and commitment purchases are billed on a month's first day and would " +
        "count a month of them on one day. "
      : "") + "Days are UTC calendar days, as FOCUS charge periods are.",
  ].join("\n\n");
  return section;
}
