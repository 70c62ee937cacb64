import { describe, expect, it } from "vitest";
import { checkHealth } from "../health.ts";
import { neo4jProbe, qdrantProbe } from "./vector-graph-probes.ts";

// Live checks run when QDRANT_URL / NEO4J_URI point at real servers (the compose file starts both); here, with no
// such servers, the probes must report them down rather than hang or report up.
describe("qdrant and neo4j health probes", () => {
  const { QDRANT_URL, NEO4J_URI } = process.env;
  if (QDRANT_URL) {
    it("reports a configured Qdrant as up", async () => {
      expect((await checkHealth([qdrantProbe(QDRANT_URL)])).status).toBe("ok");
    });
  }
  if (NEO4J_URI) {
    it("reports a configured Neo4j as up", async () => {
      const probe = neo4jProbe(NEO4J_URI, process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD);
      expect((await checkHealth([probe])).status).toBe("ok");
      await probe.close();
    });
  }

  it("reports unreachable Qdrant and Neo4j servers as down", async () => {
    const neo4j = neo4jProbe("bolt://127.0.0.1:1", "neo4j", "x");
    const health = await checkHealth([qdrantProbe("http://127.0.0.1:1"), neo4j], 3000);
    await neo4j.close();
    expect(health.status).toBe("unavailable");
    expect(health.backends.map((b) => [b.name, b.status])).toEqual([
      ["qdrant", "down"],
      ["neo4j", "down"],
    ]);
  });
});
