import { QdrantClient } from "@qdrant/js-client-rest";
import neo4j from "neo4j-driver";
import type { HealthProbe } from "../health.ts";

/** Health probe for Qdrant (vector memory) when QDRANT_URL is set. */
export function qdrantProbe(url: string, apiKey?: string): HealthProbe {
  const client = new QdrantClient({ url, apiKey, checkCompatibility: false });
  return {
    name: "qdrant",
    required: true,
    async check() {
      const info = await client.versionInfo();
      return `Qdrant ${info.version}`;
    },
  };
}

/** Health probe for Neo4j (graph memory) when NEO4J_URI is set. */
export function neo4jProbe(uri: string, user: string, password?: string): HealthProbe & { close(): Promise<void> } {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password ?? ""), { connectionTimeout: 2000 });
  return {
    name: "neo4j",
    required: true,
    async check() {
      const info = await driver.getServerInfo();
      return `${info.agent ?? "Neo4j"} at ${info.address ?? uri}`;
    },
    close: () => driver.close(),
  };
}
