import { describe, expect, it } from "vitest";
import { chartSummary } from "./chart-summary";
import type { AnswerChart } from "./types";

const bar = (points: Array<[string, number]>): AnswerChart =>
  ({ kind: "bar", title: "Change by driver", unit: "USD", series: [{ name: "Change", points: points.map(([x, y]) => ({ x, y })) }] }) as AnswerChart;

describe("chartSummary", () => {
  it("names the largest bar by size, a drop included, and never the Others remainder", () => {
    const summary = chartSummary(bar([["Amazon Bedrock", -6514], ["Vertex AI", 84.42], ["Others", 120]]));
    expect(summary).toContain("3 values totalling -$6,309.58");
    expect(summary).toContain("the largest is Amazon Bedrock at -$6,514.00");
    expect(chartSummary(bar([["BigQuery", 63966], ["Others", 102410]]))).toContain("the largest is BigQuery at");
    // Cost with no resource is no one resource, however large.
    expect(chartSummary(bar([["(no resource)", 90000], ["assistant-dev-ec2-0047", 2699.83]]))).toContain("the largest is assistant-dev-ec2-0047 at $2,699.83");
    expect(chartSummary(bar([["(untagged)", 5], ["Others", 3]]))).toContain("the largest is (untagged) at $5.00");
  });

  it("reads one bar as one value, not '1 values totalling'", () => {
    expect(chartSummary(bar([["Azure OpenAI", 20618]]))).toBe("Bar chart, Change by driver: one value, Azure OpenAI at $20,618.");
  });

  it("says what the marked points are: anomalies, or the highest point a peak question found", () => {
    const line = (markerKind?: "anomaly" | "peak"): AnswerChart =>
      ({
        kind: "line", title: "Cost per day", unit: "USD", markerKind,
        series: [{ name: "EffectiveCost", points: [{ x: "2026-10-01", y: 36480 }, { x: "2026-10-02", y: 12000 }] }],
        markers: [{ x: "2026-10-01", label: "highest" }],
      }) as AnswerChart;
    expect(chartSummary(line())).toContain(" 1 anomalous point marked.");
    expect(chartSummary(line("peak"))).toContain(" The highest point is marked.");
    expect(chartSummary(line("peak"))).not.toContain("anomalous");
  });

  it("says when there is nothing to draw", () => {
    expect(chartSummary(bar([]))).toBe("Change by driver: no data.");
  });
});
