import { describe, expect, it } from "vitest";
import { END, START, StateGraph, appendReducer, type StepEvent } from "./graph.ts";

interface State {
  question: string;
  route?: string[];
  findings: string[];
  answer?: string;
}

function buildGraph(delays: Record<string, number> = {}) {
  const wait = (ms = 0) => new Promise((r) => setTimeout(r, ms));
  return new StateGraph<State>({ findings: appendReducer })
    .addNode("classify", (s) => ({ route: s.question.includes("and") ? ["cost", "forecast"] : ["cost"] }))
    .addNode("cost", async () => (await wait(delays.cost), { findings: ["cost: $100"] }))
    .addNode("forecast", async () => (await wait(delays.forecast), { findings: ["forecast: $120"] }))
    .addNode("synthesize", (s) => ({ answer: s.findings.slice().sort().join("; ") }))
    .addEdge(START, "classify")
    .addConditionalEdges("classify", (s) => s.route ?? END)
    .addEdge("cost", "synthesize")
    .addEdge("forecast", "synthesize")
    .addEdge("synthesize", END)
    .compile();
}

describe("StateGraph", () => {
  it("routes conditionally, runs independent nodes in parallel and merges their updates with reducers", async () => {
    const events: StepEvent[] = [];
    const result = await buildGraph({ cost: 30, forecast: 30 }).invoke(
      { question: "cost and forecast", findings: [] },
      { onStep: (e) => events.push(e) },
    );
    expect(result.answer).toBe("cost: $100; forecast: $120");
    // cost and forecast ran in the same step, both started before either finished
    const step2 = events.filter((e) => e.step === 2).map((e) => `${e.phase}:${e.node}`);
    expect(step2.slice(0, 2).sort()).toEqual(["started:cost", "started:forecast"]);
    // synthesize ran once, after both
    expect(events.filter((e) => e.node === "synthesize" && e.phase === "started")).toHaveLength(1);
  });

  it("runs a single route when there is one intent", async () => {
    const result = await buildGraph().invoke({ question: "cost", findings: [] });
    expect(result).toMatchObject({ findings: ["cost: $100"], answer: "cost: $100" });
  });

  it("stops between steps when the signal aborts", async () => {
    const stop = new AbortController();
    const graph = new StateGraph<State>({ findings: appendReducer })
      .addNode("a", () => (stop.abort(new Error("stopped")), { findings: ["a"] }))
      .addNode("b", () => ({ findings: ["b"] }))
      .addEdge(START, "a")
      .addEdge("a", "b")
      .compile();
    await expect(graph.invoke({ question: "", findings: [] }, { signal: stop.signal })).rejects.toThrow("stopped");
  });

  it("refuses edges to unknown nodes and endless loops", async () => {
    expect(() => new StateGraph<State>().addNode("a", () => ({})).addEdge(START, "a").addEdge("a", "missing").compile()).toThrow(
      'Edge to unknown node "missing"',
    );
    const loop = new StateGraph<State>().addNode("a", () => ({})).addEdge(START, "a").addEdge("a", "a").compile({ maxSteps: 5 });
    await expect(loop.invoke({ question: "", findings: [] })).rejects.toThrow("did not finish within 5 steps");
  });
});
