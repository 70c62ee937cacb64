// The FOCUS 1.2 column catalog (https://focus.finops.org, specification v1.2) as far as the cost store keeps it.
// `mandatory` means the column must be present in a file (its values may still be null where `nullable`);
// conditional and recommended columns are read when present and stored as null otherwise.

export type FocusColumnType = "decimal" | "datetime" | "string" | "enum" | "json";

export interface FocusColumn {
  name: string;
  type: FocusColumnType;
  mandatory: boolean;
  /** Whether a null value is allowed in a present column. */
  nullable: boolean;
  /** snake_case column in cost_line_items. */
  dbColumn: string;
  /** Allowed values of an enum column (compared case-insensitively, stored in this spelling). */
  allowed?: readonly string[];
}

export const SERVICE_CATEGORIES = [
  "AI and Machine Learning",
  "Analytics",
  "Business Applications",
  "Compute",
  "Databases",
  "Developer Tools",
  "Multicloud",
  "Identity",
  "Integration",
  "Internet of Things",
  "Management and Governance",
  "Media",
  "Migration",
  "Mobile",
  "Networking",
  "Security",
  "Storage",
  "Web",
  "Other",
] as const;

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

type Spec = [name: string, type: FocusColumnType, mandatory: boolean, nullable: boolean, allowed?: readonly string[]];

const SPECS: Spec[] = [
  ["BilledCost", "decimal", true, false],
  ["EffectiveCost", "decimal", true, false],
  ["ListCost", "decimal", true, false],
  ["ContractedCost", "decimal", true, false],
  ["BillingAccountId", "string", true, false],
  ["BillingAccountName", "string", true, true],
  ["BillingAccountType", "string", false, true],
  ["BillingCurrency", "string", true, false],
  ["BillingPeriodStart", "datetime", true, false],
  ["BillingPeriodEnd", "datetime", true, false],
  ["ChargeCategory", "enum", true, false, ["Usage", "Purchase", "Tax", "Credit", "Adjustment"]],
  ["ChargeClass", "enum", true, true, ["Correction"]],
  ["ChargeDescription", "string", true, true],
  ["ChargeFrequency", "enum", false, true, ["One-Time", "Recurring", "Usage-Based"]],
  ["ChargePeriodStart", "datetime", true, false],
  ["ChargePeriodEnd", "datetime", true, false],
  ["InvoiceIssuerName", "string", true, false],
  ["InvoiceId", "string", false, true],
  ["PricingQuantity", "decimal", true, true],
  ["PricingUnit", "string", true, true],
  ["PricingCategory", "enum", false, true, ["Standard", "Dynamic", "Committed", "Other"]],
  ["ProviderName", "string", true, false],
  ["PublisherName", "string", true, false],
  ["ServiceCategory", "enum", true, false, SERVICE_CATEGORIES],
  ["ServiceSubcategory", "string", false, true],
  ["ServiceName", "string", true, false],
  ["ResourceId", "string", false, true],
  ["ResourceName", "string", false, true],
  ["ResourceType", "string", false, true],
  ["RegionId", "string", false, true],
  ["RegionName", "string", false, true],
  ["AvailabilityZone", "string", false, true],
  ["SubAccountId", "string", false, true],
  ["SubAccountName", "string", false, true],
  ["SubAccountType", "string", false, true],
  ["SkuId", "string", false, true],
  ["SkuPriceId", "string", false, true],
  ["ListUnitPrice", "decimal", false, true],
  ["ContractedUnitPrice", "decimal", false, true],
  ["ConsumedQuantity", "decimal", false, true],
  ["ConsumedUnit", "string", false, true],
  ["CommitmentDiscountId", "string", false, true],
  ["CommitmentDiscountName", "string", false, true],
  ["CommitmentDiscountCategory", "enum", false, true, ["Spend", "Usage"]],
  ["CommitmentDiscountType", "string", false, true],
  ["CommitmentDiscountStatus", "enum", false, true, ["Used", "Unused"]],
  ["CapacityReservationId", "string", false, true],
  ["CapacityReservationStatus", "enum", false, true, ["Used", "Unused"]],
  ["Tags", "json", false, true],
];

export const FOCUS_COLUMNS: readonly FocusColumn[] = SPECS.map(([name, type, mandatory, nullable, allowed]) => ({
  name,
  type,
  mandatory,
  nullable,
  dbColumn: snake(name),
  ...(allowed ? { allowed } : {}),
}));

export const FOCUS_COLUMN_BY_NAME: ReadonlyMap<string, FocusColumn> = new Map(FOCUS_COLUMNS.map((c) => [c.name, c]));
export const MANDATORY_COLUMNS = FOCUS_COLUMNS.filter((c) => c.mandatory).map((c) => c.name);

/**
 * Older FOCUS spellings mapped onto 1.2 names. FOCUS 1.0 and 1.1 use the 1.2 names for every column above (1.1 and
 * 1.2 only added columns), so the aliases cover the 0.5 / 1.0-preview drafts, and the 1.3 provider split:
 *   ChargeType -> ChargeCategory            (0.5, 1.0-preview)
 *   AmortizedCost -> EffectiveCost          (0.5)
 *   UsageQuantity -> ConsumedQuantity       (0.5, 1.0-preview)
 *   UsageUnit -> ConsumedUnit               (0.5, 1.0-preview)
 *   Region -> RegionId and RegionName       (0.5: one column held the region)
 *   Provider / Publisher / InvoiceIssuer -> ProviderName / PublisherName / InvoiceIssuerName  (0.5)
 *   ServiceProviderName -> ProviderName     (1.3 deprecates ProviderName)
 * ChargeSubcategory (0.5, 1.0-preview; replaced by ChargeClass) has no 1.2 column and stays in `extras`.
 * A 1.2 column present in the file wins over an alias for the same column.
 */
export const COLUMN_ALIASES: Readonly<Record<string, readonly string[]>> = {
  ChargeType: ["ChargeCategory"],
  AmortizedCost: ["EffectiveCost"],
  UsageQuantity: ["ConsumedQuantity"],
  UsageUnit: ["ConsumedUnit"],
  Region: ["RegionId", "RegionName"],
  Provider: ["ProviderName"],
  Publisher: ["PublisherName"],
  InvoiceIssuer: ["InvoiceIssuerName"],
  ServiceProviderName: ["ProviderName"],
};

/** Enum values renamed between drafts and 1.0 (PricingCategory: 1.0-preview On-Demand/Commitment-Based). */
export const VALUE_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  PricingCategory: { "on-demand": "Standard", "commitment-based": "Committed" },
};

/**
 * Columns that pre-1.0 files do not have at all; when such a file lacks them they are read as null instead of
 * rejecting the file (ChargeClass and ChargeDescription arrived in 1.0).
 */
export const ABSENT_BEFORE_1_0: readonly string[] = ["ChargeClass", "ChargeDescription", "PricingQuantity", "PricingUnit"];

export type FocusVersion = "0.5/1.0-preview" | "1.0" | "1.1" | "1.2";

/** Best guess of a file's FOCUS version from the columns it has (each release only added or renamed columns). */
export function detectFocusVersion(headers: readonly string[]): FocusVersion {
  const has = (names: string[]) => names.some((n) => headers.includes(n));
  if (has(["InvoiceId", "BillingAccountType", "SubAccountType", "PricingCurrency", "PricingCurrencyEffectiveCost"])) {
    return "1.2";
  }
  if (has(["ServiceSubcategory", "CapacityReservationId", "CommitmentDiscountQuantity", "SkuMeter", "SkuPriceDetails"])) {
    return "1.1";
  }
  if (has(Object.keys(COLUMN_ALIASES).filter((a) => a !== "ServiceProviderName")) || has(["ChargeSubcategory"])) {
    return "0.5/1.0-preview";
  }
  return "1.0";
}

/** Every catalog column stored in its own cost_line_items column: all but Tags (stored as JSONB). */
export const FIELD_COLUMNS: readonly FocusColumn[] = FOCUS_COLUMNS.filter((c) => c.type !== "json");
