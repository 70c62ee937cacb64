import { emptySection, formatMoney, tableMarkdown, type AnswerSection } from "../answer.ts";
import type { ExecutionScope } from "../hardened-agent.ts";
import { lookUpTerm, type GlossaryEntry } from "../glossary.ts";
import { Specialist, type SpecialistInput } from "./specialist.ts";
import { listSources, SOURCES_SQL, type CostSource } from "../../finops/ingest/sources.ts";

// Per provider and billing currency: amounts in different currencies are never added up.
const SQL = `SELECT provider_name, billing_currency, count(DISTINCT billing_account_id)::int AS accounts,
       count(DISTINCT service_name)::int AS services, min(charge_date)::text AS first_day, max(charge_date)::text AS last_day,
       sum(effective_cost)::text AS effective_cost
  FROM cost_daily_rollup GROUP BY provider_name, billing_currency ORDER BY sum(effective_cost) DESC`;

/** Asks how current the data is: "when was the cost data last updated?", "how fresh is the data?". */
const FRESHNESS =
  /\b(?:last|latest|most recently)\s+(?:updated|refreshed|imported|loaded|ingested|import|upload)\b|\bhow (?:fresh|recent|up[- ]to[- ]date|current|old)\b|\blatest (?:cost |billing )?data\b|\bwhen (?:was|were|did)\b.*\b(?:updated|refreshed|imported|loaded|ingested|import)\b/i;

/** Who imported a source, in words. */
const importer = (s: CostSource) => (s.isDemo ? "the demo loader" : s.importedByEmail ?? (s.importedBy ? "a deleted user" : "the command line"));

/** General questions: what data there is and what can be asked of it. */
export class DataRetrieverAgent extends Specialist {
  readonly agentType = "data_retriever" as const;
  readonly agentName = "data-retriever";
  readonly title = "Checking the data";
  override readonly usesQuestionPeriod = false;

  protected async answer(input: SpecialistInput, exec: ExecutionScope<AnswerSection>) {
    const term = input.intent === "general_query" ? lookUpTerm(input.question) : null;
    if (term) return this.define(term, exec);
    exec.useTool("cost_daily_rollup");
    const rows = await this.db.sql.query<{ provider_name: string; billing_currency: string; accounts: number; services: number; first_day: string; last_day: string; effective_cost: string }>(SQL);
    const section = emptySection("data_retriever", "Your cost data");
    section.figures = { providers: rows.length };
    const lastDay = rows.map((r) => r.last_day).sort().at(-1) ?? null;
    section.headline = rows.length
      ? `Cost data covers **${[...new Set(rows.map((r) => r.provider_name))].join(", ")}** from ${rows.map((r) => r.first_day).sort()[0]} to ${lastDay}.`
      : "**No cost data is loaded yet.** An admin can upload a FOCUS export (CSV, gzipped CSV or Parquet) on the Data page, or run `npm run demo`.";
    section.tables.push({
      title: "Data by provider",
      columns: [
        { key: "provider", label: "Provider", format: "text" },
        { key: "accounts", label: "Billing accounts", format: "number" },
        { key: "services", label: "Services", format: "number" },
        { key: "from", label: "From", format: "date" },
        { key: "to", label: "To", format: "date" },
        { key: "cost", label: "Effective cost", format: "text" },
      ],
      rows: rows.map((r) => ({ provider: r.provider_name, accounts: r.accounts, services: r.services, from: r.first_day, to: r.last_day, cost: formatMoney(r.effective_cost, r.billing_currency) })),
    });
    section.markdown = [
      rows.length ? tableMarkdown(section.tables[0]!) : "",
      "",
      "You can ask, for example: *What did we spend last month by service?* · *Why did costs go up this month?* · *Any anomalies in the last two weeks?* · *Forecast next quarter* · *Which instances should we rightsize?* · *How well are our savings plans used?* · *Tag coverage for team* · *Give me a report for October*.",
    ].join("\n");
    section.provenance = [{ description: "Data coverage by provider", period: null, filters: {}, metric: "EffectiveCost", table: "cost_daily_rollup", sql: SQL, params: [] }];
    if (rows.length && FRESHNESS.test(input.question)) {
      // "When was the data last updated?": the last day the data holds and the latest import lead.
      exec.useTool("cost_sources");
      const sources = await listSources(this.db);
      const latest = sources[0];
      section.figures = { ...section.figures, lastDay, sources: sources.length, lastImportedAt: latest?.importedAt.toISOString() ?? null };
      section.headline =
        `**The cost data runs to ${lastDay}**` +
        (latest
          ? `; the latest import was **${latest.importedAt.toISOString().slice(0, 16).replace("T", " ")} UTC**: ${latest.fileName} (${latest.rowCount.toLocaleString("en-US")} rows, by ${importer(latest)}), of ${sources.length} ${sources.length === 1 ? "source" : "sources"} imported.`
          : ".");
      section.provenance.push({ description: "Imported sources, newest first", period: null, filters: {}, metric: null, table: "cost_sources", sql: SOURCES_SQL, params: [] });
    }
    return section;
  }

  /** "What is a savings plan?": the glossary's definition and a question about the user's own data it leads to. */
  private define(entry: GlossaryEntry, exec: ExecutionScope<AnswerSection>): AnswerSection {
    exec.useTool("glossary");
    const section = emptySection("data_retriever", entry.term);
    section.headline = `**${entry.term}**: ${entry.definition}`;
    section.markdown = [`*Source: ${entry.source}.*`, "", `To see it in your data, ask: *${entry.askNext}*`].join("\n");
    return section;
  }
}
