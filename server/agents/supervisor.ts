import type { Database } from "../adapters/db/database.ts";
import type { LlmClient } from "../adapters/llm.ts";
import { AnswerWriterAgent } from "./answer-writer.ts";
import { costCatalogReader, type CostCatalog } from "../finops/cost-catalog.ts";
import type { TurnJournal } from "../chat/turn-journal.ts";
import type { AnswerPayload, AnswerSection, SectionLead } from "./answer.ts";
import { REPORT, SUMMARY, type PreviousTurn } from "./classifier/classify-query.ts";
import { CHARGEBACK, emptyDimensions, extractDimensions, SCHEDULE_WORDS, type QueryDimensions } from "./classifier/dimensions.ts";
import { withStoredServices } from "./classifier/stored-services.ts";
import { applySubject, namesSubject, readSubject, type Subject } from "./unnamed-subject.ts";
import type { Intent } from "./classifier/intents.ts";
import { appendReducer, END, START, StateGraph } from "./graph.ts";
import { HardenedAgent, type AgentRunResult, type ExecutionScope } from "./hardened-agent.ts";
import { IntentClassifierAgent, QueryRewriterAgent } from "./pipeline-agents.ts";
import { anchorFor } from "./rewriter/rewrite.ts";
import { resolveScope, tagValueNamed, type SubjectTag } from "./scope.ts";
import { narrowTo, type Dimension } from "../finops/analytics/scope.ts";
import { AnomalyAgent, INCIDENT } from "./specialists/anomaly.ts";
import { CostAnalysisAgent, RANKING_ASKED } from "./specialists/cost-analysis.ts";
import { DataRetrieverAgent } from "./specialists/data-retriever.ts";
import { ForecastingAgent } from "./specialists/forecasting.ts";
import { InfrastructureAgent } from "./specialists/infrastructure.ts";
import { OptimizationAgent } from "./specialists/optimization.ts";
import { RecommendationAgent } from "./specialists/recommendation.ts";
import { ReportAgent } from "./specialists/report.ts";
import type { Specialist, SpecialistInput } from "./specialists/specialist.ts";

/** Progress the UI shows: which agent is working, and how each finished. */
export interface StepUpdate {
  agent: string;
  title: string;
  phase: "started" | "finished";
  status?: AgentRunResult<unknown>["status"];
  durationMs?: number;
}

export interface TurnRequest {
  threadId: string;
  messageId: string;
  text: string;
  signal: AbortSignal;
  /** Where the turn's agent executions and query intent are written (with its events, by group commit). */
  journal: Pick<TurnJournal, "execution" | "intent">;
  onStep: (step: StepUpdate) => void | Promise<void>;
  /** Called as each specialist's section is ready, so the answer can stream section by section. */
  onSection?: (section: AnswerSection) => void | Promise<void>;
}

export interface TurnAnswer {
  payload: AnswerPayload;
  markdown: string;
  status: "completed" | "cancelled" | "failed";
}

type SpecialistKind = "cost" | "anomaly" | "forecast" | "infrastructure" | "optimization" | "recommendation" | "report" | "data";

/** Which specialist answers an intent. */
const ROUTES: Record<Exclude<Intent, "clarification_needed" | "multi_intent">, SpecialistKind> = {
  cost_analysis: "cost",
  service_breakdown: "cost",
  spend_comparison: "cost",
  cost_allocation: "cost",
  tagging_compliance: "cost",
  cost_anomaly_detection: "anomaly",
  forecast_prediction: "forecast",
  budget_tracking: "forecast",
  resource_utilization: "infrastructure",
  rightsizing: "infrastructure",
  spot_instance_analysis: "infrastructure",
  reserved_instance_analysis: "optimization",
  savings_opportunity: "recommendation",
  optimization_recommendation: "recommendation",
  general_query: "data",
};
const SPEND_INTENTS: ReadonlySet<Intent> = new Set(["cost_analysis", "service_breakdown", "spend_comparison"]);
/** Asks whether a cost is too high ("are we overspending on storage?", "do we pay too much for AI?"), not a budget's overrun. */
const OVERSPEND_ASKED = /\b(?:over[- ]?spend(?:ing)?|spend(?:ing)? too much|pay(?:ing)? too much)\b(?![^.?!]*\bbudget)/i;

/** Intents about one pricing model (Spot, commitments), which a split across pricing models is not. */
const PRICING_KINDS: ReadonlySet<Intent> = new Set(["spot_instance_analysis", "reserved_instance_analysis"]);
/** Intents whose question may be about a thing no filter expresses ("spend on payments", "snapshots"): see readSubject. */
const NAMES_A_SUBJECT: ReadonlySet<Intent> = new Set(["cost_analysis", "service_breakdown", "cost_allocation", "spend_comparison"]);
/** Intents a why-question about a change may get from the classifier: all of them are answered by its drivers. */
const EXPLAINABLE: ReadonlySet<Intent> = new Set(["cost_anomaly_detection", "cost_analysis", "service_breakdown"]);

function routeOf(text: string, intent: Intent, dimensions: QueryDimensions): SpecialistKind {
  // "Turning off dev at night": machines stopped on a schedule, whatever the question was classified as.
  if (SCHEDULE_WORDS.test(text)) return "infrastructure";
  // "The chargeback report": what each owner is charged, not the period report.
  const chargeback = intent === "cost_allocation" && CHARGEBACK.test(text.toLowerCase());
  if ((REPORT.test(text) && !chargeback) || (SUMMARY.test(text) && SPEND_INTENTS.has(intent))) return "report";
  // Savings already made (negotiated and commitment discounts, the effective savings rate) are the optimization
  // agent's; savings still to be had are the open recommendations'.
  if (intent === "savings_opportunity" && dimensions.realisedSavings) return "optimization";
  return ROUTES[intent as keyof typeof ROUTES] ?? "data";
}

interface Task {
  id: string;
  kind: SpecialistKind;
  input: SpecialistInput;
  /** The earlier task whose lead this one's "it" refers to: it runs after that one, narrowed to the lead. */
  after?: string;
  /** This task says why the earlier one's lead leads: what its cost is made of. */
  whyLead?: boolean;
}

/** "What's our most expensive account and why?": why the first of a ranking is first. */
const WHY_RANKED = /\b(?:and|&)\s+why\b|\bwhy\s+(?:is\s+)?(?:it|that|so)\b/i;

/** "…and what can we do about it?": a later ask of the same question that refers back to what an earlier one found. */
const REFERS_BACK = /\b(?:it|that|this|them|those|these)\b/i;
/** Specialists that can narrow their answer to an earlier ask's lead, and the dimensions they narrow by. */
const FOLLOWS_A_LEAD: ReadonlySet<SpecialistKind> = new Set(["recommendation", "infrastructure"]);
const LEAD_DIMENSIONS: ReadonlySet<Dimension> = new Set(["ServiceName", "ProviderName", "SubAccountId", "Tag"]);

/** A task's input narrowed to the lead of the section it refers back to; unchanged when there is none to narrow by. */
function narrowedToLead(input: SpecialistInput, lead: SectionLead | undefined): SpecialistInput | null {
  if (!lead || !LEAD_DIMENSIONS.has(lead.dimension)) return null;
  const filters = narrowTo(input.scope.filters, lead.dimension, lead.key, lead.tagKey);
  if (!filters) return null;
  // A sub-account is shown by its name ("acme-staging (1 sub-account)").
  const accounts = lead.dimension === "SubAccountId" ? [{ name: lead.label, subAccountIds: [lead.key], billingAccountIds: [] }] : input.scope.accounts;
  return { ...input, scope: { ...input.scope, filters, accounts } };
}

interface GraphState {
  tasks: Task[];
  sections: AnswerSection[];
  failures: Array<{ agent: string; status: string; message: string }>;
}

/**
 * One turn: classify, rewrite, plan, run the specialists (in parallel for multi-part questions) under the
 * supervisor, and compose the answer. Every agent run is an agent_executions row; the intent a query_intents row.
 */
export class Supervisor {
  /** The store's days and currencies, kept between questions where the database announces its changes. */
  private readonly catalog: () => Promise<CostCatalog>;

  constructor(
    private readonly deps: {
      db: Database;
      llm?: LlmClient | null;
      /** Whether the LLM (when there is one) summarises completed answers; false keeps figures from ever reaching it. */
      writeAnswers?: boolean;
      specialistTimeoutMs?: number;
      now?: () => Date;
    },
  ) {
    this.catalog = costCatalogReader(deps.db);
  }

  async answer(turn: TurnRequest): Promise<TurnAnswer> {
    const { db } = this.deps;
    const ctx = { threadId: turn.threadId, messageId: turn.messageId, signal: turn.signal, db, journal: turn.journal };
    const [catalog, previous] = await Promise.all([this.catalog(), previousTurnOf(db, turn.threadId, turn.messageId)]);
    const dataRange = catalog.range;
    const referenceDate = (this.deps.now?.() ?? new Date()).toISOString().slice(0, 10);

    const classified = await this.step(turn, new IntentClassifierAgent(this.deps.llm ?? null), "Understanding the question", {
      text: turn.text,
      referenceDate,
      previous: previous ?? undefined,
    });
    if (!classified.output) return this.stopped(turn, classified.status);
    const rewritten = await this.step(turn, new QueryRewriterAgent(), "Rewriting the query", {
      text: turn.text,
      classification: classified.output,
      referenceDate,
      dataRange: dataRange ?? undefined,
      previous: previous ?? undefined,
      services: catalog.services,
    });
    if (!rewritten.output) return this.stopped(turn, rewritten.status);
    const rw = rewritten.output;
    const classification = classified.output;
    // "How much do we spend on payments?": a tag value the data holds is a tag filter the turn keeps, so a follow-up
    // ("break it down by environment") stays on app=payments.
    const subject = dataRange && NAMES_A_SUBJECT.has(rw.intent) ? readSubject(turn.text, catalog.services, rw.dimensions.timeRange) : null;
    const subjectRead = subject ? { text: turn.text, subject, tag: await tagValueNamed(db, subject.phrasings) } : undefined;
    const tag = subjectRead?.tag;
    if (tag) rw.dimensions = { ...rw.dimensions, tags: [...rw.dimensions.tags, { key: tag.key, values: [tag.value] }] };
    turn.journal.intent({
      threadId: turn.threadId,
      messageId: turn.messageId,
      intentType: rw.intent,
      originalQuery: turn.text,
      rewrittenQuery: rw.rewrittenQuery,
      confidence: Math.round(classification.confidence * 100) / 100,
      extractedDimensions: {
        ...rw.dimensions,
        subQuestions: classification.subQuestions,
        referenceNote: rw.referenceNote,
        carriedOver: rw.carriedOver,
        usedLlm: classification.usedLlm,
      },
    });

    const base: AnswerPayload = {
      intent: rw.intent,
      confidence: classification.confidence,
      rewrittenQuery: rw.rewrittenQuery,
      referenceNote: rw.referenceNote,
      sections: [],
      partial: false,
    };
    if (rw.intent === "clarification_needed") {
      const question = classification.clarification ?? "Could you say which costs and which period you mean?";
      return { payload: { ...base, clarification: question }, markdown: question, status: "completed" };
    }

    const tasks = await this.plan(turn.text, rw.intent, rw.dimensions, classification.parts, catalog, referenceDate, subjectRead);
    const report = new ReportAgent(db, { timeoutMs: this.deps.specialistTimeoutMs });
    const supervisor = new SupervisorAgent(tasks, (kind) => this.specialist(kind, report), turn, db);
    const run = await supervisor.run(tasks, ctx);
    const state = run.output ?? run.partial ?? { tasks, sections: [], failures: [] };
    const payload: AnswerPayload = {
      ...base,
      sections: state.sections,
      partial: run.status !== "success" || state.failures.length > 0,
      report: report.lastReport ?? undefined,
    };
    const status = run.status === "cancelled" ? "cancelled" : state.sections.length ? "completed" : "failed";
    const markdown = composeMarkdown(payload, state.failures, status);
    if (!this.deps.llm || this.deps.writeAnswers === false || status !== "completed") return { payload, markdown, status };
    return this.summarise(turn, this.deps.llm, payload, markdown);
  }

  /** The optional LLM summary above the computed answer; on any failure or unsupported figure, the answer as computed. */
  private async summarise(turn: TurnRequest, llm: LlmClient, payload: AnswerPayload, markdown: string): Promise<TurnAnswer> {
    const written = await this.step(turn, new AnswerWriterAgent(llm), "Writing the answer", { question: turn.text, markdown });
    if (turn.signal.aborted) return { payload, markdown, status: "completed" };
    const result = written.output ?? { markdown, summary: null, rejected: written.error?.message ?? written.status };
    return {
      payload: { ...payload, wording: { model: llm.model, summarised: result.summary !== null, ...(result.rejected ? { note: result.rejected } : {}) } },
      markdown: result.markdown,
      status: "completed",
    };
  }

  private async plan(
    text: string,
    intent: Intent,
    dimensions: QueryDimensions,
    parts: Array<{ text: string; intent: Intent }>,
    catalog: CostCatalog,
    referenceDate: string,
    /** The question's subject and its tag value, read before the turn was journaled: not read again. */
    subjectRead?: { text: string; subject: Subject; tag: SubjectTag | null },
  ): Promise<Task[]> {
    const dataRange = catalog.range;
    // With no cost data every question gets the data retriever's "nothing loaded yet" answer (it needs no scope).
    if (!dataRange) return [{ id: "data", kind: "data", input: { question: text, intent: "general_query", dimensions, scope: undefined as never } }];
    const asks =
      intent === "multi_intent" && parts.length
        ? // Each part keeps its own scope: "compare EC2 and also forecast next month" must not compare next month.
          parts.map((p) => ({
            text: p.text,
            intent: p.intent,
            dimensions: withStoredServices(p.text, extractDimensions(p.text, anchorFor(referenceDate, dataRange).anchor), catalog.services),
          }))
        : [{ text, intent: intent === "multi_intent" ? ("general_query" as const) : intent, dimensions }];
    // "The split between on-demand, reserved and spot": spend by pricing model, a breakdown, whichever kind it names.
    for (const ask of asks) {
      if (ask.dimensions.groupBy?.dimension === "PricingCategory" && PRICING_KINDS.has(ask.intent)) ask.intent = "service_breakdown";
    }
    const scoped = await Promise.all(
      asks.map(async (ask) => {
        const scope = await resolveScope(this.deps.db, ask.dimensions, dataRange, catalog, {
          // A forecast is about the period ahead; the anomaly agent looks at the latest days of data itself.
          lookBack: ask.intent !== "forecast_prediction" && ask.intent !== "cost_anomaly_detection",
        });
        if (NAMES_A_SUBJECT.has(ask.intent)) {
          const known = subjectRead?.text === ask.text ? subjectRead : undefined;
          const subject = known ? known.subject : readSubject(ask.text, catalog.services, ask.dimensions.timeRange);
          if (subject) await applySubject(this.deps.db, subject, scope, catalog.services, known?.tag);
        }
        return { ...ask, scope };
      }),
    );
    // "Why did EC2 spend go up last month?", "how come S3 is up?": the change explained by its drivers, then whether
    // any of it was anomalous (two tasks on the one resolved scope).
    // "How much did the NAT gateway surge cost?", "list the spikes this year": the anomalies (and their excess).
    const explained = scoped.flatMap((ask) =>
      // dimensions.explain: the text asks why (or what happened), or follows a why-question ("and the quarter before?").
      EXPLAINABLE.has(ask.intent) && ask.dimensions.explain
        ? // "What caused the spike on November 18?": the anomaly, which a spike is, leads; the change explains it after.
          INCIDENT.test(ask.text)
          ? [{ ...ask, intent: "cost_anomaly_detection" as const }, { ...ask, intent: "spend_comparison" as const }]
          : [{ ...ask, intent: "spend_comparison" as const }, { ...ask, intent: "cost_anomaly_detection" as const }]
        : // "If we cut dev spend by 30%, how much would we save?": that share of the cost, then the open recommendations
          // that would go towards it.
          ask.dimensions.reductionPercent !== undefined && ask.intent !== "multi_intent"
          ? [{ ...ask, intent: "cost_analysis" as const }, { ...ask, intent: "optimization_recommendation" as const }]
        : SPEND_INTENTS.has(ask.intent) && INCIDENT.test(ask.text)
          ? [{ ...ask, intent: "cost_anomaly_detection" as const }]
          : // "Are we overspending on storage?": the bill cannot say what is too much, but it shows what weighs on the
            // answer: the cost's share of all costs, how it moved, and the open recommendations that would cut it.
            SPEND_INTENTS.has(ask.intent) && OVERSPEND_ASKED.test(ask.text)
            ? [
                { ...ask, intent: "cost_analysis" as const, dimensions: { ...ask.dimensions, share: true } },
                { ...ask, intent: "spend_comparison" as const },
                { ...ask, intent: "optimization_recommendation" as const },
              ]
            : [ask],
    );
    const tasks: Task[] = explained.map((ask, i) => ({
      id: `task-${i}`,
      kind: routeOf(ask.text, ask.intent, ask.dimensions),
      input: { question: ask.text, intent: ask.intent, dimensions: ask.dimensions, scope: ask.scope },
    }));
    // "What's our biggest cost driver and what can we do about it?": "it" is what the cost answer found first.
    for (const [i, task] of tasks.entries()) {
      if (i === 0 || !FOLLOWS_A_LEAD.has(task.kind) || !REFERS_BACK.test(task.input.question) || namesSubject(task.input.dimensions)) continue;
      task.after = tasks.slice(0, i).findLast((t) => t.kind === "cost")?.id;
    }
    // "…and why?" of a ranking by account, provider or tag: the first one's cost by service, after the ranking.
    for (const task of [...tasks]) {
      const by = task.input.scope.groupBy?.dimension;
      const q = task.input.question;
      if (task.kind !== "cost" || !by || by === "ServiceName" || !LEAD_DIMENSIONS.has(by) || !RANKING_ASKED.test(q) || !WHY_RANKED.test(q)) continue;
      const groupBy = { dimension: "ServiceName" as const };
      tasks.push({
        id: `task-${tasks.length}`,
        kind: "cost",
        after: task.id,
        whyLead: true,
        input: { ...task.input, dimensions: { ...task.input.dimensions, groupBy }, scope: { ...task.input.scope, groupBy } },
      });
    }
    return tasks;
  }

  private specialist(kind: SpecialistKind, report: ReportAgent): Specialist {
    const options = { timeoutMs: this.deps.specialistTimeoutMs };
    const db = this.deps.db;
    switch (kind) {
      case "cost": return new CostAnalysisAgent(db, options);
      case "anomaly": return new AnomalyAgent(db, options);
      case "forecast": return new ForecastingAgent(db, options);
      case "infrastructure": return new InfrastructureAgent(db, options);
      case "optimization": return new OptimizationAgent(db, options);
      case "recommendation": return new RecommendationAgent(db, options);
      case "report": return report;
      case "data": return new DataRetrieverAgent(db, options);
    }
  }

  private async step<I, O>(turn: TurnRequest, agent: HardenedAgent<I, O>, title: string, input: I) {
    await turn.onStep({ agent: agent.agentName, title, phase: "started" });
    const result = await agent.run(input, { threadId: turn.threadId, messageId: turn.messageId, signal: turn.signal, db: this.deps.db, journal: turn.journal });
    await turn.onStep({ agent: agent.agentName, title, phase: "finished", status: result.status, durationMs: result.executionTimeMs });
    return result;
  }

  private stopped(turn: TurnRequest, status: string): TurnAnswer {
    const cancelled = turn.signal.aborted;
    const payload: AnswerPayload = { intent: "general_query", confidence: 0, rewrittenQuery: turn.text, referenceNote: "", sections: [], partial: true };
    return {
      payload,
      markdown: cancelled ? "_Stopped before an answer was ready._" : `_The question could not be processed (${status}). Please try again._`,
      status: cancelled ? "cancelled" : "failed",
    };
  }
}

/**
 * The last resolved question of a thread (the follow-up context), optionally excluding one message. Plain SQL, not
 * Prisma: it runs before every answer, and Prisma's query building costs more than the query here.
 */
export async function previousTurnOf(
  db: Pick<Database, "sql">,
  threadId: string,
  excludeMessageId?: string,
): Promise<(PreviousTurn & { rewrittenQuery: string }) | null> {
  // A multi-part question has no single scope to carry over; follow-ups continue from the turn before it.
  const [row] = await db.sql.query<{ intent_type: Intent; extracted_dimensions: QueryDimensions; rewritten_query: string }>(
    `SELECT intent_type::text AS intent_type, extracted_dimensions, coalesce(rewritten_query, original_query) AS rewritten_query
       FROM query_intents
      WHERE thread_id = $1 AND intent_type NOT IN ('clarification_needed', 'multi_intent')
        AND ($2::uuid IS NULL OR message_id <> $2::uuid)
      ORDER BY created_at DESC
      LIMIT 1`,
    [threadId, excludeMessageId ?? null],
  );
  if (!row) return null;
  // Dimensions stored before a field existed get its empty value.
  return { intent: row.intent_type, dimensions: { ...emptyDimensions(), ...row.extracted_dimensions }, rewrittenQuery: row.rewritten_query };
}

/** The word an ask refers back with ("it"), as written. */
const referent = (question: string) => REFERS_BACK.exec(question)?.[0] ?? "it";

/** The supervisor agent: compiles the turn's graph (specialists in parallel, then synthesis) and runs it. */
class SupervisorAgent extends HardenedAgent<Task[], GraphState> {
  readonly agentType = "supervisor" as const;
  readonly agentName = "supervisor";

  constructor(
    private readonly tasks: Task[],
    private readonly specialistFor: (kind: SpecialistKind) => Specialist,
    private readonly turn: TurnRequest,
    private readonly db: Database,
  ) {
    super({ timeoutMs: 60_000, maxRetries: 0 });
  }

  protected override describeInput(tasks: Task[]) {
    return tasks.map((t) => `${t.kind}: ${t.input.question}`).join(" | ");
  }

  protected async execute(tasks: Task[], scope: ExecutionScope<GraphState>): Promise<GraphState> {
    const graph = new StateGraph<GraphState>({ sections: appendReducer, failures: appendReducer });
    const sections: AnswerSection[] = [];
    const position = new Map<AnswerSection, number>();
    const sectionOf = new Map<string, AnswerSection>();
    for (const [index, task] of tasks.entries()) {
      const specialist = this.specialistFor(task.kind);
      scope.useTool(specialist.agentName);
      graph.addNode(task.id, async () => {
        const lead = task.after ? sectionOf.get(task.after)?.lead : undefined;
        const narrowed = narrowedToLead(task.input, lead);
        await this.turn.onStep({ agent: specialist.agentName, title: specialist.title, phase: "started" });
        const result = await specialist.run(narrowed ?? task.input, {
          threadId: this.turn.threadId,
          messageId: this.turn.messageId,
          signal: scope.signal,
          db: this.db,
          journal: this.turn.journal,
        });
        await this.turn.onStep({ agent: specialist.agentName, title: specialist.title, phase: "finished", status: result.status, durationMs: result.executionTimeMs });
        const section = result.output ?? result.partial;
        // Said once: a section on why the one above leads shares its period.
        if (section && specialist.usesQuestionPeriod && task.input.scope?.periodNote && !task.whyLead) section.markdown += `\n\n_${task.input.scope.periodNote}_`;
        // Said first: the period answered is not the one asked ("this week" on a Monday is last week).
        if (section && specialist.usesQuestionPeriod && task.input.scope?.periodInstead && !task.whyLead) section.headline = `${task.input.scope.periodInstead} ${section.headline}`;
        if (section && narrowed && lead) {
          section.markdown += task.whyLead
            ? `\n\n_Why **${lead.label}** comes first: what its cost is made of, by service._`
            : `\n\n_"${referent(task.input.question)}" is read as **${lead.label}**, what the answer above names first._`;
        }
        if (section) {
          sectionOf.set(task.id, section);
          position.set(section, index);
          sections.push(section);
          scope.setPartial({ tasks, sections: [...sections], failures: [] });
          await this.turn.onSection?.(section);
        }
        return {
          sections: section ? [section] : [],
          failures: result.status === "success" ? [] : [{ agent: specialist.agentName, status: result.status, message: result.error?.message ?? "" }],
        };
      });
      graph.addEdge(task.after ?? START, task.id);
      graph.addEdge(task.id, END);
    }
    const state = await graph.compile().invoke({ tasks, sections: [], failures: [] }, { signal: scope.signal });
    // Sections in the order the question asked them, not the order they finished.
    state.sections.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
    return state;
  }
}

/** The answer as markdown: per section its headline figure first, then the table and explanation. */
export function composeMarkdown(payload: AnswerPayload, failures: Array<{ agent: string; status: string; message: string }>, status: string): string {
  const many = payload.sections.length > 1;
  const parts = payload.sections.map((s) => [many ? `### ${s.title}` : "", s.headline, "", s.markdown].filter((line, i) => i > 0 || line).join("\n").trim());
  if (!parts.length) parts.push("I could not compute an answer for this question.");
  const notes = [
    ...failures.map((f) => `_${f.agent} did not finish (${f.status}${f.message ? `: ${f.message}` : ""}); the answer may be incomplete._`),
    status === "cancelled" ? "_Stopped — this answer is partial._" : "",
  ].filter(Boolean);
  return [...parts, ...notes].join("\n\n");
}
