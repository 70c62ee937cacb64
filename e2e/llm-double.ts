import type { FakeLlmBehaviour } from "../server/testing/fake-llm-server.ts";

/** A question the local classifier is unsure of, so it asks the language model, which never answers it. */
export const SLOW_QUESTION = "the numbers for the data team look weird";

/** The e2e model: silent on SLOW_QUESTION (the turn runs until stopped), HTTP 500 otherwise (the local path answers). */
export const e2eLlm: FakeLlmBehaviour = {
  kind: "route",
  choose: (messages) => (messages.some((m) => m.content.includes(SLOW_QUESTION)) ? { kind: "hang" } : { kind: "status", status: 500 }),
};
