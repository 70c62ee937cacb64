import { describe, expect, it } from "vitest";
import { isNullCell, toExactDecimal, toTags, toUtcIso } from "./values.ts";

describe("toExactDecimal", () => {
  it.each([
    ["0.1", "0.1"],
    ["-5.25", "-5.25"],
    ["+007.50", "7.5"],
    ["1.5E-3", "0.0015"],
    ["1.5e3", "1500"],
    ["-2.5e-10", "-0.00000000025"],
    ["12345678901234567890.123456789", "12345678901234567890.123456789"],
    [".5", "0.5"],
    ["5.", "5"],
    ["-0", "0"],
    ["-0.000", "0"],
    [" 42 ", "42"],
  ])("reads %s exactly as %s", (input, expected) => {
    expect(toExactDecimal(input)).toBe(expected);
  });

  it.each(["", "abc", "1.2.3", "1,5", "e5", "--1", "1e", "0x10", "NaN", "Infinity"])("rejects %j", (input) => {
    expect(toExactDecimal(input)).toBeNull();
  });
});

describe("toUtcIso", () => {
  it.each([
    ["2024-01-05T00:00:00Z", "2024-01-05T00:00:00.000Z"],
    ["2024-01-05 01:00:00", "2024-01-05T01:00:00.000Z"],
    ["2024-01-05T01:00", "2024-01-05T01:00:00.000Z"],
    ["2024-01-05", "2024-01-05T00:00:00.000Z"],
    ["2024-01-06T02:00:00+02:00", "2024-01-06T00:00:00.000Z"],
    ["2024-01-05T22:30:00-0130", "2024-01-06T00:00:00.000Z"],
    ["2024-01-05T00:00:00.1234567Z", "2024-01-05T00:00:00.123Z"],
    ["2024-01-05 00:00:00 UTC", "2024-01-05T00:00:00.000Z"],
  ])("normalises %s to %s", (input, expected) => {
    expect(toUtcIso(input)).toBe(expected);
  });

  it.each(["2024-02-30T00:00:00Z", "2024-13-01", "2024-01-01T24:00:00Z", "01/05/2024", "yesterday", "2024-01-01T00:00:00+25:00"])(
    "rejects %j",
    (input) => {
      expect(toUtcIso(input)).toBeNull();
    },
  );
});

describe("toTags", () => {
  it("reads a JSON object and stringifies scalar values", () => {
    expect(toTags('{"team":"data","cost":12,"on":true,"owner":null}')).toEqual({ team: "data", cost: "12", on: "true", owner: null });
  });

  it("reads key=value pairs separated by ; or ,", () => {
    expect(toTags("team=web; env=dev,flag")).toEqual({ team: "web", env: "dev", flag: null });
  });

  it("rejects arrays, nested objects and broken JSON", () => {
    expect(toTags("[1,2]")).toBeNull();
    expect(toTags('{"a":{"b":1}}')).toBeNull();
    expect(toTags('{"a":')).toBeNull();
  });
});

describe("isNullCell", () => {
  it("treats empty, whitespace and literal NULL/null as null, nothing else", () => {
    for (const value of [null, undefined, "", "  ", "NULL", "null", " NULL "]) expect(isNullCell(value)).toBe(true);
    for (const value of ["0", "Null", "none", "n/a", "N"]) expect(isNullCell(value)).toBe(false);
  });
});
