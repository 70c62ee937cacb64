import { describe, expect, it } from "vitest";
import { canonicalTagValue, tagValueVariants } from "./tag-variants.ts";

describe("tag value variants", () => {
  it("reads the usual environment spellings, case and spacing as one value", () => {
    expect(["prod", "Production", " PRD ", "live"].map(canonicalTagValue)).toEqual(["prod", "prod", "prod", "prod"]);
    expect(["dev", "development", "staging", "Stage", "data platform", "data_platform"].map(canonicalTagValue)).toEqual([
      "dev", "dev", "staging", "staging", "data-platform", "data-platform",
    ]);
    expect(canonicalTagValue("data")).toBe("data");
  });

  it("groups the rows whose values are one value, and leaves single values and empty ones out", () => {
    const rows = [
      { v: "prod", n: 1 }, { v: "dev", n: 2 }, { v: "staging", n: 3 }, { v: "development", n: 4 }, { v: "production", n: 5 },
      { v: "stage", n: 6 }, { v: "data", n: 7 }, { v: null, n: 8 }, { v: "", n: 9 }, { v: "Data", n: 10 },
    ];
    const groups = tagValueVariants(rows, (r) => r.v);
    expect(groups.map((g) => [g.canonical, g.rows.map((r) => r.n)])).toEqual([
      ["prod", [1, 5]],
      ["dev", [2, 4]],
      ["staging", [3, 6]],
      ["data", [7, 10]],
    ]);
    expect(tagValueVariants([{ v: "prod" }, { v: "dev" }], (r) => r.v)).toEqual([]);
  });
});
