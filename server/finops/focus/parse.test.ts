import { describe, expect, it } from "vitest";
import { MANDATORY_COLUMNS } from "./columns.ts";
import { columnsOf, createRecordParser, type RawRecord } from "./parse.ts";

const baseRow: Record<string, string> = {
  BilledCost: "0.1",
  EffectiveCost: "0.1",
  ListCost: "0.12",
  ContractedCost: "0.1",
  BillingAccountId: "111",
  BillingAccountName: "Acme",
  BillingCurrency: "USD",
  BillingPeriodStart: "2024-01-01T00:00:00Z",
  BillingPeriodEnd: "2024-02-01T00:00:00Z",
  ChargeCategory: "Usage",
  ChargeClass: "",
  ChargeDescription: "hour",
  ChargePeriodStart: "2024-01-05 00:00:00",
  ChargePeriodEnd: "2024-01-05T01:00:00Z",
  InvoiceIssuerName: "AWS",
  PricingQuantity: "1",
  PricingUnit: "Hours",
  ProviderName: "AWS",
  PublisherName: "AWS",
  ServiceCategory: "Compute",
  ServiceName: "Amazon EC2",
};

const record = (values: Record<string, string | null>, line = 2): RawRecord => ({ line, values });

describe("createRecordParser", () => {
  it("types a FOCUS 1.2 row and keeps unknown columns in extras", () => {
    const values = { ...baseRow, Id: "li-1", x_Foo: "bar", Tags: '{"team":"data"}', ResourceId: "NULL" };
    const parser = createRecordParser(Object.keys(values));
    expect(parser.missingColumns).toEqual([]);
    expect(parser.extraColumns).toEqual(["Id", "x_Foo"]);
    const result = parser.parse(record(values));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(columnsOf(result.row).BilledCost).toBe("0.1");
    expect(columnsOf(result.row).ChargePeriodStart).toBe("2024-01-05T00:00:00.000Z");
    expect(columnsOf(result.row).ChargeClass).toBeNull();
    expect(columnsOf(result.row).ResourceId).toBeNull();
    expect(columnsOf(result.row).RegionId).toBeNull();
    expect(result.row.tags).toEqual({ team: "data" });
    expect(result.row.extras).toEqual({ Id: "li-1", x_Foo: "bar" });
  });

  it("lists every mandatory column the header lacks", () => {
    const { ServiceName: _s, BillingCurrency: _c, ...rest } = baseRow;
    expect(createRecordParser(Object.keys(rest)).missingColumns).toEqual(["BillingCurrency", "ServiceName"]);
    expect(createRecordParser([]).missingColumns).toEqual(MANDATORY_COLUMNS);
  });

  it("maps 0.5 / 1.0-preview column names and values onto 1.2", () => {
    const { ChargeCategory: _c, EffectiveCost: _e, ProviderName: _p, ChargeClass: _k, ...rest } = baseRow;
    const values = {
      ...rest,
      ChargeType: "Usage",
      AmortizedCost: "0.09",
      Provider: "Microsoft",
      Region: "westeurope",
      UsageQuantity: "24",
      UsageUnit: "Hours",
      ChargeSubcategory: "On-Demand",
      PricingCategory: "Commitment-Based",
    };
    const parser = createRecordParser(Object.keys(values));
    expect(parser.focusVersion).toBe("0.5/1.0-preview");
    expect(parser.missingColumns).toEqual([]);
    const result = parser.parse(record(values));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(columnsOf(result.row)).toMatchObject({
      ChargeCategory: "Usage",
      EffectiveCost: "0.09",
      ProviderName: "Microsoft",
      RegionId: "westeurope",
      RegionName: "westeurope",
      ConsumedQuantity: "24",
      ConsumedUnit: "Hours",
      PricingCategory: "Committed",
      ChargeClass: null,
    });
    expect(result.row.extras).toEqual({ ChargeSubcategory: "On-Demand" });
  });

  it("reports each bad value with its line, column and text", () => {
    const values = {
      ...baseRow,
      BilledCost: "1.2.3",
      ChargeCategory: "Refund",
      ChargePeriodStart: "2024-02-30",
      ServiceName: "NULL",
      Tags: "[1]",
    };
    const result = createRecordParser(Object.keys(values)).parse(record(values, 7));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map(({ line, column, value }) => ({ line, column, value }))).toEqual([
      { line: 7, column: "BilledCost", value: "1.2.3" },
      { line: 7, column: "ChargeCategory", value: "Refund" },
      { line: 7, column: "ChargePeriodStart", value: "2024-02-30" },
      { line: 7, column: "ServiceName", value: "NULL" },
      { line: 7, column: "Tags", value: "[1]" },
    ]);
    expect(result.issues[1].message).toContain("Usage, Purchase, Tax, Credit, Adjustment");
  });

  it("rejects amounts numeric(20,10) cannot hold and periods that end before they start", () => {
    const values = { ...baseRow, BilledCost: "12345678901.5", ChargePeriodEnd: "2024-01-04T00:00:00Z" };
    const result = createRecordParser(Object.keys(values)).parse(record(values));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.column)).toEqual(["BilledCost", "ChargePeriodEnd"]);
  });

  it("accepts enum values in any letter case and stores the FOCUS spelling", () => {
    const values = { ...baseRow, ChargeCategory: "credit", ServiceCategory: "ai and machine learning" };
    const result = createRecordParser(Object.keys(values)).parse(record(values));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(columnsOf(result.row).ChargeCategory).toBe("Credit");
    expect(columnsOf(result.row).ServiceCategory).toBe("AI and Machine Learning");
  });
});
