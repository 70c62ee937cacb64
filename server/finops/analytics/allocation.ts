// Showback by a tag key: each value's direct cost, what nobody owns ("Unallocated": missing or placeholder values),
// and optionally that unowned cost (plus values named as shared, e.g. team=shared) redistributed across the owners.
// Charge categories: all by default, so the allocated parts add up to the invoice; filter with chargeCategories.
import { z } from "zod";
import type { Database } from "../../adapters/db/database.ts";
import { costBreakdown } from "./breakdown.ts";
import { DEFAULT_PLACEHOLDER_VALUES, filtersSchema, fromUnits, metricSchema, periodSchema, ratio, toUnits, type Analysis, type Metric } from "./scope.ts";

export const UNALLOCATED_LABEL = "Unallocated";

export const costAllocationInput = z.object({
  period: periodSchema,
  filters: filtersSchema,
  metric: metricSchema,
  tagKey: z.string().trim().min(1, "Name the tag key costs are allocated by.").max(200),
  sharedCost: z
    .object({
      split: z.enum(["none", "even", "proportional"]).default("none"),
      /** Tag values whose cost is shared by everyone (e.g. "shared", "platform"). */
      sharedValues: z.array(z.string().trim().max(200)).max(50).default([]),
    })
    .default({ split: "none", sharedValues: [] }),
  placeholderValues: z.array(z.string().max(200)).max(100).default(DEFAULT_PLACEHOLDER_VALUES),
});
export type CostAllocationInput = z.output<typeof costAllocationInput>;

export interface AllocationRow {
  /** The tag value (an owner such as a team), or a shared value when split is "none". */
  value: string;
  direct: string;
  /** This owner's part of the redistributed pool ("0" when split is "none"). */
  sharedAllocated: string;
  total: string;
  totalValue: number;
  /** total / grand total; null when the grand total is zero. */
  share: number | null;
  isShared: boolean;
}

export interface Allocation {
  tagKey: string;
  metric: Metric;
  split: "none" | "even" | "proportional";
  rows: AllocationRow[];
  /** Cost with no owner: missing key, null or placeholder value. After a split it is "0" unless nobody owns anything. */
  unallocated: { amount: string; value: number; share: number | null };
  /** Before any split: unallocated cost plus the shared values' cost, i.e. what a split redistributes. */
  pool: string;
  total: string;
}

const CENT = 10n ** 8n; // in units of 1e-10

/**
 * Splits `pool` by `weights` to the cent with the largest-remainder method; ties go to the earlier recipient (the
 * list is ordered by direct cost, then value). Sub-cent digits of the pool go to the first recipient, so the
 * parts always add up to the pool exactly.
 */
export function splitExactly(pool: bigint, weights: bigint[]): bigint[] {
  if (weights.length === 0) return [];
  const sign = pool < 0n ? -1n : 1n;
  const abs = pool * sign;
  const cents = abs / CENT;
  const weightTotal = weights.reduce((a, b) => a + b, 0n);
  const floors = weights.map((w) => (cents * w) / weightTotal);
  const remainders = weights.map((w, i) => ({ i, rest: (cents * w) % weightTotal }));
  let left = cents - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    floors[i] += 1n;
    left -= 1n;
  }
  const parts = floors.map((c) => c * CENT);
  parts[0] += abs - cents * CENT;
  return parts.map((p) => p * sign);
}

export async function costAllocation(db: Pick<Database, "sql">, raw: z.input<typeof costAllocationInput>): Promise<Analysis<Allocation>> {
  const input = costAllocationInput.parse(raw);
  const { split, sharedValues } = input.sharedCost;
  const byValue = await costBreakdown(db, {
    period: input.period,
    filters: input.filters,
    metric: input.metric,
    dimension: "Tag",
    tagKey: input.tagKey,
    limit: 1000,
    includeOthers: true,
  });
  const placeholders = new Set(input.placeholderValues.map((v) => v.trim().toLowerCase()));
  const shared = new Set(sharedValues);
  let unallocated = 0n;
  let sharedTotal = 0n;
  const owners: { value: string; direct: bigint; isShared: boolean }[] = [];
  for (const row of byValue.data.rows) {
    const amount = toUnits(row.amount);
    // More than 1000 distinct values: the folded remainder cannot be attributed, so it stays unallocated.
    if (row.isOthers || row.key === null || placeholders.has(row.key.trim().toLowerCase())) unallocated += amount;
    else if (shared.has(row.key)) {
      sharedTotal += amount;
      owners.push({ value: row.key, direct: amount, isShared: true });
    } else owners.push({ value: row.key, direct: amount, isShared: false });
  }
  const total = toUnits(byValue.data.total);
  const pool = unallocated + sharedTotal;
  const recipients = split === "none" ? [] : owners.filter((o) => !o.isShared);
  let parts: bigint[] = [];
  if (recipients.length) {
    // Proportional uses direct cost as the weight; owners with a net credit weigh nothing, and when no owner has a
    // positive cost the split falls back to equal parts.
    const positive = recipients.map((r) => (r.direct > 0n ? r.direct : 0n));
    const weights = split === "proportional" && positive.some((w) => w > 0n) ? positive : recipients.map(() => 1n);
    parts = splitExactly(pool, weights);
  }
  const rows: AllocationRow[] = (recipients.length ? recipients : owners).map((o, i) => {
    const allocated = parts[i] ?? 0n;
    const rowTotal = o.direct + allocated;
    return {
      value: o.value,
      direct: fromUnits(o.direct),
      sharedAllocated: fromUnits(allocated),
      total: fromUnits(rowTotal),
      totalValue: Number(fromUnits(rowTotal)),
      share: ratio(rowTotal, total),
      isShared: o.isShared,
    };
  });
  rows.sort((a, b) => {
    const d = toUnits(b.total) - toUnits(a.total);
    return d === 0n ? a.value.localeCompare(b.value) : d > 0n ? 1 : -1;
  });
  const left = recipients.length ? 0n : unallocated;
  return {
    data: {
      tagKey: input.tagKey,
      metric: input.metric,
      split,
      rows,
      unallocated: { amount: fromUnits(left), value: Number(fromUnits(left)), share: ratio(left, total) },
      pool: fromUnits(pool),
      total: fromUnits(total),
    },
    provenance: byValue.provenance,
  };
}
