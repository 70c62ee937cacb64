import { describe, expect, it } from "vitest";
import { ExactSum, ExactSums, parseScaled, trimDecimal } from "./exact-sum.ts";

const sum = (...values: string[]) => {
  const total = new ExactSum();
  for (const v of values) total.add(v);
  return total.toText();
};

describe("ExactSum", () => {
  it("adds decimals without float drift, negative credits included", () => {
    expect(sum("0.1", "0.2")).toBe("0.3000000000");
    expect(sum("100", "-0.01", "-99.99")).toBe("0.0000000000");
    expect(sum("-5.25", "2")).toBe("-3.2500000000");
    expect(sum("9999999999.9999999999", "0.0000000001")).toBe("10000000000.0000000000");
  });

  it("rounds each value to 10 decimals half away from zero, as numeric(20,10) stores it", () => {
    expect(sum("0.00000000005")).toBe("0.0000000001");
    expect(sum("0.00000000004999")).toBe("0.0000000000");
    expect(sum("-0.00000000005")).toBe("-0.0000000001");
    expect(sum("0.99999999995")).toBe("1.0000000000");
    expect(sum("-1.99999999999")).toBe("-2.0000000000");
  });

  it("stays exact past the float range over many additions", () => {
    const total = new ExactSum();
    for (let i = 0; i < 250_000; i++) total.add("9999999999.1234567891");
    expect(total.toText()).toBe(`${(9_999_999_999_1234567891n * 250_000n).toString().replace(/(\d{10})$/, ".$1")}`);
  });

  it("is null when nothing was added, like SQL sum", () => {
    expect(new ExactSum().toText()).toBeNull();
    const merged = new ExactSum();
    merged.merge(new ExactSum());
    expect(merged.toText()).toBeNull();
  });

  it("merges sums", () => {
    const a = new ExactSum();
    a.add("1.5");
    const b = new ExactSum();
    b.add("-0.25");
    a.merge(b);
    expect(a.toText()).toBe("1.2500000000");
  });
});

describe("ExactSums", () => {
  const row = (...values: string[]) => {
    const scaled = new Float64Array(2 * values.length);
    values.forEach((v, i) => parseScaled(v, scaled, 2 * i));
    return scaled;
  };

  it("keeps one exact sum per amount of the rows added", () => {
    const sums = new ExactSums(3);
    sums.add(row("0.1", "-5.25", "0.00000000005"));
    sums.add(row("0.2", "2", "0"));
    expect(sums.texts()).toEqual(["0.3000000000", "-3.2500000000", "0.0000000001"]);
    expect(sums.count).toBe(2);
  });

  it("stays exact across folds and merges, and is null with no rows", () => {
    const a = new ExactSums(2);
    const b = new ExactSums(2);
    expect(a.texts()).toEqual([null, null]);
    for (let i = 0; i < 150_000; i++) a.add(row("9999999999.1234567891", "-0.0000000001"));
    b.add(row("0.8765432109", "1"));
    a.merge(b);
    a.merge(new ExactSums(2));
    expect(a.text(0)).toBe(`${(9_999_999_999_1234567891n * 150_000n + 8_765_432_109n).toString().replace(/(\d{10})$/, ".$1")}`);
    expect(a.text(1)).toBe("0.9999850000");
    expect(a.count).toBe(150_001);
  });
});

describe("trimDecimal", () => {
  it("drops the scale's padding", () => {
    expect(trimDecimal("12.3400000000")).toBe("12.34");
    expect(trimDecimal("-3.0000000000")).toBe("-3");
    expect(trimDecimal("100")).toBe("100");
  });
});
