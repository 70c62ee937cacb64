// "How much would we save by turning off dev environments at night?": what stopping the scope's on-demand virtual
// machines and databases outside a schedule would have saved over the period (schedulingSavings), resource by resource.
import type { Database } from "../../adapters/db/database.ts";
import { emptySection, formatMoney, formatNumber, formatPercent, tableMarkdown, type AnswerSection } from "../answer.ts";
import { costBreakdown } from "../../finops/analytics/breakdown.ts";
import { schedulingSavings } from "../../finops/analytics/scheduling.ts";
import { addMonths } from "../../finops/analytics/scope.ts";
import { offTimesAsked } from "../classifier/dimensions.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import type { ResolvedScope } from "../scope.ts";
import { scopeText, YEARLY_ASKED, yearOf, type SpecialistInput } from "./specialist.ts";

/** Resources the table lists; the headline counts them all. */
const ROWS = 20;

/** The schedule a question asks for, in hours a day, and how the answer says when machines stop and run. */
function scheduleOf(question: string): { weekdayHours: number; weekendHours: number; stopped: string; running: string } {
  const { nights, weekends } = offTimesAsked(question);
  if (nights && weekends) return { weekdayHours: 12, weekendHours: 0, stopped: "at night and at weekends", running: "08:00–20:00 on weekdays" };
  if (nights) return { weekdayHours: 12, weekendHours: 12, stopped: "at night", running: "08:00–20:00 every day" };
  return { weekdayHours: 24, weekendHours: 0, stopped: "at weekends", running: "around the clock on weekdays" };
}

/**
 * "Turn off non-prod at night": every sub-account with cost in the period but the named ones (prod), as a scope of
 * its own (null when there is no other). Unchanged when the question sets nothing against the rest.
 */
async function theRest(db: Pick<Database, "sql">, { scope, dimensions }: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<ResolvedScope | null> {
  const named = scope.filters.subAccountIds;
  if (!dimensions.versusRest || !named?.length) return scope;
  exec.useTool("costBreakdown");
  const others = { ...scope.filters, subAccountIds: undefined, billingAccountIds: undefined };
  const all = await costBreakdown(db, { period: scope.period, filters: others, metric: scope.metric, dimension: "SubAccountId", limit: 1000 });
  const rest = all.data.rows.filter((r) => !r.isOthers && r.key !== null && !named.includes(r.key)).map((r) => r.key!);
  const name = `non-${scope.accounts.map((a) => a.name).join(" and ")}`;
  if (rest.length === 0) return null;
  return { ...scope, filters: { ...others, subAccountIds: rest }, accounts: [{ name, subAccountIds: rest, billingAccountIds: [] }] };
}

export async function scheduleAnswer(db: Pick<Database, "sql">, input: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
  const { question } = input;
  const rest = await theRest(db, input, exec);
  if (!rest) {
    const section = emptySection("infrastructure", "Scheduling savings");
    section.headline = `**Nothing to schedule**: every sub-account with cost ${input.scope.periodPhrase} is ${input.scope.accounts.map((a) => a.name).join(" or ")}.`;
    return section;
  }
  const scope = rest;
  const schedule = scheduleOf(question);
  exec.useTool("schedulingSavings");
  const result = await schedulingSavings(db, {
    period: scope.period,
    filters: scope.filters,
    metric: scope.metric,
    schedule: { weekdayHours: schedule.weekdayHours, weekendHours: schedule.weekendHours },
    limit: ROWS,
  });
  const s = result.data;
  const money = (amount: string) => formatMoney(amount, scope.currency);
  const aMonth = addMonths(scope.period.start, 1) === scope.period.end && scope.period.start.endsWith("-01");
  const section = emptySection("infrastructure", "Scheduling savings");
  section.provenance = result.provenance;
  section.figures = {
    saving: s.saving,
    cost: s.cost,
    resources: s.resourceCount,
    hoursOn: s.hoursOn,
    periodHours: s.periodHours,
    offPercent: s.offPercent,
  };
  const where = scopeText(scope);
  if (s.resourceCount === 0) {
    section.headline =
      `**Nothing to schedule**${where}: no on-demand virtual machine or database was billed by the hour ${scope.periodPhrase}, ` +
      `so stopping them at night or at weekends would save nothing.`;
    section.markdown = `Usage a reservation or savings plan covers is paid whether the machine runs or not, and is not counted.`;
    return section;
  }
  const yearly = YEARLY_ASKED.test(question) && aMonth;
  if (yearly) section.figures.savingYear = yearOf(s.saving);
  const saving = yearly ? `${money(yearOf(s.saving))} a year` : aMonth ? `${money(s.saving)} a month` : money(s.saving);
  section.headline =
    `**${saving}**${yearly ? ` (${money(s.saving)} a month × 12)` : ""} could be saved by stopping the ` +
    `${formatNumber(s.resourceCount)} on-demand virtual machine${s.resourceCount === 1 ? "" : "s"} and database${s.resourceCount === 1 ? "" : "s"}${where} ${schedule.stopped} ` +
    `(running them ${schedule.running}): they cost ${money(s.cost)} ${scope.periodPhrase}, and the schedule keeps ${formatNumber(s.hoursOn)} of its ` +
    `${formatNumber(s.periodHours)} hours (${formatPercent(s.offPercent)} off).`;
  section.tables.push({
    title: "Savings by resource",
    columns: [
      { key: "resource", label: "Resource", format: "text" },
      { key: "service", label: "Service", format: "text" },
      { key: "account", label: "Sub-account", format: "text" },
      { key: "hours", label: "Hours run", format: "number" },
      { key: "cost", label: `Cost (${scope.currency})`, format: "money" },
      { key: "hoursSaved", label: "Hours stopped", format: "number" },
      { key: "saving", label: `Saving (${scope.currency})`, format: "money" },
    ],
    rows: s.rows.map((r) => ({
      resource: r.resourceName ?? r.resourceId,
      service: r.serviceName,
      account: r.subAccountName,
      hours: r.hours,
      cost: r.cost,
      hoursSaved: r.hoursSaved,
      saving: r.saving,
    })),
  });
  const partTime = s.rows.filter((r) => Number(r.saving) === 0).length;
  section.markdown = [
    tableMarkdown(section.tables[0]!, scope.currency, ROWS),
    "",
    `Saving = each resource's cost ÷ the hours it ran × the hours the schedule would stop (a resource that already ran ` +
      `fewer hours than the schedule allows saves nothing${partTime ? `: ${partTime} listed here` : ""}). Counted: usage priced per hour ` +
      `on virtual machines and relational databases, on demand or Spot. Not counted: usage a reservation or savings plan ` +
      `covers (paid whether the machine runs or not) and the disks of stopped machines, which are still billed.`,
    "",
    `To run the schedule: AWS Instance Scheduler (an RDS instance restarts by itself after 7 days stopped), Azure ` +
      `Start/Stop VMs v2 (a VM must be deallocated, not only stopped, to stop its compute charge), or Google Cloud ` +
      `instance schedules.` + (s.resourceCount > ROWS ? ` The ${ROWS} largest savings of ${formatNumber(s.resourceCount)} resources are listed.` : ""),
  ].join("\n");
  return section;
}
