// "What is our largest single line item?", "the top 10 line items last month": single charges (rows of the FOCUS
// export) ranked by cost, not a grouping of them. A line item is one charge for one resource (or account) over one
// charge period.
import type { Database } from "../../adapters/db/database.ts";
import { METRIC_COLUMNS, provenanceOf, SqlParams, whereClauses } from "../../finops/analytics/scope.ts";
import { emptySection, formatMoney, tableMarkdown, type AnswerSection } from "../answer.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { scopeText, type SpecialistInput } from "./specialist.ts";


/** Line items listed at most. */
const MAX_ROWS = 25;

export async function lineItemsAnswer(db: Pick<Database, "sql">, { scope, dimensions, question }: SpecialistInput, exec: ExecutionScope<AnswerSection>): Promise<AnswerSection> {
  exec.useTool("cost_line_items");
  const params = new SqlParams();
  const where = whereClauses({ table: "cost_line_items", alias: "li", period: scope.period, filters: scope.filters, params });
  const limit = params.add(Math.min(dimensions.topN ?? 10, MAX_ROWS));
  const amount = `li.${METRIC_COLUMNS[scope.metric]}`;
  const sql = `SELECT li.charge_date::text AS day, li.service_name AS service, coalesce(li.resource_name, li.resource_id) AS resource,
      li.charge_description AS description, li.charge_category AS category, ${amount}::text AS amount, count(*) OVER () AS n
    FROM cost_line_items li WHERE ${where.join(" AND ")}
    ORDER BY ${amount} DESC, li.charge_date, li.id LIMIT ${limit}`;
  type Row = { day: string; service: string | null; resource: string | null; description: string | null; category: string; amount: string; n: string | number };
  const rows = await db.sql.query<Row>(sql, params.values);
  const money = (value: string) => formatMoney(value, scope.currency);
  const section = emptySection("cost_analysis", "Largest line items");
  const top = rows[0];
  section.figures = { lineItems: Number(top?.n ?? 0), top: top?.amount ?? null, topDay: top?.day.slice(0, 10) ?? null };
  const what = (r: Row) => [r.description, r.service, r.resource].filter(Boolean).join(", ");
  const count = Number(top?.n ?? 0);
  section.headline = !top
    ? `**No line items** ${scope.periodPhrase}${scopeText(scope)}.`
    : /\bhow many\b/i.test(question)
      ? `**${count.toLocaleString("en-US")} line items** ${scope.periodPhrase}${scopeText(scope)}; the largest, ${money(top.amount)}: ${what(top)} on ${top.day.slice(0, 10)}.`
      : `**${money(top.amount)}**, the largest single line item ${scope.periodPhrase}${scopeText(scope)}: ${what(top)} on ${top.day.slice(0, 10)} (${top.category}).`;
  section.tables.push({
    title: "Largest line items",
    columns: [
      { key: "day", label: "Day", format: "text" },
      { key: "service", label: "Service", format: "text" },
      { key: "resource", label: "Resource", format: "text" },
      { key: "description", label: "Charge", format: "text" },
      { key: "amount", label: `Cost (${scope.currency})`, format: "money" },
    ],
    rows: rows.map((r) => ({ day: r.day.slice(0, 10), service: r.service, resource: r.resource, description: r.description ?? r.category, amount: r.amount })),
  });
  section.markdown = rows.length
    ? `${tableMarkdown(section.tables[0]!, scope.currency, MAX_ROWS)}\n\nA line item is one row of the FOCUS export: one charge, for one resource or account, over one charge period (a day in this data), of ${Number(top!.n).toLocaleString("en-US")} ${scope.periodPhrase}.`
    : "";
  section.provenance = [provenanceOf("The largest line items", { period: scope.period, filters: scope.filters, metric: scope.metric }, "cost_line_items", sql, params)];
  return section;
}
