import { describe, expect, it } from "vitest";
import { runSentence } from "./time-answers.ts";

/** Month-to-month steps over monthly totals from January 2026. */
function stepsOf(values: number[]) {
  const points = values.map((value, i) => ({ bucketStart: `2026-${String(i + 1).padStart(2, "0")}-01`, amount: value.toFixed(2), value }));
  return points.slice(1).map((to, i) => ({ from: points[i]!, to, delta: to.value - points[i]!.value }));
}
const name = (start: string) => `M${Number(start.slice(5, 7))}`;
const money = (amount: string | number) => `$${Number(amount).toFixed(2)}`;

describe("runSentence", () => {
  it("names where the latest run the way asked began, and the step before it", () => {
    expect(runSentence(stepsOf([100, 90, 95, 99, 120]), 1, name, money, "month", "")).toBe(
      "**Since M2**: spend rose in each of the 3 month-to-month steps from then, from $90.00 to $120.00 in M5 (+33.3%); before that, M2 fell on M1.",
    );
    expect(runSentence(stepsOf([100, 110, 120]), 1, name, money, "month", "")).toBe(
      "**Since M1**: spend rose in each of the 2 month-to-month steps from then, from $100.00 to $120.00 in M3 (+20.0%), the first month of the data.",
    );
  });

  it("says spend is not going the way asked now, and when it last did", () => {
    expect(runSentence(stepsOf([100, 110, 130, 117]), 1, name, money, "month", " for S3")).toBe(
      "**Spend for S3 is not going up now**: M4 fell 10.0% on the month before. The latest run up was from M1 to M3, $100.00 to $130.00 (+30.0%).",
    );
    expect(runSentence(stepsOf([100, 110]), -1, name, money, "month", "")).toBe("**Spend is not going down now**: M2 rose 10.0% on the month before.");
  });
});
