import { describe, expect, it } from "vitest";
import { figureName, showFigure } from "./evidence-format";

describe("showFigure", () => {
  it("shows money figures as their exact amount with thousands separators", () => {
    expect(showFigure({ value: 172917.14, amount: "172917.14" })).toBe("172,917.14");
    expect(showFigure({ value: -1234567.5, amount: "-1234567.50" })).toBe("-1,234,567.50");
    expect(showFigure({ value: 12, amount: "12.00" })).toBe("12.00");
  });

  it("shows periods as a range and other objects as named pairs, never as JSON", () => {
    expect(showFigure({ start: "2026-10-27", end: "2026-11-26" })).toBe("2026-10-27 – 2026-11-26");
    expect(showFigure({ resources: 32, onDemandPerHour: 15.366 })).toBe("Resources: 32 · On demand per hour: 15.366");
    expect(showFigure({ excess: { value: 5, amount: "5.00" }, days: ["2026-11-01", "2026-11-02"] })).toBe("Excess: 5.00 · Days: 2026-11-01, 2026-11-02");
  });

  it("shows numbers, text, empty values and lists plainly", () => {
    expect(showFigure(19.73941)).toBe("19.7394");
    expect(showFigure(1234.5)).toBe("1,234.5");
    expect(showFigure("m6i.xlarge")).toBe("m6i.xlarge");
    expect(showFigure(false)).toBe("false");
    expect(showFigure(null)).toBe("—");
    expect(showFigure([])).toBe("—");
    expect(showFigure({})).toBe("—");
  });
});

describe("figureName", () => {
  it("turns camelCase keys into words", () => {
    expect(figureName("baselineBeforeRightsizingPerHour")).toBe("Baseline before rightsizing per hour");
    expect(figureName("cpuP95")).toBe("Cpu p95");
  });
});
