/** Serves the e2e suite's language model (e2e/llm-double.ts); the LLM is the one boundary the suite doubles. */
import { startFakeLlmServer } from "../server/testing/fake-llm-server.ts";
import { e2eLlm } from "./llm-double.ts";

const server = await startFakeLlmServer(e2eLlm, Number(process.env.E2E_LLM_PORT ?? 3199));
console.log(`fake LLM on ${server.url}`);
