import type { Database } from "./adapters/db/database.ts";

export interface BackendCheck {
  name: string;
  required: boolean;
  status: "up" | "down";
  latencyMs: number;
  detail?: string;
}

export interface HealthProbe {
  name: string;
  required: boolean;
  check(): Promise<string | void>;
}

export function databaseProbe(db: Database): HealthProbe {
  return {
    name: "database",
    required: true,
    async check() {
      await db.sql.query("SELECT 1");
      return `${db.kind} ${db.location}`;
    },
  };
}

/** Runs every probe with a timeout; healthy only when every required backend is up. */
export async function checkHealth(probes: HealthProbe[], timeoutMs = 2000) {
  const backends = await Promise.all(
    probes.map(async (probe): Promise<BackendCheck> => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        const detail = await Promise.race([
          probe.check(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return { name: probe.name, required: probe.required, status: "up", latencyMs: elapsed(started), detail: detail || undefined };
      } catch (error) {
        return { name: probe.name, required: probe.required, status: "down", latencyMs: elapsed(started), detail: (error as Error).message };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const healthy = backends.every((b) => b.status === "up" || !b.required);
  return { status: healthy ? ("ok" as const) : ("unavailable" as const), backends };
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 10) / 10;
