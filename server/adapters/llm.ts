import { z } from "zod";
import { TransientError } from "../agents/hardened-agent.ts";

/**
 * Optional OpenAI-compatible chat-completions client (LLM_BASE_URL, LLM_API_KEY, LLM_MODEL). The product never
 * depends on it: callers fall back to their local path on any LlmError.
 */
export interface LlmClient {
  readonly model: string;
  complete(input: { system: string; user: string; json?: boolean; signal?: AbortSignal; maxTokens?: number }): Promise<string>;
}

export class LlmError extends Error {
  constructor(
    message: string,
    readonly kind: "timeout" | "http" | "malformed" | "network",
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "LlmError";
  }
}

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

export function createLlmClient(options: {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): LlmClient {
  const endpoint = `${options.baseUrl.replace(/\/$/, "")}/chat/completions`;
  const doFetch = options.fetch ?? fetch;
  return {
    model: options.model,
    async complete(input) {
      const timeout = AbortSignal.timeout(options.timeoutMs ?? 8_000);
      const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
      let response: Response;
      try {
        response = await doFetch(endpoint, {
          method: "POST",
          signal,
          headers: {
            "content-type": "application/json",
            ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          body: JSON.stringify({
            model: options.model,
            temperature: 0,
            max_tokens: input.maxTokens ?? 600,
            messages: [
              { role: "system", content: input.system },
              { role: "user", content: input.user },
            ],
            ...(input.json ? { response_format: { type: "json_object" } } : {}),
          }),
        });
      } catch (error) {
        if (timeout.aborted) throw new LlmError("The language model did not answer in time.", "timeout", { cause: error });
        if (input.signal?.aborted) throw error;
        throw new LlmError("The language model could not be reached.", "network", {
          cause: new TransientError(String(error), { cause: error }),
        });
      }
      if (!response.ok) {
        const cause = response.status === 429 || response.status >= 500 ? new TransientError(`HTTP ${response.status}`) : undefined;
        throw new LlmError(`The language model answered HTTP ${response.status}.`, "http", { cause });
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch (error) {
        throw new LlmError("The language model's answer was not JSON.", "malformed", { cause: error });
      }
      const parsed = completionSchema.safeParse(body);
      if (!parsed.success || parsed.data.choices[0]!.message.content == null) {
        throw new LlmError("The language model's answer had no message content.", "malformed");
      }
      return parsed.data.choices[0]!.message.content!;
    },
  };
}

/** The configured client, or null when LLM_BASE_URL / LLM_MODEL are not both set. */
export function llmFromConfig(config: { LLM_BASE_URL?: string; LLM_API_KEY?: string; LLM_MODEL?: string }): LlmClient | null {
  if (!config.LLM_BASE_URL || !config.LLM_MODEL) return null;
  return createLlmClient({ baseUrl: config.LLM_BASE_URL, apiKey: config.LLM_API_KEY, model: config.LLM_MODEL });
}
