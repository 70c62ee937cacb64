import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { loadFixture } from "./analytics/fixtures/focus-records.ts";
import { resourceGroupOf, resourceGroupSql } from "./resource-group.ts";

// (ResourceId, extras, the group).
const CASES: Array<[string | null, Record<string, string | null> | null, string | null]> = [
  ["/subscriptions/s-1/resourceGroups/rg-Checkout-Prod/providers/Microsoft.Compute/virtualMachines/vm-1", null, "rg-checkout-prod"],
  ["/subscriptions/s-1/resourcegroups/RG-DATA/providers/Microsoft.Storage/storageAccounts/sa1", null, "rg-data"],
  ["/SUBSCRIPTIONS/S-1/RESOURCEGROUPS/rg-x", null, "rg-x"],
  // Microsoft's x_ResourceGroupName is read first; empty, the ResourceId says.
  ["/subscriptions/s-1/providers/Microsoft.Capacity/reservationOrders/r-1", { x_ResourceGroupName: "RG-Shared " }, "rg-shared"],
  ["/subscriptions/s-1/resourceGroups/rg-web/providers/x/y", { x_ResourceGroupName: "" }, "rg-web"],
  ["/subscriptions/s-1/resourceGroups/rg-web/providers/x/y", { x_ResourceGroupName: null, x_Other: "1" }, "rg-web"],
  // None: other clouds, a subscription-level charge, no resource, an empty group segment.
  ["arn:aws:ec2:us-east-1:123456789012:instance/i-0abc", null, null],
  ["//compute.googleapis.com/projects/p/zones/us-central1-a/instances/vm", null, null],
  ["/subscriptions/s-1/providers/Microsoft.Capacity/reservationOrders/r-1", null, null],
  ["/subscriptions/s-1/resourceGroups//providers/x", null, null],
  [null, null, null],
];

describe("Azure resource groups", () => {
  it("are read from x_ResourceGroupName, else the ResourceId, lower-cased; other clouds have none", () => {
    for (const [id, extras, group] of CASES) expect(resourceGroupOf(id, extras), String(id)).toBe(group);
  });

  describe("in SQL", () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db?.destroy());

    it("reads the same as in JavaScript", async () => {
      const rows = await db.sql.query<{ n: number; group: string | null }>(
        `SELECT li.n::int AS n, ${resourceGroupSql("li")} AS group
           FROM unnest($1::text[], $2::jsonb[]) WITH ORDINALITY AS li(resource_id, extras, n) ORDER BY li.n`,
        [CASES.map(([id]) => id), CASES.map(([, extras]) => (extras ? JSON.stringify(extras) : null))],
      );
      expect(rows.map((r) => r.group)).toEqual(CASES.map(([, , group]) => group));
    });

    it("are filled in for the line items stored before the column, as imports write them", async () => {
      const dir = "prisma/migrations/20261207000000_resource_group";
      const migration = readFileSync(`${dir}/migration.sql`, "utf8");
      expect(migration).toContain(`SET resource_group = ${resourceGroupSql("li")}`);
      await db.sql.query("DELETE FROM cost_sources");
      await loadFixture(db, CASES.map(([id, extras], i) => ({ date: "2024-03-04", provider: "Microsoft", billed: String(i + 1), resource: id, extras: { x_ResourceGroupName: "", x_Other: "", ...extras } })), "groups.csv");
      const read = () => db.sql.query<{ billed: string; group: string | null }>("SELECT billed_cost::text AS billed, resource_group AS group FROM cost_line_items ORDER BY billed_cost");
      const imported = await read();
      expect(imported.map((r) => r.group)).toEqual(CASES.map(([, , group]) => group));
      // Down and up again: the column is rebuilt from what is stored.
      await db.sql.query(readFileSync(`${dir}/down.sql`, "utf8"));
      for (const statement of migration.replace(/^--.*$/gm, "").split(";").map((q) => q.trim()).filter(Boolean)) await db.sql.query(statement);
      expect(await read()).toEqual(imported);
    });
  });
});
