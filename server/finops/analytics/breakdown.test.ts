import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { costBreakdown, costTotal, valueLabel } from "./breakdown.ts";
import { loadFixture } from "./fixtures/focus-records.ts";
import { randomBill, seededRandom } from "./fixtures/random-bill.ts";
import { JANUARY, SMALL_BILL } from "./fixtures/small-bill.ts";
import { DIMENSION_COLUMNS, DIMENSIONS, isPlaceholderValue, METRIC_COLUMNS, toUnits, type Dimension, type Filters, type Metric } from "./scope.ts";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.destroy());

const amounts = (rows: { label: string; amount: string }[]) => Object.fromEntries(rows.map((r) => [r.label, r.amount]));

describe("valueLabel", () => {
  it("names a missing value by its dimension and a tag set to the empty string as such, never as a blank", () => {
    expect(valueLabel(null, "Tag")).toBe("(untagged)");
    expect(valueLabel(null, "SubAccountId")).toBe("(no sub-account)");
    expect(valueLabel("", "Tag")).toBe("(empty value)");
    expect(valueLabel("prod", "Tag")).toBe("prod");
  });
});

describe("costBreakdown and costTotal on the hand-written bill", () => {
  beforeAll(async () => {
    await db.sql.query("DELETE FROM cost_sources");
    await loadFixture(db, SMALL_BILL, "small-bill.csv");
  });

  it("totals January per metric, credits subtracting and tax and purchases included", async () => {
    // Effective: 10 + 6.5 + 4.25 + 0.1234567891 + 20 - 3 + 1.2 + 0 + 3
    expect((await costTotal(db, { period: JANUARY })).data.total).toBe("42.0734567891");
    // Billed: 10 + 0 + 4.25 + 0.1234567891 + 20 - 3 + 1.2 + 30 + 3
    expect((await costTotal(db, { period: JANUARY, metric: "BilledCost" })).data.total).toBe("65.5734567891");
    // List: 12 + 14 + 4.25 + 0.1234567891 + 25 + 0 + 1.2 + 30 + 3
    expect((await costTotal(db, { period: JANUARY, metric: "ListCost" })).data.total).toBe("89.5734567891");
    // Contracted: 10 + 9 + 4.25 + 0.1234567891 + 20 + 0 + 1.2 + 30 + 3
    expect((await costTotal(db, { period: JANUARY, metric: "ContractedCost" })).data.total).toBe("77.5734567891");
  });

  it("ranks services, folds the rest into Others, and Others plus the rows equal the total", async () => {
    const { data, provenance } = await costBreakdown(db, { period: JANUARY, dimension: "ServiceName", limit: 2 });
    expect(data.rows.map((r) => [r.label, r.amount, r.isOthers])).toEqual([
      ["Virtual Machines", "20", false],
      ["Amazon EC2", "14.7", false], // 10 + 6.5 - 3 + 1.2 + 0
      ["Others", "7.3734567891", true], // S3 4.3734567891 + CloudWatch 3
    ]);
    expect(data.total).toBe("42.0734567891");
    expect(data.valueCount).toBe(4);
    expect(data.rows[0]!.share).toBeCloseTo(20 / 42.0734567891, 10);
    expect(provenance[0]).toMatchObject({ table: "cost_daily_rollup", metric: "EffectiveCost", period: JANUARY });
    expect(provenance[0]!.sql).toContain("cost_daily_rollup");
    expect(provenance[0]!.params).toEqual(["2024-01-01", "2024-02-01", 2]);
  });

  it("ranks and counts only the values past an amount bound, however many there are, and never the cost with no value", async () => {
    // Over $4: VM 20, EC2 14.7, S3 4.3734567891 (CloudWatch's 3 is not); one place, so EC2 and S3 are Others.
    const over = await costBreakdown(db, { period: JANUARY, dimension: "ServiceName", limit: 1, amountAbove: 4 });
    expect(over.data.rows.map((r) => [r.label, r.amount, r.isOthers])).toEqual([
      ["Virtual Machines", "20", false],
      ["Others", "19.0734567891", true],
    ]);
    expect(over.data.matching).toEqual({ count: 3, amount: "39.0734567891" });
    expect(over.data.total).toBe("42.0734567891");
    expect(over.data.valueCount).toBe(4);
    expect(over.data.valueRange).toEqual({ smallest: "3", largest: "20" });
    // Under $5, and between $3 and $15 (both bounds strict).
    const under = await costBreakdown(db, { period: JANUARY, dimension: "ServiceName", amountBelow: 5 });
    expect(under.data.rows.map((r) => r.label)).toEqual(["Amazon S3", "Amazon CloudWatch"]);
    expect(under.data.matching).toEqual({ count: 2, amount: "7.3734567891" });
    const between = await costBreakdown(db, { period: JANUARY, dimension: "ServiceName", amountAbove: 3, amountBelow: 15 });
    expect(between.data.rows.map((r) => r.label)).toEqual(["Amazon EC2", "Amazon S3"]);
    // The untagged cost (-1.6765432109) is under $100 but is no team's: not a row, not counted.
    const teams = await costBreakdown(db, { period: JANUARY, dimension: "Tag", tagKey: "team", amountBelow: 100 });
    expect(teams.data.rows.map((r) => r.label)).not.toContain("(untagged)");
    expect(teams.data.matching!.count).toBe(teams.data.valueCount - 1);
    expect(Number(teams.data.valueRange!.smallest)).toBeGreaterThan(0);
    // Without a bound nothing is counted as matching.
    expect((await costBreakdown(db, { period: JANUARY, dimension: "ServiceName" })).data.matching).toBeNull();
    await expect(costBreakdown(db, { period: JANUARY, amountAbove: 10, amountBelow: 5 })).rejects.toThrow(/amountAbove must be less than amountBelow/);
  });

  it("leaves out excluded values, keeping rows with no value in that column, on every table", async () => {
    // Without the credit (-3) and the tax (1.2): 42.0734567891 + 3 - 1.2.
    const charges = await costTotal(db, { period: JANUARY, filters: { exclude: { chargeCategories: ["Credit", "Tax"] } } });
    expect(charges.data.total).toBe("43.8734567891");
    expect(charges.provenance[0]!.table).toBe("cost_daily_rollup");
    // Not in eastus (the 20.00 VM): the credit and the tax have no region and stay.
    expect((await costTotal(db, { period: JANUARY, filters: { exclude: { regions: ["eastus"] } } })).data.total).toBe("22.0734567891");
    // Included and excluded together: AWS without S3.
    const aws = await costBreakdown(db, { period: JANUARY, dimension: "ServiceName", filters: { providers: ["AWS"], exclude: { services: ["Amazon S3"] } } });
    expect(aws.data.rows.map((r) => r.label)).not.toContain("Amazon S3");
    expect(aws.data.total).toBe("17.7"); // 10 + 6.5 - 3 + 1.2 + 0 + 3
    // By team without Azure reads the tag rollup (it keeps providers); without a service, line items: the same sums.
    const byTeam = await costBreakdown(db, { period: JANUARY, dimension: "Tag", tagKey: "team", filters: { exclude: { providers: ["Azure"] } } });
    expect(byTeam.provenance[0]!.table).toBe("cost_tag_daily_rollup");
    expect(amounts(byTeam.data.rows)).toMatchObject({ web: "10", data: "6.5" });
    const noWatch = await costBreakdown(db, { period: JANUARY, dimension: "Tag", tagKey: "team", filters: { exclude: { services: ["Amazon CloudWatch"] } } });
    expect(noWatch.provenance[0]!.table).toBe("cost_line_items");
    expect(amounts(noWatch.data.rows)).toEqual({ web: "30", data: "6.5", unknown: "4.25", "(untagged)": "-1.6765432109" });
    // A tag value left out: those rows go, untagged rows stay (line items). 42.0734567891 - 10 - 20 (team=web).
    const noWeb = await costBreakdown(db, { period: JANUARY, dimension: "ServiceName", filters: { exclude: { tags: [{ key: "team", values: ["web"] }] } } });
    expect(noWeb.provenance[0]!.table).toBe("cost_line_items");
    expect(noWeb.data.total).toBe("12.0734567891");
    expect(noWeb.data.rows.map((r) => r.label)).not.toContain("Virtual Machines");
    // A resource left out: its rows go, the rows with no resource stay. 42.0734567891 - 10 (i-1 in January).
    expect((await costTotal(db, { period: JANUARY, filters: { exclude: { resourceIds: ["i-1"] } } })).data.total).toBe("32.0734567891");
  });

  it("groups by a tag key with missing values as (untagged), from the tag rollup", async () => {
    const { data, provenance } = await costBreakdown(db, { period: JANUARY, dimension: "Tag", tagKey: "team" });
    expect(amounts(data.rows)).toEqual({
      web: "30", // rows 1, 5
      data: "6.5",
      unknown: "4.25",
      shared: "3",
      "(untagged)": "-1.6765432109", // 0.1234567891 - 3 + 1.2 + 0
    });
    expect(data.rows.at(-1)!.key).toBeNull();
    expect(provenance[0]!.table).toBe("cost_tag_daily_rollup");
  });

  it("pools placeholder values with the untagged cost when asked, and they take none of the top places", async () => {
    const { data } = await costBreakdown(db, { period: JANUARY, dimension: "Tag", tagKey: "team", poolPlaceholders: true, limit: 2 });
    expect(data.rows.map((r) => [r.label, r.key, r.amount])).toEqual([
      ["web", "web", "30"],
      ["data", "data", "6.5"],
      // "unknown" 4.25 with the untagged -1.6765432109
      ["(untagged or placeholder)", null, "2.5734567891"],
      ["Others", "(others)", "3"], // shared
    ]);
    expect(data.total).toBe("42.0734567891");
    expect(data.valueCount).toBe(4); // web, data, shared and the pooled row
  });

  it("shows BilledCost by charge category with the credit negative", async () => {
    const { data } = await costBreakdown(db, { period: JANUARY, metric: "BilledCost", dimension: "ChargeCategory" });
    expect(amounts(data.rows)).toEqual({ Usage: "37.3734567891", Purchase: "30", Tax: "1.2", Credit: "-3" });
  });

  it("ranks rows by size whatever their sign: a $3 credit before a $1.20 tax", async () => {
    const { data } = await costBreakdown(db, { period: JANUARY, metric: "BilledCost", dimension: "ChargeCategory", limit: 3 });
    expect(data.rows.map((r) => [r.label, r.amount])).toEqual([
      ["Usage", "37.3734567891"],
      ["Purchase", "30"],
      ["Credit", "-3"],
      ["Others", "1.2"],
    ]);
  });

  it("ranks the smallest first when asked: the credit, then the cheapest costs, the rest in Others", async () => {
    const { data } = await costBreakdown(db, { period: JANUARY, metric: "BilledCost", dimension: "ChargeCategory", limit: 2, order: "smallest" });
    expect(data.rows.map((r) => [r.label, r.amount])).toEqual([
      ["Credit", "-3"],
      ["Tax", "1.2"],
      ["Others", "67.3734567891"], // Purchase 30 + Usage 37.3734567891
    ]);
    expect(data.total).toBe("65.5734567891");
    const services = await costBreakdown(db, { period: JANUARY, dimension: "ServiceName", limit: 2, order: "smallest" });
    expect(services.data.rows.map((r) => [r.label, r.amount])).toEqual([
      ["Amazon CloudWatch", "3"],
      ["Amazon S3", "4.3734567891"],
      ["Others", "34.7"], // Amazon EC2 14.7 + Virtual Machines 20
    ]);
    // The cost with no value is no value to rank: after the named ones, however small.
    const resources = await costBreakdown(db, { period: JANUARY, dimension: "ResourceId", limit: 3, order: "smallest" });
    const named = resources.data.rows.filter((r) => !r.isOthers && r.key !== null);
    expect(named.map((r) => r.value)).toEqual([...named.map((r) => r.value)].sort((a, b) => a - b));
    const labels = resources.data.rows.map((r) => r.label);
    expect(labels.slice(-2)).toEqual(["(no resource)", "Others"]);
    expect(Math.abs(resources.data.rows.find((r) => r.key === null)!.value)).toBeLessThan(named.at(-1)!.value);
  });

  it("reads line items for resources and labels charges without one (none), which takes none of the top places", async () => {
    const { data, provenance } = await costBreakdown(db, { period: JANUARY, dimension: "ResourceId", limit: 3 });
    expect(provenance[0]!.table).toBe("cost_line_items");
    expect(data.rows.map((r) => [r.label, r.amount])).toEqual([
      ["vm-1", "20"],
      ["i-1", "10"],
      ["i-2", "6.5"],
      ["(no resource)", "1.2"], // -3 + 1.2 + 0 + 3: shown beside the top 3, not in place of one
      ["Others", "4.3734567891"], // bucket-1 4.25 + bucket-2 0.1234567891
    ]);
    // With one place, it is still shown, after the larger named value.
    const top1 = await costBreakdown(db, { period: JANUARY, dimension: "ResourceId", limit: 1 });
    expect(top1.data.rows.map((r) => r.label)).toEqual(["vm-1", "(no resource)", "Others"]);
  });

  it("names the ids it shows (resources, sub-accounts) from the same period, in a second query of its own", async () => {
    const resources = await costBreakdown(db, { period: JANUARY, dimension: "ResourceId", limit: 3 });
    expect(resources.data.rows.map((r) => [r.label, r.name])).toEqual([
      ["vm-1", null],
      ["i-1", "web-1"],
      ["i-2", null],
      ["(no resource)", undefined],
      ["Others", undefined],
    ]);
    expect(resources.provenance[1]!.sql).toContain("max(t.resource_name)");
    expect(resources.provenance[1]!.params).toContainEqual(["vm-1", "i-1", "i-2"]);

    const accounts = await costBreakdown(db, { period: JANUARY, dimension: "SubAccountId" });
    expect(accounts.data.rows.find((r) => r.key === null)?.label).toBe("(no sub-account)"); // the credit row
    expect(accounts.data.rows.map((r) => [r.label, r.name])).toEqual(
      accounts.data.rows.map((r) => [r.label, r.key === null ? undefined : `${r.key} name`]),
    );
    const services = await costBreakdown(db, { period: JANUARY, dimension: "ServiceName" });
    expect(services.provenance).toHaveLength(1);
    expect(services.data.rows.every((r) => r.name === undefined)).toBe(true);
  });

  it("filters by provider and by tag value", async () => {
    const aws = await costTotal(db, { period: JANUARY, filters: { providers: ["AWS"] } });
    expect(aws.data.total).toBe("22.0734567891"); // everything but Azure's 20
    const web = await costBreakdown(db, { period: JANUARY, dimension: "ProviderName", filters: { tags: [{ key: "team", values: ["web"] }] } });
    expect(amounts(web.data.rows)).toEqual({ Azure: "20", AWS: "10" });
    expect(web.provenance[0]!.table).toBe("cost_tag_daily_rollup");
  });

  it("filters by resource from line items, also when grouping by a tag (the rollups keep no resources)", async () => {
    const two = await costBreakdown(db, { period: JANUARY, dimension: "ServiceName", filters: { resourceIds: ["i-1", "bucket-1"] } });
    expect(amounts(two.data.rows)).toEqual({ "Amazon EC2": "10", "Amazon S3": "4.25" }); // rows 1 and 3
    expect(two.provenance[0]!.table).toBe("cost_line_items");
    const byTeam = await costBreakdown(db, { period: JANUARY, dimension: "Tag", tagKey: "team", filters: { resourceIds: ["i-1"] } });
    expect(amounts(byTeam.data.rows)).toEqual({ web: "10" });
    expect(byTeam.provenance[0]!.table).toBe("cost_line_items");
  });

  it("groups by tag within one service from line items (the tag rollup has no service)", async () => {
    const s3 = await costBreakdown(db, { period: JANUARY, dimension: "Tag", tagKey: "team", filters: { services: ["Amazon S3"] } });
    expect(amounts(s3.data.rows)).toEqual({ unknown: "4.25", "(untagged)": "0.1234567891" }); // rows 3, 4
    expect(s3.provenance[0]!.table).toBe("cost_line_items");
  });

  it("rejects a Tag grouping without a tag key", async () => {
    await expect(costBreakdown(db, { period: JANUARY, dimension: "Tag" })).rejects.toThrow("Grouping by Tag needs a tagKey.");
  });
});

/** The dimension's value per line item, written independently of the code under test. */
const lineItemKey = (dimension: Dimension) =>
  dimension === "Tag" ? "li.tags ->> 'team'" : `li.${DIMENSION_COLUMNS[dimension as Exclude<Dimension, "Tag">].column}`;

/** Hand-written line-item WHERE clauses equivalent to each filter case. */
const FILTER_CASES: Array<{ filters: Filters; where: string }> = [
  { filters: {}, where: "true" },
  { filters: { providers: ["AWS", "Azure"] }, where: "li.provider_name IN ('AWS', 'Azure')" },
  { filters: { tags: [{ key: "team", values: ["web", "data"] }] }, where: "li.tags ->> 'team' IN ('web', 'data')" },
  { filters: { tags: [{ key: "team" }], services: ["Amazon EC2", "BigQuery"] }, where: "li.tags ? 'team' AND li.service_name IN ('Amazon EC2', 'BigQuery')" },
  { filters: { tags: [{ key: "env", values: ["prod"] }] }, where: "li.tags ->> 'env' = 'prod'" },
  { filters: { chargeCategories: ["Usage", "Credit"], regions: ["us-east-1"] }, where: "li.charge_category IN ('Usage', 'Credit') AND li.region_id = 'us-east-1'" },
];

describe("breakdown invariants on random bills", () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`adds up exactly and matches line items for every dimension (seed ${seed})`, async () => {
      await db.sql.query("DELETE FROM cost_sources");
      await loadFixture(db, randomBill(seed, { rows: 60 }), `random-${seed}.csv`);
      const random = seededRandom(seed * 7919);
      const metrics = Object.keys(METRIC_COLUMNS) as Metric[];
      const period = random() < 0.5 ? { start: "2024-01-01", end: "2024-03-01" } : { start: "2024-01-10", end: "2024-02-20" };
      for (const { filters, where } of FILTER_CASES) {
        const metric = metrics[Math.floor(random() * metrics.length)]!;
        const total = (await costTotal(db, { period, filters, metric })).data.total;
        const [direct] = await db.sql.query<{ total: string }>(
          `SELECT coalesce(sum(li.${METRIC_COLUMNS[metric]}), 0)::text AS total FROM cost_line_items li
           WHERE li.charge_date >= $1 AND li.charge_date < $2 AND ${where}`,
          [period.start, period.end],
        );
        expect(toUnits(total)).toBe(toUnits(direct!.total));
        for (const dimension of DIMENSIONS) {
          const tagKey = dimension === "Tag" ? "team" : undefined;
          const limit = 1 + Math.floor(random() * 4);
          const top = await costBreakdown(db, { period, filters, metric, dimension, tagKey, limit });
          const sum = top.data.rows.reduce((s, r) => s + toUnits(r.amount), 0n);
          expect(sum, `${dimension} top ${limit} + Others`).toBe(toUnits(total));
          expect(top.data.total).toBe(total);

          const all = await costBreakdown(db, { period, filters, metric, dimension, tagKey, limit: 1000 });
          const expected = await db.sql.query<{ key: string | null; amount: string }>(
            `SELECT ${lineItemKey(dimension)} AS key, sum(li.${METRIC_COLUMNS[metric]})::text AS amount FROM cost_line_items li
             WHERE li.charge_date >= $1 AND li.charge_date < $2 AND ${where} GROUP BY 1`,
            [period.start, period.end],
          );
          const byKey = (rows: { key: string | null; amount: string }[]) =>
            Object.fromEntries(rows.map((r) => [String(r.key), toUnits(r.amount)]));
          expect(byKey(all.data.rows), `${dimension} ${JSON.stringify(filters)}`).toEqual(byKey(expected));
          if (dimension === "Tag") {
            // Pooled: each placeholder's cost ("unknown", "N/A", "") moves to the untagged row; nothing else changes.
            const pooled = await costBreakdown(db, { period, filters, metric, dimension, tagKey, limit: 1000, poolPlaceholders: true });
            const moved = expected.filter((r) => r.key === null || isPlaceholderValue(r.key));
            const kept = expected.filter((r) => !moved.includes(r));
            const want = byKey(kept);
            if (moved.length) want.null = moved.reduce((sum, r) => sum + toUnits(r.amount), 0n);
            expect(byKey(pooled.data.rows), `pooled ${JSON.stringify(filters)}`).toEqual(want);
          }
        }
      }
    });
  }
});

describe("by Azure resource group", () => {
  beforeAll(async () => {
    await db.sql.query("DELETE FROM cost_sources");
    const vm = (group: string, name: string) => `/subscriptions/sub-1/${group}/providers/Microsoft.Compute/virtualMachines/${name}`;
    await loadFixture(db, [
      // An export with the x_ResourceGroupName column, empty on this row: the ResourceId says.
      { date: "2024-03-04", provider: "Microsoft", service: "Virtual Machines", billed: "10.00", resource: vm("resourceGroups/rg-Checkout-Prod", "vm-1"), extras: { x_ResourceGroupName: "" } },
      // The same group spelled in other cases: Azure treats the names case-insensitively.
      { date: "2024-03-04", provider: "Microsoft", service: "Virtual Machines", billed: "2.50", resource: vm("resourcegroups/RG-CHECKOUT-PROD", "vm-2") },
      { date: "2024-03-04", provider: "Microsoft", service: "Virtual Machines", billed: "4.00", resource: vm("resourceGroups/rg-data", "vm-3") },
      // Microsoft's FOCUS export names the group in x_ResourceGroupName: that is read first.
      { date: "2024-03-04", provider: "Microsoft", service: "Storage", billed: "1.25", resource: "/subscriptions/sub-1/storageAccounts/sa-1", extras: { x_ResourceGroupName: "rg-data" } },
      // No group: AWS, and Azure tax on no resource.
      { date: "2024-03-04", billed: "7.00", resource: "i-1" },
      { date: "2024-03-04", provider: "Microsoft", service: "Virtual Machines", chargeCategory: "Tax", billed: "0.75" },
    ], "groups.csv");
  });

  it("groups by the resource group in x_ResourceGroupName or the ResourceId, lower-cased, the rest in no group", async () => {
    const { data, provenance } = await costBreakdown(db, { period: { start: "2024-03-04", end: "2024-03-05" }, dimension: "ResourceGroup" });
    expect(data.rows.map((r) => [r.label, r.amount])).toEqual([
      ["rg-checkout-prod", "12.5"],
      ["(no resource group)", "7.75"],
      ["rg-data", "5.25"],
    ]);
    expect(data.total).toBe("25.5");
    expect(provenance[0]!.table).toBe("cost_line_items");
  });

  it("keeps or leaves out resource groups named in any case; costs in none stay when groups are left out", async () => {
    const day = { start: "2024-03-04", end: "2024-03-05" };
    const data = await costTotal(db, { period: day, filters: { resourceGroups: ["RG-Data"] } });
    expect(data.data.total).toBe("5.25");
    expect(data.provenance[0]!.table).toBe("cost_line_items");
    const rest = await costTotal(db, { period: day, filters: { exclude: { resourceGroups: ["rg-data"] } } });
    expect(rest.data.total).toBe("20.25"); // 12.5 in rg-checkout-prod + 7.75 in none
  });
});
