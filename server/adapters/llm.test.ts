import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeLlmServer } from "../testing/fake-llm-server.ts";
import { createLlmClient, LlmError, llmFromConfig } from "./llm.ts";

let fake: Awaited<ReturnType<typeof startFakeLlmServer>>;
beforeAll(async () => {
  fake = await startFakeLlmServer();
});
afterAll(() => fake.close());

const client = () => createLlmClient({ baseUrl: fake.url, apiKey: "sk-test", model: "tiny", timeoutMs: 300 });

describe("OpenAI-compatible LLM client", () => {
  it("posts a chat completion with the model, key and messages, and returns the content", async () => {
    fake.set({ kind: "answer", content: '{"intent":"forecast_prediction"}' });
    const content = await client().complete({ system: "classify", user: "next month?", json: true });
    expect(content).toBe('{"intent":"forecast_prediction"}');
    const request = fake.requests.at(-1)!;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.authorization).toBe("Bearer sk-test");
    expect(request.body).toMatchObject({
      model: "tiny",
      temperature: 0,
      response_format: { type: "json_object" },
      messages: [
        { role: "system", content: "classify" },
        { role: "user", content: "next month?" },
      ],
    });
  });

  it.each([
    [{ kind: "status", status: 500 } as const, "http", "HTTP 500"],
    [{ kind: "status", status: 401 } as const, "http", "HTTP 401"],
    [{ kind: "malformed" } as const, "malformed", "not JSON"],
    [{ kind: "hang" } as const, "timeout", "did not answer in time"],
  ])("turns %o into an LlmError of kind %s", async (behaviour, kind, message) => {
    fake.set(behaviour);
    const error = await client()
      .complete({ system: "s", user: "u" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind, message: expect.stringContaining(message) });
  });

  it("refuses an answer without message content", async () => {
    fake.set({ kind: "answer", content: null as unknown as string });
    await expect(client().complete({ system: "s", user: "u" })).rejects.toMatchObject({ kind: "malformed" });
  });

  it("is off unless both LLM_BASE_URL and LLM_MODEL are set", () => {
    expect(llmFromConfig({})).toBeNull();
    expect(llmFromConfig({ LLM_BASE_URL: fake.url })).toBeNull();
    expect(llmFromConfig({ LLM_BASE_URL: fake.url, LLM_MODEL: "m" })?.model).toBe("m");
  });
});
