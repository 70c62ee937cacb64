/**
 * A small typed state graph in the style of LangGraph: nodes read the state and return partial updates, edges
 * (fixed or conditional) pick the next nodes, and nodes active in the same step run in parallel (a "superstep").
 * Updates merge through per-key reducers (default: replace), so parallel specialists can append to shared lists.
 */
export const START = "__start__";
export const END = "__end__";

export type Reducers<S> = { [K in keyof S]?: (current: S[K], update: S[K]) => S[K] };
export type NodeFn<S> = (state: Readonly<S>, signal: AbortSignal) => Promise<Partial<S>> | Partial<S>;
type Router<S> = (state: Readonly<S>) => string | string[];

export interface StepEvent {
  node: string;
  step: number;
  phase: "started" | "finished" | "failed";
  durationMs?: number;
  error?: unknown;
}

export class StateGraph<S extends object> {
  private readonly nodes = new Map<string, NodeFn<S>>();
  private readonly edges = new Map<string, Array<string | Router<S>>>();

  constructor(private readonly reducers: Reducers<S> = {}) {}

  addNode(name: string, fn: NodeFn<S>): this {
    if (name === START || name === END || this.nodes.has(name)) throw new Error(`Invalid or duplicate node "${name}"`);
    this.nodes.set(name, fn);
    return this;
  }

  addEdge(from: string, to: string | string[]): this {
    for (const target of Array.isArray(to) ? to : [to]) this.edgeList(from).push(target);
    return this;
  }

  /** After `from`, go where `route(state)` says (one node, several in parallel, or END). */
  addConditionalEdges(from: string, route: Router<S>): this {
    this.edgeList(from).push(route);
    return this;
  }

  compile(options: { maxSteps?: number } = {}): CompiledGraph<S> {
    for (const [from, targets] of this.edges) {
      if (from !== START && !this.nodes.has(from)) throw new Error(`Edge from unknown node "${from}"`);
      for (const t of targets) if (typeof t === "string" && t !== END && !this.nodes.has(t)) throw new Error(`Edge to unknown node "${t}"`);
    }
    if (!this.edges.get(START)?.length) throw new Error("The graph needs an edge from START");
    return new CompiledGraph(new Map(this.nodes), new Map(this.edges), this.reducers, options.maxSteps ?? 25);
  }

  private edgeList(from: string) {
    let list = this.edges.get(from);
    if (!list) this.edges.set(from, (list = []));
    return list;
  }
}

export class CompiledGraph<S extends object> {
  constructor(
    private readonly nodes: ReadonlyMap<string, NodeFn<S>>,
    private readonly edges: ReadonlyMap<string, ReadonlyArray<string | Router<S>>>,
    private readonly reducers: Reducers<S>,
    private readonly maxSteps: number,
  ) {}

  /** Node names in insertion order: what the UI's steps indicator can show. */
  get nodeNames(): string[] {
    return [...this.nodes.keys()];
  }

  async invoke(initial: S, options: { signal?: AbortSignal; onStep?: (event: StepEvent) => void } = {}): Promise<S> {
    const signal = options.signal ?? new AbortController().signal;
    let state = initial;
    let active = this.next(START, state);
    for (let step = 1; active.length > 0; step++) {
      if (step > this.maxSteps) throw new Error(`The graph did not finish within ${this.maxSteps} steps`);
      signal.throwIfAborted();
      const snapshot = state;
      const updates = await Promise.all(
        active.map(async (name) => {
          const started = performance.now();
          options.onStep?.({ node: name, step, phase: "started" });
          try {
            const update = await this.nodes.get(name)!(snapshot, signal);
            options.onStep?.({ node: name, step, phase: "finished", durationMs: performance.now() - started });
            return update;
          } catch (error) {
            options.onStep?.({ node: name, step, phase: "failed", durationMs: performance.now() - started, error });
            throw error;
          }
        }),
      );
      for (const update of updates) state = this.merge(state, update);
      const following = new Set<string>();
      for (const name of active) for (const n of this.next(name, state)) following.add(n);
      active = [...following];
    }
    return state;
  }

  private next(from: string, state: S): string[] {
    const targets: string[] = [];
    for (const edge of this.edges.get(from) ?? []) {
      const resolved = typeof edge === "string" ? edge : edge(state);
      for (const t of Array.isArray(resolved) ? resolved : [resolved]) {
        if (t !== END && !this.nodes.has(t)) throw new Error(`Router chose unknown node "${t}"`);
        if (t !== END) targets.push(t);
      }
    }
    return targets;
  }

  private merge(state: S, update: Partial<S>): S {
    const merged = { ...state };
    for (const key of Object.keys(update) as Array<keyof S>) {
      const reducer = this.reducers[key];
      merged[key] = reducer ? reducer(state[key], update[key] as S[keyof S]) : (update[key] as S[keyof S]);
    }
    return merged;
  }
}

/** Reducer that appends arrays: parallel nodes each add their findings. */
export const appendReducer = <T>(current: T[] | undefined, update: T[] | undefined): T[] => [
  ...(current ?? []),
  ...(update ?? []),
];
