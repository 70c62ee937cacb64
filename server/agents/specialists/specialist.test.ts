import { describe, expect, it } from "vitest";
import { periodName } from "./specialist.ts";

describe("periodName", () => {
  it.each([
    [{ start: "2026-10-01", end: "2026-11-01" }, "October 2026"],
    [{ start: "2026-04-01", end: "2026-07-01" }, "Q2 2026 (2026-04-01 to 2026-06-30)"],
    [{ start: "2025-01-01", end: "2026-01-01" }, "2025 (2025-01-01 to 2025-12-31)"],
    // Three months that are no calendar quarter, and a year that starts mid-year, are their days.
    [{ start: "2026-05-01", end: "2026-08-01" }, "2026-05-01 to 2026-07-31"],
    [{ start: "2025-07-01", end: "2026-07-01" }, "2025-07-01 to 2026-06-30"],
    [{ start: "2026-07-01", end: "2026-08-26" }, "2026-07-01 to 2026-08-25"],
  ])("names %j as %j", (period, name) => {
    expect(periodName(period)).toBe(name);
  });
});
