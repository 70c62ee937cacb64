import type { Database } from "./adapters/db/database.ts";
import { InMemoryEventBus } from "./adapters/events/memory-event-bus.ts";
import type { AgentRunner } from "./chat/agent-runner.ts";
import type { EventBus } from "./chat/event-bus.ts";
import { NoAgentRunner } from "./chat/no-agent-runner.ts";
import { IngestJobs } from "./finops/ingest/jobs.ts";
import { generateRecommendations } from "./finops/recommendations/generate.ts";
import { checkHealth, databaseProbe, type HealthProbe } from "./health.ts";
import { ConnectionRegistry } from "./transport/connections.ts";

/** Everything a request needs beyond who is asking; built once per process (or per test). */
export interface Services {
  db: Database;
  bus: EventBus;
  runner: AgentRunner;
  connections: ConnectionRegistry;
  /** Uploaded cost files being imported. */
  ingest: IngestJobs;
  adminEmails: string[];
  health(): ReturnType<typeof checkHealth>;
}

export function createServices(input: {
  db: Database;
  adminEmails?: string[];
  bus?: EventBus;
  runner?: (deps: { db: Database; bus: EventBus }) => AgentRunner;
  probes?: HealthProbe[];
}): Services {
  const bus = input.bus ?? new InMemoryEventBus();
  const runner = input.runner?.({ db: input.db, bus }) ?? new NoAgentRunner({ db: input.db, bus });
  const probes = [databaseProbe(input.db), ...(input.probes ?? [])];
  return {
    db: input.db,
    bus,
    runner,
    connections: new ConnectionRegistry(),
    // Recommendations follow the data: regenerated after every successful import.
    ingest: new IngestJobs({ db: input.db, bus, afterImport: () => generateRecommendations(input.db) }),
    adminEmails: input.adminEmails ?? [],
    health: () => checkHealth(probes),
  };
}
