import { capitalised, dimensionLabel, emptySection, plural, formatMoney, formatPercent, readableLabels, tableMarkdown, type AnswerSection } from "../answer.ts";
import { AppError } from "../../errors.ts";
import { budgetCoverage, type BudgetDimension, type BudgetShare } from "../../finops/analytics/budget-coverage.ts";
import { budgetHistory, budgetStatus, type BudgetFilters, type BudgetStatus } from "../../finops/analytics/budgets.ts";
import { BUDGET_COVERAGE } from "../classifier/budget-words.ts";
import type { QueryDimensions } from "../classifier/dimensions.ts";
import { addDaysIso } from "../../finops/data-range.ts";
import { monthLabel } from "../scope.ts";
import { addMonths, fromUnits, narrowTo, toUnits } from "../../finops/analytics/scope.ts";
import { costBreakdown, costTotal } from "../../finops/analytics/breakdown.ts";
import { forecastCost, type CostForecast } from "../../finops/analytics/forecast.ts";
import { sumDecimals } from "../../finops/analytics/stats.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { scopeText, Specialist, type SpecialistInput } from "./specialist.ts";

/** Values of a grouping forecast one by one ("forecast by provider"), the largest by recent cost. */
const GROUP_FORECASTS = 5;

const monthsOf = (range: { start: string; end: string }) => {
  const months: string[] = [];
  for (let m = range.start; m < range.end; m = addMonths(m, 1)) months.push(m.slice(0, 7));
  return months;
};

/** What is left of the year ("forecast our spend for the rest of the year"): the spend still to come leads. */
const REST_OF_YEAR = /\b(?:rest|remainder|balance) of (?:the |this )?year\b/i;

/** A forecast of the year as a whole ("end of year spend", "full-year forecast", "how will we end the year"). */
const YEAR_END = /\b(?:end (?:of )?(?:the )?year|year[- ]?end|eoy|full[- ]year|whole year|this year|rest of (?:the )?year|end the year|annual(?:ly)?|for the year)\b/;

/** Forecasts (month-end and months ahead, with intervals and a backtest) and budget burn. */
export class ForecastingAgent extends Specialist {
  readonly agentType = "forecasting" as const;
  readonly agentName = "forecasting";
  readonly title = "Forecasting";
  override readonly usesQuestionPeriod = false;

  protected answer(input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    if (input.intent !== "budget_tracking") return this.forecast(input, exec);
    if (BUDGET_COVERAGE.test(input.question)) return this.coverage(input, exec);
    return budgetHistoryAsked(input.question, input.dimensions) ? this.history(input, exec) : this.budgets(input, exec);
  }

  private async forecast({ scope, dimensions, question }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    // "Forecast end of year spend": the year the data ends in, as a whole (its last month at least is forecast).
    const wholeYear = YEAR_END.test(question.toLowerCase());
    const monthsToYearEnd = 12 - (Number(scope.dataRange.end.slice(5, 7)) - 1) - 1;
    // The months after the data's last month up to the period's last one ("next quarter": to its March).
    const monthsTo = (end: string) => monthIndex(addDaysIso(end, -1)) - monthIndex(scope.dataRange.end);
    const months = dimensions.timeRange
      ? Math.min(12, Math.max(1, monthsTo(dimensions.timeRange.end)))
      : wholeYear
        ? Math.max(1, monthsToYearEnd)
        : 3;
    exec.useTool("forecastCost");
    // "The next 7 days", "this week": days that are not whole months, reaching past the data, totalled as well.
    const range = dimensions.timeRange;
    const days = range && !wholeYear && !(range.start.endsWith("-01") && range.end.endsWith("-01")) && range.end > addDaysIso(scope.dataRange.end, 1) ? range : undefined;
    const span = days ? { start: days.start, end: days.end } : undefined;
    const result = await forecastCost(this.db, { horizonMonths: months, filters: scope.filters, metric: scope.metric, span });
    const f = result.data;
    const section = emptySection("forecasting", "Forecast");
    const next = f.months[0];
    section.figures = {
      currentMonth: f.currentMonth.month,
      currentMonthTotal: f.currentMonth.total.amount,
      currentMonthLower80: f.currentMonth.interval80.lower.amount,
      currentMonthUpper80: f.currentMonth.interval80.upper.amount,
      nextMonthTotal: next?.total.amount ?? null,
      backtestMapeMonthly: f.backtest?.mapeMonthly ?? null,
    };
    section.headline =
      `**${formatMoney(f.currentMonth.total.amount, scope.currency)}** expected for ${monthLabel(`${f.currentMonth.month}-01`)}${scopeText(scope)} ` +
      `(80% interval ${formatMoney(f.currentMonth.interval80.lower.amount, scope.currency)} – ${formatMoney(f.currentMonth.interval80.upper.amount, scope.currency)}), ` +
      `of which ${formatMoney(f.currentMonth.actualToDate.amount, scope.currency)} is already spent.`;
    section.tables.push({
      title: "Monthly forecast",
      columns: [
        { key: "month", label: "Month", format: "text" },
        { key: "total", label: `Forecast (${scope.currency})`, format: "money" },
        { key: "lower80", label: "80% low", format: "money" },
        { key: "upper80", label: "80% high", format: "money" },
        { key: "lower95", label: "95% low", format: "money" },
        { key: "upper95", label: "95% high", format: "money" },
      ],
      rows: [f.currentMonth, ...f.months].map((m) => ({
        month: m.month,
        total: m.total.amount,
        lower80: m.interval80.lower.amount,
        upper80: m.interval80.upper.amount,
        lower95: m.interval95.lower.amount,
        upper95: m.interval95.upper.amount,
      })),
    });
    section.charts.push({
      kind: "line",
      title: "Daily forecast with 80% interval",
      unit: scope.currency,
      series: [{ name: "Forecast", style: "forecast", points: f.daily.map((d) => ({ x: d.day, y: d.value, lower: d.lower80, upper: d.upper80 })) }],
    });
    const backtest = f.backtest
      ? `Backtest: fitted without the last two complete months, the forecast missed their totals by ${formatPercent(f.backtest.mapeMonthly)} on average (MAPE).`
      : `No backtest: ${(f.backtestSkipped ?? "not enough history").replace(/\.$/, "")}.`;
    section.markdown = [
      tableMarkdown(section.tables[0]!, scope.currency),
      "",
      `Method: additive Holt-Winters with weekly seasonality (α ${f.parameters.alpha}, β ${f.parameters.beta}, γ ${f.parameters.gamma}) on ${f.history.days} days of history; intervals widen with the horizon.`,
      backtest,
    ].join("\n");
    section.provenance = result.provenance;
    if (wholeYear) await this.yearEnd(f, scope, section, exec, REST_OF_YEAR.test(question));
    else if (days && f.span) this.askedDays(f.span, days.label, scope, section);
    else if (dimensions.timeRange) this.askedMonths(f, dimensions.timeRange, scope, section);
    if (scope.groupBy && !wholeYear) await this.byGroup(f, months, dimensions.timeRange, scope, section, exec);
    // "How confident is that?": how wide the intervals are, and how far off the backtest was, lead.
    if (CONFIDENCE_ASKED.test(question)) {
      const asked = dimensions.timeRange?.start.endsWith("-01") ? monthsOf(dimensions.timeRange) : [];
      const shown = [f.currentMonth, ...f.months].filter((m) => asked.includes(m.month));
      const months = (shown.length ? shown : [f.currentMonth]).slice(0, 3);
      const money = (amount: string) => formatMoney(amount, scope.currency);
      const spread = (m: (typeof months)[number]) => {
        const total = Number(m.total.amount);
        const half = (Number(m.interval80.upper.amount) - Number(m.interval80.lower.amount)) / 2;
        return total === 0 ? "" : ` (±${formatPercent((half / total) * 100)})`;
      };
      section.figures.backtestMapeMonthly = f.backtest?.mapeMonthly ?? null;
      section.headline =
        months
          .map((m) => `**${m.month}: 80% likely between ${money(m.interval80.lower.amount)} and ${money(m.interval80.upper.amount)}**${spread(m)}, 95% between ${money(m.interval95.lower.amount)} and ${money(m.interval95.upper.amount)}.`)
          .join(" ") +
        ` ${f.backtest ? `Fitted without the last two complete months, the same model missed their totals by ${formatPercent(f.backtest.mapeMonthly)} on average (MAPE).` : `There is no backtest: ${f.backtestSkipped ?? "not enough history"}.`} ` +
        section.headline;
    }
    // "How accurate was last month's forecast?": what the model forecast for the last complete months, fitted without
    // them, against what they cost, leads.
    if (ACCURACY_ASKED.test(question)) {
      const money = (amount: string) => formatMoney(amount, scope.currency);
      if (f.backtest) {
        const b = f.backtest;
        section.figures.backtestMapeMonthly = b.mapeMonthly;
        section.figures.backtestMonths = b.months.length;
        const each = b.months.map((m) => `${money(m.forecast.amount)} for ${monthLabel(`${m.month}-01`)} (it cost ${money(m.actual.amount)}, ${formatPercent(Math.abs(m.errorPercent))} ${m.forecast.value >= m.actual.value ? "over" : "under"})`);
        section.headline =
          `**Off by ${formatPercent(b.mapeMonthly)} on average (MAPE)**: fitted on the data before ${b.trainEnd}, the model forecast ${each.join(" and ")}. ` + section.headline;
        section.tables.unshift({
          title: "Backtest",
          columns: [
            { key: "month", label: "Month", format: "text" },
            { key: "forecast", label: `Forecast (${scope.currency})`, format: "money" },
            { key: "actual", label: `Actual (${scope.currency})`, format: "money" },
            { key: "error", label: "Error", format: "percent" },
          ],
          rows: b.months.map((m) => ({ month: monthLabel(`${m.month}-01`), forecast: m.forecast.amount, actual: m.actual.amount, error: m.errorPercent })),
        });
        section.markdown = `${tableMarkdown(section.tables[0]!, scope.currency)}\n\n${section.markdown}`;
      } else {
        section.headline = `**There is no backtest to tell how accurate the forecast was**: ${f.backtestSkipped ?? "not enough history"}. ${section.headline}`;
      }
    }
    return section;
  }

  /**
   * "Forecast for December by provider": each of the largest values of the grouping (by the last 30 days' cost)
   * forecast from its own history, for the months the question names (else the current month), as a table. Models
   * fitted apart do not add up exactly to the whole's forecast; the answer says so.
   */
  private async byGroup(
    f: CostForecast,
    months: number,
    range: { start: string; end: string } | undefined,
    scope: SpecialistInput["scope"],
    section: AnswerSection,
    exec: ExecutionScope<AnswerSection>,
  ) {
    const { dimension, tagKey } = scope.groupBy!;
    const asked = range && range.start.endsWith("-01") && range.end.endsWith("-01") ? monthsOf(range) : [];
    const whole = [f.currentMonth, ...f.months];
    const target = asked.length && asked.every((m) => whole.some((w) => w.month === m)) ? asked : [f.currentMonth.month];
    exec.useTool("costBreakdown");
    const recent = { start: addDaysIso(f.asOf, -30), end: f.asOf };
    const top = await costBreakdown(this.db, { period: recent, filters: scope.filters, metric: scope.metric, dimension, tagKey, limit: GROUP_FORECASTS });
    const values = top.data.rows.filter((r) => !r.isOthers && r.key !== null);
    exec.useTool("forecastCost");
    const forecasts = await Promise.all(
      values.map(async (r) => {
        const filters = narrowTo(scope.filters, dimension, r.key!, tagKey);
        if (!filters) return null;
        try {
          // The whole's smoothing and first day: the values' forecasts then add up to the whole's (forecast.ts).
          const { alpha, beta, gamma } = f.parameters;
          const one = await forecastCost(this.db, {
            asOf: f.asOf,
            horizonMonths: months,
            filters,
            metric: scope.metric,
            smoothing: { alpha, beta, gamma },
            historyStart: f.history.start,
          });
          const rows = [one.data.currentMonth, ...one.data.months].filter((m) => target.includes(m.month));
          return { label: r.label, rows, provenance: one.provenance };
        } catch (error) {
          if (error instanceof AppError) return { label: r.label, rows: [], provenance: [], note: error.message };
          throw error;
        }
      }),
    );
    const shown = forecasts.filter((x): x is NonNullable<typeof x> => x !== null);
    if (!shown.length) return;
    const single = target.length === 1;
    // "By team", not "by tag team".
    const label = dimensionLabel(dimension, tagKey);
    const what = single ? target[0]! : `${target[0]} to ${target.at(-1)}`;
    section.tables.push({
      title: `Forecast by ${label.toLowerCase()}, ${what}`,
      columns: [
        { key: "label", label, format: "text" },
        { key: "total", label: `Forecast (${scope.currency})`, format: "money" },
        ...(single
          ? [
              { key: "lower80", label: "80% low", format: "money" as const },
              { key: "upper80", label: "80% high", format: "money" as const },
            ]
          : []),
      ],
      rows: shown.map((x) => ({
        label: x.label,
        total: x.rows.length === target.length ? sumDecimals(x.rows.map((m) => m.total.amount)) : null,
        ...(single ? { lower80: x.rows[0]?.interval80.lower.amount ?? null, upper80: x.rows[0]?.interval80.upper.amount ?? null } : {}),
      })),
    });
    const money = (amount: string) => formatMoney(amount, scope.currency);
    const named = shown.filter((x) => x.rows.length === target.length);
    const sum = sumDecimals(named.map((x) => sumDecimals(x.rows.map((m) => m.total.amount))));
    const forWhole = sumDecimals(whole.filter((m) => target.includes(m.month)).map((m) => m.total.amount));
    // What the values shown leave: the smaller ones and the costs with none (forecast as the whole less the values).
    const rest = sumDecimals([forWhole, `-${sum}`]);
    const leftOut = top.data.rows.some((r) => r.isOthers || r.key === null) || named.length < shown.length;
    const restLabel = `The rest (${[top.data.rows.some((r) => r.isOthers) ? `other ${plural(label.toLowerCase(), 2)}` : "", top.data.rows.some((r) => r.key === null && !r.isOthers) ? `no ${label.toLowerCase()}` : ""].filter(Boolean).join(", ") || "not forecast"})`;
    if (leftOut) section.tables.at(-1)!.rows.push({ label: restLabel, total: rest, ...(single ? { lower80: null, upper80: null } : {}) });
    section.figures = { ...section.figures, groupedBy: label, groupTotal: sum, wholeTotal: forWhole, rest: leftOut ? rest : null };
    section.headline += ` By ${label.toLowerCase()}: ${named.map((x) => `${x.label} ${money(sumDecimals(x.rows.map((m) => m.total.amount)))}`).join(", ")}.`;
    const smoothing = `α ${f.parameters.alpha}, β ${f.parameters.beta}, γ ${f.parameters.gamma}`;
    section.markdown += [
      "",
      "",
      tableMarkdown(section.tables.at(-1)!, scope.currency),
      "",
      `Each ${label.toLowerCase()} is forecast from its own history${leftOut ? ` (the ${shown.length} with the most cost in the last 30 days)` : ""}, ` +
        `with the smoothing fitted to all costs (${smoothing}) and from the same first day, so the parts add up to the whole: ` +
        (leftOut
          ? `${money(sum)} for these, and ${money(rest)} for the rest, of ${money(forWhole)} forecast for all costs.`
          : `${money(sum)}, against ${money(forWhole)} forecast for all costs.`) +
        shown.filter((x) => "note" in x && x.note).map((x) => ` ${x.label}: ${(x as { note: string }).note}`).join(""),
    ].join("\n");
    section.provenance.push(...top.provenance, ...shown.flatMap((x) => x.provenance));
  }

  /**
   * "What will we spend next quarter?", "forecast for December": the months the question names, when they are whole
   * forecast months other than just the current one, lead the answer as their exact sum.
   */
  private askedMonths(f: CostForecast, range: { start: string; end: string; label: string }, scope: SpecialistInput["scope"], section: AnswerSection) {
    const currency = scope.currency;
    if (!range.start.endsWith("-01") || !range.end.endsWith("-01")) return;
    const asked = monthsOf(range);
    const rows = [f.currentMonth, ...f.months].filter((m) => asked.includes(m.month));
    if (rows.length !== asked.length || (rows.length === 1 && rows[0] === f.currentMonth)) return;
    const money = (amount: string) => formatMoney(amount, currency);
    const total = sumDecimals(rows.map((m) => m.total.amount));
    section.figures = { ...section.figures, askedPeriod: range.label, askedTotal: total };
    section.headline =
      rows.length === 1
        ? `**${money(total)}** expected for ${range.label}${scopeText(scope)} (80% interval ${money(rows[0]!.interval80.lower.amount)} – ${money(rows[0]!.interval80.upper.amount)}).`
        : `**${money(total)}** expected for ${range.label}${scopeText(scope)}: ` + rows.map((m) => `${money(m.total.amount)} for ${m.month}`).join(", ") + ".";
    if (rows.length > 1) section.markdown = `Total: ${rows.map((m) => money(m.total.amount)).join(" + ")} = **${money(total)}**, each month's forecast (the table has their intervals).\n\n${section.markdown}`;
  }

  /**
   * "What will we spend this week?", "the next 30 days": the days asked lead, as what their days in the data cost plus
   * the forecast of the rest (usage by day, and the month's other charges spread over its days).
   */
  private askedDays(span: NonNullable<CostForecast["span"]>, label: string, scope: SpecialistInput["scope"], section: AnswerSection) {
    const money = (amount: string) => formatMoney(amount, scope.currency);
    const days = (n: number) => `${n} ${plural("day", n)}`;
    const parts = span.actualDays
      ? [`${money(span.actualToDate.amount)} already spent in its ${days(span.actualDays)} to ${scope.dataRange.end}`, `${money(span.forecastRemainder.amount)} forecast for the ${days(span.forecastDays)} after`]
      : [`all ${days(span.forecastDays)} forecast, the data ending on ${scope.dataRange.end}`];
    section.figures = { ...section.figures, askedPeriod: label, askedTotal: span.total.amount, askedActual: span.actualToDate.amount, askedForecast: span.forecastRemainder.amount };
    section.headline =
      `**${money(span.total.amount)}** expected for ${label}${scopeText(scope)} (80% interval ${money(span.interval80.lower.amount)} – ${money(span.interval80.upper.amount)}): ${parts.join(", ")}. ` +
      section.headline;
    section.markdown =
      (span.actualDays ? `Total: ${money(span.actualToDate.amount)} (actual) + ${money(span.forecastRemainder.amount)} (forecast) = **${money(span.total.amount)}**. ` : "") +
      `The days ahead are the daily usage forecast (the chart), plus the month's purchases, tax and other charges still expected, spread evenly over its remaining days.\n\n${section.markdown}`;
  }

  /**
   * The year as a whole: what was spent in its complete months (a query of its own), the current month's forecast
   * (spent so far plus the rest) and each later month's, added up exactly and shown as that sum.
   */
  private async yearEnd(
    f: CostForecast,
    scope: SpecialistInput["scope"],
    section: AnswerSection,
    exec: ExecutionScope<AnswerSection>,
    /** "For the rest of the year": what is still to be spent leads, the year as a whole after it. */
    rest = false,
  ) {
    const year = f.currentMonth.month.slice(0, 4);
    const monthStart = `${f.currentMonth.month}-01`;
    exec.useTool("costTotal");
    const spent = await costTotal(this.db, { period: { start: `${year}-01-01`, end: monthStart }, filters: scope.filters, metric: scope.metric });
    const later = f.months.filter((m) => m.month.startsWith(year));
    const parts = [spent.data.total, f.currentMonth.total.amount, ...later.map((m) => m.total.amount)];
    const total = sumDecimals(parts);
    const money = (amount: string) => formatMoney(amount, scope.currency);
    const since = scope.dataRange.start > `${year}-01-01` ? scope.dataRange.start : `${year}-01-01`;
    const spentPart = monthStart > since ? `${money(spent.data.total)} spent from ${since} to ${addDaysIso(monthStart, -1)}` : null;
    const forecastParts = [
      `${money(f.currentMonth.total.amount)} for ${f.currentMonth.month} (${money(f.currentMonth.actualToDate.amount)} of it already spent)`,
      ...later.map((m) => `${money(m.total.amount)} for ${m.month}`),
    ];
    section.figures = { ...section.figures, year, yearTotal: total, yearSpentBeforeThisMonth: spent.data.total };
    section.headline =
      `**${money(total)}** expected for ${year} as a whole${scopeText(scope)}: ` + [spentPart, ...forecastParts].filter(Boolean).join(", ") + ".";
    if (rest) {
      // The current month's forecast less what it has cost so far, and each later month's.
      const thisMonthLeft = fromUnits(toUnits(f.currentMonth.total.amount) - toUnits(f.currentMonth.actualToDate.amount));
      const left = sumDecimals([thisMonthLeft, ...later.map((m) => m.total.amount)]);
      section.figures.restOfYear = left;
      section.headline =
        `**${money(left)}** still to be spent in ${year}${scopeText(scope)}: ${money(thisMonthLeft)} more in ${monthLabel(`${f.currentMonth.month}-01`)} ` +
        `(its ${money(f.currentMonth.total.amount)} forecast less the ${money(f.currentMonth.actualToDate.amount)} spent to ${scope.dataRange.end})` +
        `${later.map((m) => `, ${money(m.total.amount)} in ${monthLabel(`${m.month}-01`)}`).join("")}; ${money(total)} for ${year} as a whole.`;
    }
    const gap = scope.dataRange.start > `${year}-01-01` ? ` The cost data starts on ${scope.dataRange.start}: earlier days of ${year} are not in it.` : "";
    section.markdown = [
      `Year total: ${parts.map(money).join(" + ")} = **${money(total)}** — the complete months' actual cost, then each month's forecast.${gap}`,
      "",
      section.markdown,
    ].join("\n");
    section.provenance = [...spent.provenance, ...section.provenance];
  }

  private async budgets({ scope, question, dimensions }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("budgetStatus");
    // "Against budget this quarter": monthly budgets over the quarter, each of its months counted.
    const span = budgetSpan(dimensions.timeRange, scope.dataRange.end);
    const result = await budgetStatus(this.db, { asOf: span?.asOf ?? scope.dataRange.end, metric: scope.metric, over: span?.over });
    const asOf = span?.asOf ?? scope.dataRange.end;
    const all = result.data.filter((b) => b.active);
    // "Which teams are over budget?": the budgets kept per value of that tag, when there are any.
    const tagKey = dimensions.groupBy?.dimension === "Tag" ? dimensions.groupBy.tagKey : undefined;
    const perTag = tagKey ? all.filter((b) => b.filters.tag?.key === tagKey) : [];
    const active = perTag.length ? perTag : all;
    // "When will we run out of budget for the ML team?": the budget the question names leads, the others follow.
    // Otherwise the worst come first: over budget, then at risk, soonest overrun first.
    const named = budgetsNamed(question, active, dimensions);
    const budgets = named.length ? [...named, ...active.filter((b) => !named.includes(b))] : [...active].sort(bySeverity);
    const section = emptySection("forecasting", "Budgets");
    const atRisk = budgets.filter((b) => b.status !== "on_track");
    section.figures = { budgets: budgets.length, atRisk: atRisk.length, ...Object.fromEntries(budgets.map((b) => [`spent:${b.name}`, b.spent])) };
    if (named.length) section.figures.named = named.map((b) => b.name).join("; ");
    const money = (amount: string) => formatMoney(amount, scope.currency);
    // "Which teams went over budget last month?": every period listed is over, its spend final and nothing projected.
    const allEnded = budgets.length > 0 && budgets.every(ended);
    const tally = `**${atRisk.length} of ${budgets.length} ${perTag.length ? `${tagKey} ` : ""}budgets**`;
    section.headline = named.length
      ? named.map((b) => budgetSentence(b, money, asOf)).join(" ")
      : budgets.length
        ? (allEnded ? `${tally} went over budget in the period that ended on ${asOf}.` : `${tally} ${atRisk.length === 1 ? "is" : "are"} at risk or over as of ${asOf}.`) +
          atRisk
            .slice(0, MAX_BUDGETS_TOLD)
            .map((b) => ` ${budgetSentence(b, money, asOf)}`)
            .join("") +
          (atRisk.length > MAX_BUDGETS_TOLD ? ` ${atRisk.length - MAX_BUDGETS_TOLD} more are in the table.` : "")
        : `**No budgets** are defined for the current period. ${ADD_BUDGETS}`;
    // "How much budget do we have left?": what is left leads (the whole bill's budget first), then what is at risk.
    if (LEFT_ASKED.test(question) && budgets.length) {
      const wholeFirst = [...budgets].sort((a, b) => Number(Object.keys(b.filters).length === 0) - Number(Object.keys(a.filters).length === 0));
      const told = named.length ? named : wholeFirst.slice(0, MAX_BUDGETS_TOLD);
      const more = budgets.length - told.length;
      section.figures = { ...section.figures, ...Object.fromEntries(budgets.map((b) => [`remaining:${b.name}`, b.remaining])) };
      section.headline =
        `**Left as of ${asOf}:** ` +
        told.map((b) => `${b.name} ${money(b.remaining)} of ${money(b.amount)} (${formatPercent(b.spentPercent)} spent, until ${addDaysIso(b.currentPeriod.end, -1)})`).join("; ") +
        `.${more > 0 ? ` The other ${more} ${more === 1 ? "is" : "are"} in the table.` : ""} ${section.headline}`;
    }
    // "Which budgets have no spend yet?": those, or that every one has some.
    if (NO_SPEND_ASKED.test(question) && budgets.length && !named.length) {
      const none = budgets.filter((b) => b.spentValue <= 0);
      const least = [...budgets].sort((a, b) => (a.spentPercent ?? 0) - (b.spentPercent ?? 0))[0]!;
      section.figures.withoutSpend = none.length;
      section.headline =
        (none.length
          ? `**${none.length} of ${budgets.length} budgets ${none.length === 1 ? "has" : "have"} no spend** this period as of ${asOf}: ${none.map((b) => b.name).join(", ")}.`
          : `**Every one of the ${budgets.length} budgets has spend** this period as of ${asOf}; the least used is ${least.name} (${formatPercent(least.spentPercent)} spent).`) +
        ` ${section.headline}`;
    }
    section.tables.push({
      title: "Budget status",
      columns: [
        { key: "name", label: "Budget", format: "text" },
        { key: "amount", label: `Budget (${scope.currency})`, format: "money" },
        { key: "spent", label: `Spent (${scope.currency})`, format: "money" },
        { key: "spentPercent", label: "Spent", format: "percent" },
        { key: "remaining", label: `Left (${scope.currency})`, format: "money" },
        // A period that is over has no burn rate ahead of it and nothing to project: its spend is final.
        ...(allEnded
          ? [{ key: "overrun", label: "Went over on", format: "date" as const }]
          : [
              { key: "burn", label: `Burn/day (${scope.currency})`, format: "money" as const },
              { key: "projected", label: `Projected (${scope.currency})`, format: "money" as const },
              { key: "overrun", label: "Overrun date", format: "date" as const },
            ]),
        { key: "status", label: "Status", format: "text" },
      ],
      rows: budgets.map((b) => ({
        name: b.name,
        amount: b.amount,
        spent: b.spent,
        spentPercent: b.spentPercent,
        remaining: b.remaining,
        burn: b.burnRatePerDay,
        projected: b.projectedSpend,
        overrun: b.forecastOverrunDate,
        status: ended(b) && b.status === "on_track" ? "within budget" : b.status.replace("_", " "),
      })),
    });
    const others = all.length - budgets.length;
    const rest = others > 0 ? `\n\nOnly the budgets kept per ${tagKey} are listed; the ${others} other budget${others === 1 ? "" : "s"} ${others === 1 ? "is" : "are"} not (ask about budgets to see all).` : "";
    // "This quarter" over monthly budgets: each counts its months in the quarter.
    const restated = budgets.filter((b) => b.restatedFrom);
    const counted = (["monthly", "quarterly"] as const).flatMap((from) => {
      const these = restated.filter((b) => b.restatedFrom === from);
      if (!these.length) return [];
      const unit = from === "monthly" ? "month" : "quarter";
      const times = these[0]!.restatedTimes!;
      return [`${these.length === budgets.length ? "every budget is" : `${these.length} ${these.length === 1 ? "budget is" : "budgets are"}`} set per ${unit} and counted ${times} times (${times} ${unit}s)`];
    });
    const spanNote = span?.over
      ? restated.length
        ? `\n\nOver ${span.label}, ${restated[0]!.currentPeriod.start} to ${addDaysIso(restated[0]!.currentPeriod.end, -1)}: ${counted.join("; ")}, against the spend since ${restated[0]!.currentPeriod.start}.` +
          (restated.length < budgets.length ? " The others keep their own period." : "")
        : `\n\nEach budget keeps its own period: none is set per a shorter period than ${span.label}.`
      : "";
    // "Which teams exceeded their budget last month?": that month's state, as of its last day.
    if (span && (restated.length || (!span.over && span.asOf !== scope.dataRange.end))) section.headline = `**${span.label}:** ${section.headline}`;
    // How burn rates and projections are worked out says nothing of periods that are over.
    const method = allEnded ? "" : (result.data[0]?.method ?? "");
    section.markdown = `${budgets.length ? tableMarkdown(section.tables[0]!, scope.currency) : ""}${rest}${spanNote}${method ? `\n\n${method}` : ""}`;
    section.provenance = result.provenance;
    return section;
  }

  /**
   * "Which budgets did we exceed this year?", "how many months were we over budget?": every budget period in the span
   * (the data's whole range when none is named), which went over, by how much and on what day.
   */
  private async history({ scope, question, dimensions }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("budgetHistory");
    const { start: dataStart, end: dataEnd } = scope.dataRange;
    const range = dimensions.timeRange;
    const period = { start: range && range.start > dataStart ? range.start : dataStart, end: range && range.end <= addDaysIso(dataEnd, 1) ? range.end : addDaysIso(dataEnd, 1) };
    const during = range ? `in ${range.label}` : `since the data starts on ${dataStart}`;
    const result = await budgetHistory(this.db, { period, asOf: dataEnd, metric: scope.metric });
    const all = result.data.filter((b) => b.periods.length > 0);
    const tagKey = dimensions.groupBy?.dimension === "Tag" ? dimensions.groupBy.tagKey : undefined;
    const perTag = tagKey ? all.filter((b) => b.filters.tag?.key === tagKey) : [];
    const named = budgetsNamed(question, perTag.length ? perTag : all, dimensions);
    const budgets = named.length ? named : perTag.length ? perTag : all;
    const money = (amount: string) => formatMoney(amount, scope.currency);
    const section = emptySection("forecasting", "Budgets over time");
    const overs = budgets.flatMap((b) => b.periods.filter((p) => p.overBy !== null).map((p) => ({ budget: b, period: p })));
    const periodName = (b: (typeof budgets)[number], p: (typeof overs)[number]["period"]) =>
      b.cadence === "monthly" && p.start.endsWith("-01") ? monthLabel(p.start) : `${p.start} to ${addDaysIso(p.end, -1)}`;
    const over = budgets.filter((b) => b.periods.some((p) => p.overBy !== null));
    section.figures = { budgets: budgets.length, budgetsOver: over.length, periodsOver: overs.length, periodsRead: budgets.reduce((n, b) => n + b.periods.length, 0) };
    if (!budgets.length) {
      section.headline = `**No budgets** were set ${during}. ${ADD_BUDGETS}`;
      section.provenance = result.provenance;
      return section;
    }
    const soFar = (p: (typeof overs)[number]["period"]) => (p.complete ? "" : ", so far");
    const told = over.slice(0, MAX_BUDGETS_TOLD).map((b) => {
      const its = b.periods.filter((p) => p.overBy !== null);
      const unit = CADENCE_UNITS[b.cadence];
      return (
        `**${b.name}** went over in ${its.length} of ${b.periods.length} ${plural(unit, b.periods.length)}: ` +
        its.map((p) => `${periodName(b, p)} by ${money(p.overBy!)} (${formatPercent(p.spentPercent)} spent, over on ${p.overOn}${soFar(p)})`).join("; ") +
        "."
      );
    });
    // The closest any budget came, when none went over.
    const closest = budgets
      .flatMap((b) => b.periods.map((p) => ({ budget: b, period: p })))
      .sort((a, b) => (b.period.spentPercent ?? 0) - (a.period.spentPercent ?? 0))[0];
    const scopeWord = perTag.length && !named.length ? `${tagKey} ` : "";
    const within = budgets.length - over.length;
    const closestText = closest
      ? `the highest was ${closest.budget.name} in ${periodName(closest.budget, closest.period)}, at ${formatPercent(closest.period.spentPercent)} of ${money(closest.budget.amount)}${soFar(closest.period)}.`
      : "";
    section.headline = named.length
      ? (over.length ? `${told.join(" ")} ` : "") +
        (within ? `**${budgets.filter((b) => !over.includes(b)).map((b) => b.name).join(", ")} stayed within budget** in every period ${during}${over.length ? "." : `: ${closestText}`}` : "")
      : over.length
        ? `**${over.length} of ${budgets.length} ${scopeWord}${plural("budget", budgets.length)} went over** ${during}, ${overs.length} ${plural("time", overs.length)} in all. ` +
          told.join(" ") +
          (over.length > MAX_BUDGETS_TOLD ? ` ${over.length - MAX_BUDGETS_TOLD} more are in the table.` : "") +
          (within ? ` The other ${within === 1 ? "one" : within} stayed within budget every time.` : "")
        : `**No ${scopeWord}budget went over** ${during}: ${closestText}`;
    section.tables.push({
      title: "Budget periods over",
      columns: [
        { key: "name", label: "Budget", format: "text" },
        { key: "period", label: "Period", format: "text" },
        { key: "amount", label: `Budget (${scope.currency})`, format: "money" },
        { key: "spent", label: `Spent (${scope.currency})`, format: "money" },
        { key: "spentPercent", label: "Spent", format: "percent" },
        { key: "overBy", label: `Over by (${scope.currency})`, format: "money" },
        { key: "overOn", label: "Went over on", format: "date" },
      ],
      rows: overs.map(({ budget, period: p }) => ({
        name: budget.name,
        period: `${periodName(budget, p)}${p.complete ? "" : " (so far)"}`,
        amount: budget.amount,
        spent: p.spent,
        spentPercent: p.spentPercent,
        overBy: p.overBy,
        overOn: p.overOn,
      })),
    });
    section.tables.push({
      title: "Every budget",
      columns: [
        { key: "name", label: "Budget", format: "text" },
        { key: "amount", label: `Budget (${scope.currency})`, format: "money" },
        { key: "periods", label: "Periods", format: "number" },
        { key: "over", label: "Over", format: "number" },
        { key: "highest", label: "Highest spent", format: "percent" },
        { key: "overBy", label: `Over by, in all (${scope.currency})`, format: "money" },
      ],
      rows: budgets.map((b) => ({
        name: `${b.name} (${b.cadence})`,
        amount: b.amount,
        periods: b.periods.length,
        over: b.periods.filter((p) => p.overBy !== null).length,
        highest: Math.max(...b.periods.map((p) => p.spentPercent ?? 0)),
        overBy: b.periods.some((p) => p.overBy !== null) ? sumDecimals(b.periods.map((p) => p.overBy ?? "0")) : null,
      })),
    });
    const inProgress = budgets.some((b) => b.periods.some((p) => !p.complete));
    section.markdown = [
      overs.length ? tableMarkdown(section.tables[0]!, scope.currency) : "",
      tableMarkdown(section.tables[1]!, scope.currency),
      `Each budget period that overlaps ${period.start} to ${addDaysIso(period.end, -1)} is read whole: its spend (all charges, ${scope.metric}) against the budget's amount; it went over on the day its running total passed the amount.` +
        (inProgress ? ` A period still running on ${dataEnd} counts its spend so far.` : ""),
    ]
      .filter(Boolean)
      .join("\n\n");
    if (!overs.length) section.tables.shift();
    section.provenance = result.provenance;
    return section;
  }

  /** "Which accounts have no budget?": each value's own budget, and the broader budgets that count its spend. */
  private async coverage({ scope, dimensions, question }: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    exec.useTool("budgetCoverage");
    const grouping = coverageGrouping(dimensions);
    const result = await budgetCoverage(this.db, { asOf: scope.dataRange.end, metric: scope.metric, currency: scope.currency, ...grouping });
    const c = result.data;
    const money = (amount: string) => formatMoney(amount, scope.currency);
    const noun = grouping.dimension === "Tag" ? grouping.tagKey! : COVERAGE_NOUNS[grouping.dimension];
    // A placeholder tag value ("TBD", "n/a") names no team: counted with the untagged spend, as tagging compliance does.
    const all = c.rows.map((r) => ({ ...r, isOthers: false }));
    type Row = (typeof all)[number];
    const unassigned = all.filter((r) => r.key === null || r.placeholder);
    const valued = all.filter((r) => !unassigned.includes(r));
    const withoutOwn = valued.filter((r) => r.own.length === 0);
    const inNone = withoutOwn.filter((r) => r.others.length === 0);
    const { shown, idColumns, idCell } = readableLabels(all);
    const named = (rows: Row[], max: number) =>
      rows.slice(0, max).map((r) => `${shown(r)} (${money(r.amount)})`).join(", ") + (rows.length > max ? ` and ${rows.length - max} more` : "");
    const spentWithoutOwn = sumDecimals(withoutOwn.map((r) => r.amount));
    const days = `${c.period.start} to ${scope.dataRange.end}`;
    const section = emptySection("forecasting", "Budget coverage");
    section.figures = { values: valued.length, withoutOwnBudget: withoutOwn.length, inNoBudget: inNone.length, spendWithoutOwnBudget: spentWithoutOwn, budgets: c.budgets.length };
    const nouns = plural(noun, valued.length);
    if (c.budgets.length === 0) {
      section.headline = `**No budgets** are active, so none of the ${valued.length} ${nouns} with spend from ${days} has one. ${ADD_BUDGETS}`;
    } else if (withoutOwn.length === 0) {
      section.headline = `**Every one of the ${valued.length} ${nouns}** with spend from ${days} has a budget of its own.`;
    } else {
      const n = withoutOwn.length;
      const rest =
        inNone.length === n
          ? ` ${n === 1 ? "It is" : "None of them is"} in ${n === 1 ? "no budget at all" : "any budget at all"}.`
          : inNone.length
            ? ` ${inNone.length} of them ${inNone.length === 1 ? "is" : "are"} in no budget at all: ${named(inNone, 3)}.`
            : ` ${n === 1 ? "It is" : "Each is"} still counted in a broader budget (${[...new Set(withoutOwn.flatMap((r) => r.others.map((o) => o.name)))].slice(0, 3).join(", ")}).`;
      section.headline =
        `**${n} of ${valued.length} ${nouns} ${n === 1 ? "has" : "have"} no budget of ${n === 1 ? "its" : "their"} own**: ` +
        `${named(withoutOwn, 5)}; ${money(spentWithoutOwn)} from ${days}.${rest}`;
    }
    // "How much of our spend is covered by budgets?": the share any budget counts leads, and the share a budget
    // narrower than the whole bill counts (a total budget covers everything and says little about who owns what).
    if (!dimensions.groupBy && (dimensions.share || /\bhow much\b/i.test(question)) && c.budgets.length) {
      const { total, inAnyBudget, inNarrowerBudget } = c.spend;
      const pct = (part: string) => (Number(total) === 0 ? null : (Number(part) / Number(total)) * 100);
      Object.assign(section.figures, { spend: total, inAnyBudget, inNarrowerBudget, inAnyBudgetPercent: pct(inAnyBudget), inNarrowerBudgetPercent: pct(inNarrowerBudget) });
      section.headline =
        `**${formatPercent(pct(inAnyBudget))} of the spend from ${days} is counted in at least one budget** (${money(inAnyBudget)} of ${money(total)}); ` +
        `${formatPercent(pct(inNarrowerBudget))} (${money(inNarrowerBudget)}) is in a budget narrower than the whole bill (a provider's, an account's, a service's or a team's). ${section.headline}`;
    }
    const shareText = (share: number | null) => (share === null ? "" : share > 0 && share < 0.005 ? " (<1%)" : ` (${formatPercent(share * 100, 0)})`);
    const budgetsText = (shares: BudgetShare[]) => (shares.length ? shares.map((s) => `${s.name}${shareText(s.share)}`).join("; ") : "none");
    // The values in no budget first, then those with none of their own, each by spend; the spend without a value last.
    const rank = (r: Row) => (unassigned.includes(r) ? 3 : r.own.length ? 2 : r.others.length ? 1 : 0);
    const rows = [...all].sort((a, b) => rank(a) - rank(b) || Math.abs(b.value) - Math.abs(a.value));
    const label = grouping.dimension === "Tag" ? dimensionLabel("Tag", grouping.tagKey) : capitalised(noun);
    section.tables.push({
      title: `Budget coverage by ${noun}`,
      columns: [
        { key: "value", label, format: "text" },
        ...idColumns,
        { key: "spend", label: `Spend (${scope.currency})`, format: "money" },
        { key: "own", label: "Own budget", format: "text" },
        { key: "others", label: "Also counted in (share of its spend)", format: "text" },
      ],
      rows: rows.map((r) => ({ value: shown(r), ...idCell(r), spend: r.amount, own: budgetsText(r.own), others: budgetsText(r.others) })),
    });
    const unassignedSpend = sumDecimals(unassigned.map((r) => r.amount));
    const withoutValue =
      grouping.dimension === "Tag"
        ? `${money(unassignedSpend)} has no ${noun} tag (untagged, or a placeholder such as TBD or n/a), so only a broader budget can count it.`
        : `${money(unassignedSpend)} has no ${noun}, so only a broader budget can count it.`;
    section.markdown = [
      tableMarkdown(section.tables[0]!, scope.currency),
      "",
      `Spend is ${scope.metric} from ${days} (month to date, every charge category, as budgets count it). ` +
        `An own budget is one scoped to that ${noun}; the others are broader budgets (a provider, a team, the total) that count some of its spend.` +
        (grouping.dimension === "SubAccountId" ? " Accounts here are FOCUS sub-accounts: AWS accounts, Azure subscriptions and Google Cloud projects." : "") +
        (unassigned.length && Number(unassignedSpend) !== 0 ? ` ${withoutValue}` : ""),
    ].join("\n");
    section.provenance = result.provenance;
    return section;
  }
}

/** A month as a count of months since year 0, from any of its days. */
const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;

/** Where the chat sends people who have no budgets yet. */
const ADD_BUDGETS = "Admins add budgets on the Budgets page (/admin/budgets).";
/** Asks how far to trust a forecast ("how confident is that?", "how accurate is the forecast?"). */
/** Asks how a forecast did against what happened ("how accurate was last month's forecast?", "forecast accuracy"). */
const ACCURACY_ASKED =
  /\bhow (?:accurate|good|close|far off|reliable|wrong|right) (?:was|were|has|have|did)\b|\b(?:forecasts?|predictions?)\b[^.?!]*\b(?:accuracy|errors?|track record)\b|\baccuracy of\b|\bbacktest/i;
const CONFIDENCE_ASKED = /\bhow (?:confident|sure|certain|accurate|reliable|precise)\b|\bconfidence\b|\bmargin of error\b|\buncertain(?:ty)?\b|\berror bars?\b/i;
/** Asks what is left of a budget ("how much budget do we have left?", "remaining budget"). */
const LEFT_ASKED = /\b(?:left|remaining|remains|headroom)\b/i;
/** Asks which budgets have no spend ("which budgets have no spend yet?"). */
const NO_SPEND_ASKED = /\bno (?:spend|spending|costs?)\b|\bnot (?:been )?(?:used|spent)\b|\bunused\b|\bzero spend\b|\bnothing spent\b/i;

/** How a coverage answer names the values of each dimension. */
const COVERAGE_NOUNS: Record<Exclude<BudgetDimension, "Tag">, string> = {
  SubAccountId: "account",
  BillingAccountId: "billing account",
  ProviderName: "provider",
  ServiceName: "service",
};

/** The grouping a coverage question asks for ("teams" is the team tag); accounts (sub-accounts) by default. */
function coverageGrouping(dimensions: QueryDimensions): { dimension: BudgetDimension; tagKey?: string } {
  const g = dimensions.groupBy;
  switch (g?.dimension) {
    case "ProviderName":
    case "ServiceName":
      return { dimension: g.dimension };
    case "BillingAccountId":
    case "BillingAccountName":
      return { dimension: "BillingAccountId" };
    case "Tag":
      return g.tagKey ? { dimension: "Tag", tagKey: g.tagKey } : { dimension: "SubAccountId" };
    default:
      return { dimension: "SubAccountId" };
  }
}

/** At-risk budgets the headline describes one by one; the table has the rest. */
const MAX_BUDGETS_TOLD = 3;
const CADENCE_UNITS: Record<BudgetStatus["cadence"], string> = { monthly: "month", quarterly: "quarter", annual: "year" };

/** Counts the periods over: "how many months", "which months", "how often", "ever". */
const PERIODS_ASKED = /\b(?:which|what|how many)\s+(?:months?|quarters?|times|periods?)\b|\bhow often\b|\bever\b/i;

/**
 * A question about budgets going over in the past across more than one budget period: this year, the last six months,
 * ever, or which months. "Which teams went over budget last month?" is one period (the budgets' own answer).
 */
export function budgetHistoryAsked(question: string, dimensions: Pick<QueryDimensions, "wentOver" | "timeRange">): boolean {
  if (!dimensions.wentOver) return false;
  if (PERIODS_ASKED.test(question)) return true;
  const range = dimensions.timeRange;
  return range !== undefined && addMonths(range.start, 1) < range.end;
}
const SEVERITY: Record<BudgetStatus["status"], number> = { over_budget: 0, at_risk: 1, on_track: 2 };

/** Over budget first, then at risk, each the soonest (or earliest) overrun first; then by name. */
function bySeverity(a: BudgetStatus, b: BudgetStatus): number {
  return (
    SEVERITY[a.status] - SEVERITY[b.status] ||
    (a.forecastOverrunDate ?? "9999").localeCompare(b.forecastOverrunDate ?? "9999") ||
    a.name.localeCompare(b.name)
  );
}

/** Words in budget names that do not tell one budget from another. */
const COMMON_BUDGET_WORDS = new Set(["demo", "budget", "budgets", "spend", "spending", "cost", "costs", "cloud", "team", "the", "and", "for", "of", "all"]);

/**
 * The budgets a question names: those sharing the most distinctive name words with it ("ML team" names "Demo: ML team
 * (generative AI)" by "ml"), none when no budget's words appear.
 */
export function budgetsNamed<B extends Pick<BudgetStatus, "name" | "filters">>(
  question: string,
  budgets: readonly B[],
  dimensions: Pick<QueryDimensions, "providers" | "services" | "tags">,
): B[] {
  const asked = new Set(question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  // A budget is also named by what it covers: "the Azure budget" is the one filtered to provider Microsoft.
  const covers = (f: BudgetFilters) =>
    (f.provider !== undefined && dimensions.providers.includes(f.provider)) ||
    (f.serviceName !== undefined && dimensions.services.includes(f.serviceName)) ||
    (f.tag !== undefined && dimensions.tags.some((t) => t.key === f.tag!.key && t.values.some((v) => f.tag!.value === v || f.tag!.value.split("-").includes(v))));
  const scored = budgets.map((b) => ({
    budget: b,
    score:
      new Set((b.name.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !COMMON_BUDGET_WORDS.has(w) && asked.has(w))).size +
      (covers(b.filters) ? 1 : 0),
  }));
  const best = Math.max(0, ...scored.map((s) => s.score));
  return best === 0 ? [] : scored.filter((s) => s.score === best).map((s) => s.budget);
}

/** What of the spend is billed once a month (not burned at the daily rate), and what more is expected; "" when none. */
function monthlyChargesNote(b: BudgetStatus, money: (amount: string) => string): string {
  const ahead = fromUnits(toUnits(b.upcomingMonthlyCharges) - toUnits(b.pendingMonthlyCharges));
  const upcoming = [
    ...(Number(b.pendingMonthlyCharges) !== 0 ? [`${money(b.pendingMonthlyCharges)} of this month's tax and purchases expected at last month's amount, not billed yet`] : []),
    ...(Number(ahead) !== 0 ? [`${money(ahead)} more expected on the first of the months ahead`] : []),
  ].join("; ");
  if (Number(b.monthlyCharges) === 0) return upcoming ? ` (monthly charges: ${upcoming})` : "";
  const billed = `${money(b.monthlyCharges)} of it billed for the whole month (tax, purchases), counted once, not per day`;
  return ` (${billed}${upcoming ? `; ${upcoming}` : ""})`;
}

/**
 * The calendar month, quarter or year a budget question names ("last month", "this quarter", "for 2026"), and the day
 * to read budgets as of: the span's last day, or the data's when it ends sooner. A quarter or year reads shorter
 * budgets over it (`over`); a month is the monthly budgets' own period. Null for any other period.
 */
function budgetSpan(timeRange: QueryDimensions["timeRange"], dataEnd: string): { over?: "quarterly" | "annual"; asOf: string; label: string } | null {
  if (!timeRange || !timeRange.start.endsWith("-01") || timeRange.start > dataEnd) return null;
  const month = Number(timeRange.start.slice(5, 7));
  const months = [1, 3, 12].find((n) => timeRange.end === addMonths(timeRange.start, n));
  if (!months || (months === 3 && (month - 1) % 3 !== 0) || (months === 12 && month !== 1)) return null;
  const last = addDaysIso(timeRange.end, -1);
  const asOf = last < dataEnd ? last : dataEnd;
  if (months === 1) return { asOf, label: monthLabel(timeRange.start) };
  return months === 12
    ? { over: "annual", asOf, label: timeRange.start.slice(0, 4) }
    : { over: "quarterly", asOf, label: `Q${(month + 2) / 3} ${timeRange.start.slice(0, 4)}` };
}

/** Whether a budget's period ended by the day it is read as of: its spend is final, nothing left to project. */
const ended = (b: BudgetStatus) => b.elapsedDays >= b.totalDays;

/**
 * One budget's state in a sentence: over since when, or at risk and when it runs out, or on track; for a period that
 * ended, whether it went over and when, or what it left.
 */
function budgetSentence(b: BudgetStatus, money: (amount: string) => string, asOf: string): string {
  if (ended(b)) {
    const final = `${money(b.spent)} of ${money(b.amount)} (${formatPercent(b.spentPercent)}) spent from ${b.currentPeriod.start} to ${addDaysIso(b.currentPeriod.end, -1)}`;
    return b.status === "over_budget"
      ? `**${b.name}** went over budget: ${final}; it went over on ${b.forecastOverrunDate}.`
      : `**${b.name}** stayed within budget: ${final}, ${money(b.remaining)} left.`;
  }
  const spent = `${money(b.spent)} of ${money(b.amount)} (${formatPercent(b.spentPercent)}) spent as of ${asOf}${monthlyChargesNote(b, money)}`;
  const period = `${b.currentPeriod.start} to ${addDaysIso(b.currentPeriod.end, -1)}`;
  if (b.status === "over_budget") {
    return `**${b.name}** is over budget: ${spent}; it went over on ${b.forecastOverrunDate} and is projected at ${money(b.projectedSpend)} for ${period}.`;
  }
  if (b.status === "at_risk") {
    const runsOut = b.forecastOverrunDate ? `runs out on **${b.forecastOverrunDate}**` : "ends over budget";
    return `**${b.name}** is at risk: ${spent}; at ${money(b.burnRatePerDay)} a day it ${runsOut}, ending at ${money(b.projectedSpend)} for ${period}.`;
  }
  return `**${b.name}** is on track: ${spent}; at ${money(b.burnRatePerDay)} a day it ends at ${money(b.projectedSpend)} for ${period}, within budget.`;
}
