import type { LlmClient } from "../adapters/llm.ts";
import type { NamedService } from "./classifier/stored-services.ts";
import { classifyQuery, CONFIDENCE_THRESHOLD, type PreviousTurn, type QueryClassification } from "./classifier/classify-query.ts";
import { CONTENT_INTENTS, type ContentIntent } from "./classifier/intents.ts";
import { HardenedAgent, type ExecutionScope } from "./hardened-agent.ts";
import { rewriteQuery, type RewriteResult } from "./rewriter/rewrite.ts";

export interface ClassifierInput {
  text: string;
  referenceDate: string;
  previous?: PreviousTurn;
}

/**
 * Intent classification: the local model and rules; when the model is unsure and an LLM is configured, the LLM may
 * pick the intent instead. Any LLM failure (timeout, HTTP error, malformed answer) falls back to the local result.
 */
export class IntentClassifierAgent extends HardenedAgent<ClassifierInput, QueryClassification & { usedLlm: boolean }> {
  readonly agentType = "intent_classifier" as const;
  readonly agentName = "intent-classifier";

  constructor(private readonly llm: LlmClient | null) {
    super({ timeoutMs: 10_000, maxRetries: 0 });
  }

  protected override describeInput(input: ClassifierInput) {
    return input.text;
  }

  protected async execute(input: ClassifierInput, scope: ExecutionScope<QueryClassification & { usedLlm: boolean }>) {
    scope.useTool("local-classifier");
    const local = classifyQuery({ text: input.text, referenceDate: input.referenceDate, context: { previous: input.previous } });
    const unsure = local.intent === "clarification_needed" && local.confidence < 1;
    if (!this.llm || !unsure) return { ...local, usedLlm: false };
    scope.useTool(`llm:${this.llm.model}`);
    try {
      const answer = await this.llm.complete({
        system:
          "You classify FinOps questions about cloud bills. Answer with JSON {\"intent\": <one of: " +
          CONTENT_INTENTS.join(", ") +
          ">, \"confidence\": <0..1>}. Use the intent that best describes what the user asks.",
        user: input.text,
        json: true,
        signal: scope.signal,
      });
      const parsed = JSON.parse(answer) as { intent?: string; confidence?: number };
      const intent = parsed.intent as ContentIntent;
      const confidence = Number(parsed.confidence);
      if (!CONTENT_INTENTS.includes(intent) || !(confidence >= CONFIDENCE_THRESHOLD && confidence <= 1)) return { ...local, usedLlm: false };
      return { ...local, intent, confidence, clarification: undefined, usedLlm: true };
    } catch (error) {
      if (scope.signal.aborted) throw error;
      return { ...local, usedLlm: false };
    }
  }
}

export interface RewriterInput {
  text: string;
  classification: QueryClassification;
  referenceDate: string;
  dataRange?: { start: string; end: string };
  previous?: { rewrittenQuery: string; intent: PreviousTurn["intent"]; dimensions: PreviousTurn["dimensions"] };
  services?: readonly NamedService[];
}

/** Query rewriting: explicit dates, FOCUS names, and the previous turn's scope for follow-ups. */
export class QueryRewriterAgent extends HardenedAgent<RewriterInput, RewriteResult> {
  readonly agentType = "query_rewriter" as const;
  readonly agentName = "query-rewriter";

  constructor() {
    super({ timeoutMs: 5_000, maxRetries: 0 });
  }

  protected override describeInput(input: RewriterInput) {
    return input.text;
  }

  protected async execute(input: RewriterInput, scope: ExecutionScope<RewriteResult>) {
    scope.useTool("rewriteQuery");
    return rewriteQuery(input);
  }
}
