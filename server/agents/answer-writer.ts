import type { LlmClient } from "../adapters/llm.ts";
import { HardenedAgent, type ExecutionScope } from "./hardened-agent.ts";

export interface WriterInput {
  question: string;
  /** The answer composed from the analytics results: the only source of figures. */
  markdown: string;
}

export interface WrittenAnswer {
  markdown: string;
  /** The model's summary when it passed the number check; null when the computed answer is used as it is. */
  summary: string | null;
  /** Why a summary was not used (the model failed, or wrote a number the computed answer does not contain). */
  rejected?: string;
}

const SYSTEM = [
  "You are a FinOps analyst. Write a two or three sentence plain-language summary that answers the user's question,",
  "using only the computed answer you are given. Copy every figure exactly as it is written there (same digits,",
  "same rounding, same currency sign); never compute, round, estimate or add a number. No tables, no headings,",
  "no lists. If the computed answer says data is missing, say so.",
].join(" ");

/**
 * Optional LLM wording: a short summary above the computed answer. The tables, charts and the computed text stay as
 * they are; the summary is kept only if every number in it appears in the computed answer.
 */
export class AnswerWriterAgent extends HardenedAgent<WriterInput, WrittenAnswer> {
  readonly agentType = "supervisor" as const;
  readonly agentName = "answer-writer";

  constructor(private readonly llm: LlmClient) {
    super({ timeoutMs: 12_000, maxRetries: 0 });
  }

  protected override describeInput(input: WriterInput) {
    return input.question;
  }

  protected async execute(input: WriterInput, scope: ExecutionScope<WrittenAnswer>): Promise<WrittenAnswer> {
    const unchanged = (rejected: string): WrittenAnswer => ({ markdown: input.markdown, summary: null, rejected });
    scope.setPartial(unchanged("stopped before the summary was written"));
    scope.useTool(`llm:${this.llm.model}`);
    let text: string;
    try {
      text = await this.llm.complete({
        system: SYSTEM,
        user: `Question: ${input.question}\n\nComputed answer:\n${input.markdown}`,
        signal: scope.signal,
        maxTokens: 250,
      });
    } catch (error) {
      if (scope.signal.aborted) throw error;
      return unchanged(`the language model failed: ${(error as Error).message}`);
    }
    const summary = text.trim();
    if (!isProse(summary)) return unchanged("the model's summary was not plain prose");
    const invented = unsupportedNumbers(summary, input.markdown);
    if (invented.length) return unchanged(`the model's summary had figures the computed answer does not: ${invented.join(", ")}`);
    return { markdown: `${summary}\n\n${input.markdown}`, summary };
  }
}

function isProse(text: string): boolean {
  if (text.length < 20 || text.length > 1200) return false;
  if (/^[{[]/.test(text)) return false; // JSON, not words
  return !text.split("\n").some((line) => /^\s*(\||#|[-*] )/.test(line));
}

// A figure as written: digits with optional thousands separators and decimals ("$1,234.50", "12.5%", "2026").
const NUMBER = /\d[\d,]*(?:\.\d+)?/g;

function figures(text: string): string[] {
  return (text.match(NUMBER) ?? []).map((n) =>
    n
      .replace(/,/g, "")
      .replace(/^0+(?=\d)/, "")
      .replace(/\.0+$|(\.\d*?)0+$/, "$1"),
  );
}

/** Numbers in `text` that do not appear in `source` (compared as written, ignoring separators and trailing zeros). */
export function unsupportedNumbers(text: string, source: string): string[] {
  const known = new Set(figures(source));
  return [...new Set(figures(text).filter((n) => !known.has(n)))];
}
