import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isKubernetesService, KUBERNETES_SERVICE_PATTERN } from "./kubernetes.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";

// ServiceName as the providers' FOCUS exports write it.
const KUBERNETES = ["Amazon Elastic Kubernetes Service", "Azure Kubernetes Service", "Kubernetes Engine"];
const OTHERS = ["Amazon Elastic Compute Cloud", "Virtual Machines", "Compute Engine", "Amazon Elastic Container Service", "AWS Fargate"];

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

describe("managed Kubernetes services", () => {
  it("are the cluster services of each cloud, and nothing else, in JavaScript and in PostgreSQL alike", async () => {
    expect(KUBERNETES.filter(isKubernetesService)).toEqual(KUBERNETES);
    expect(OTHERS.filter(isKubernetesService)).toEqual([]);
    const rows = await db.sql.query<{ name: string; matches: boolean }>(
      `SELECT name, name ~* $1 AS matches FROM unnest($2::text[]) AS name`,
      [KUBERNETES_SERVICE_PATTERN, [...KUBERNETES, ...OTHERS]],
    );
    expect(rows.map((r) => r.matches)).toEqual([...KUBERNETES, ...OTHERS].map(isKubernetesService));
  });
});
