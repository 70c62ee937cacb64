// The two daily rollups of an import, summed while its rows stream to the COPY. PostgreSQL stores the line items
// meanwhile; aggregating them again afterwards took longer than the whole load (an import waited ~3.4 s of
// GROUP BY for 200k rows on PostgreSQL, ~6 s on PGlite), while summing here costs about a microsecond a row.
// Groups and sums are exactly those of GROUP BY over the stored rows (rollup.property.test.ts checks it).
import { FIELD_COLUMNS } from "../focus/columns.ts";
import { cellIndex, type FocusRow } from "../focus/parse.ts";
import type { TagMap } from "../focus/values.ts";
import { ExactSum, trimDecimal } from "./exact-sum.ts";

const cellOf = (dbColumn: string) => {
  const index = FIELD_COLUMNS.findIndex((c) => c.dbColumn === dbColumn);
  if (index === -1) throw new Error(`${dbColumn} is not a line-item column`);
  return index;
};

/** cost_daily_rollup's grouping columns after charge_date and source_id, in COPY order. */
export const DAILY_GROUP_COLUMNS = [
  "billing_period_start",
  "billing_period_end",
  "provider_name",
  "billing_account_id",
  "billing_account_name",
  "sub_account_id",
  "sub_account_name",
  "service_name",
  "service_category",
  "region_id",
  "charge_category",
  "pricing_category",
  "commitment_discount_status",
  "billing_currency",
] as const;
/** cost_tag_daily_rollup's grouping columns after tag_key, tag_value, charge_date and source_id. */
export const TAG_GROUP_COLUMNS = ["billing_period_start", "provider_name", "billing_account_id"] as const;

export const DAILY_ROLLUP_COLUMNS = [
  "charge_date",
  "source_id",
  ...DAILY_GROUP_COLUMNS,
  "billed_cost",
  "effective_cost",
  "list_cost",
  "contracted_cost",
  "pricing_quantity",
  "row_count",
];
export const TAG_ROLLUP_COLUMNS = [
  "tag_key",
  "tag_value",
  "charge_date",
  "source_id",
  ...TAG_GROUP_COLUMNS,
  "billed_cost",
  "effective_cost",
  "list_cost",
  "contracted_cost",
  "row_count",
];

const DAILY_CELLS = DAILY_GROUP_COLUMNS.map(cellOf);
const TAG_CELLS = TAG_GROUP_COLUMNS.map(cellOf);
const CHARGE_START = cellIndex("ChargePeriodStart");
const [BILLED, EFFECTIVE, LIST, CONTRACTED, QUANTITY] = ["billed_cost", "effective_cost", "list_cost", "contracted_cost", "pricing_quantity"].map(cellOf) as [
  number,
  number,
  number,
  number,
  number,
];

class CostSums {
  readonly billed = new ExactSum();
  readonly effective = new ExactSum();
  readonly list = new ExactSum();
  readonly contracted = new ExactSum();
  rows = 0;

  addRow(cells: readonly (string | null)[]): void {
    this.billed.add(cells[BILLED]!);
    this.effective.add(cells[EFFECTIVE]!);
    this.list.add(cells[LIST]!);
    this.contracted.add(cells[CONTRACTED]!);
    this.rows += 1;
  }

  merge(other: CostSums): void {
    this.billed.merge(other.billed);
    this.effective.merge(other.effective);
    this.list.merge(other.list);
    this.contracted.merge(other.contracted);
    this.rows += other.rows;
  }

  texts(): (string | null)[] {
    return [this.billed.toText(), this.effective.toText(), this.list.toText(), this.contracted.toText()];
  }
}

class LineSums extends CostSums {
  readonly quantity = new ExactSum();

  override addRow(cells: readonly (string | null)[]): void {
    super.addRow(cells);
    const quantity = cells[QUANTITY];
    if (quantity != null) this.quantity.add(quantity);
  }

  override merge(other: LineSums): void {
    super.merge(other);
    this.quantity.merge(other.quantity);
  }
}

/**
 * A map key of several values that no two different value lists share: NUL separates them (PostgreSQL text cannot
 * hold NUL, so no stored value contains one) and null is the empty string (a stored text cell is never empty: the
 * parser reads an empty cell as null).
 */
function groupKey(first: string, values: readonly (string | null)[]): string {
  let key = first;
  for (const value of values) key += `\0${value ?? ""}`;
  return key;
}

/** One day's line items of one value of every daily grouping column, split by their (shared) tag map. */
interface DayGroup {
  date: string;
  /** The first row's cells: every grouping column holds the group's value. */
  cells: readonly (string | null)[];
  /** Parsed tag maps are shared by the rows of a resource (parse.ts caches them), so few splits per group. */
  byTags: Map<TagMap | null, LineSums>;
}

export interface ImportTotals {
  rows: number;
  billedCost: string;
  effectiveCost: string;
}

/** Sums the rows of one import into its daily and tag rollup rows. */
export class RollupAccumulator {
  private readonly groups = new Map<string, DayGroup>();

  add(row: FocusRow): void {
    const cells = row.cells;
    const date = cells[CHARGE_START]!.slice(0, 10); // a UTC ISO timestamp: its date is charge_date
    let key = date;
    for (const cell of DAILY_CELLS) key += `\0${cells[cell] ?? ""}`; // groupKey, inlined on the per-row path
    let group = this.groups.get(key);
    if (group === undefined) {
      group = { date, cells, byTags: new Map() };
      this.groups.set(key, group);
    }
    let sums = group.byTags.get(row.tags);
    if (sums === undefined) {
      sums = new LineSums();
      group.byTags.set(row.tags, sums);
    }
    sums.addRow(cells);
  }

  /** cost_daily_rollup rows in DAILY_ROLLUP_COLUMNS order. */
  *dailyRows(sourceId: string): Generator<(string | number | null)[]> {
    for (const group of this.groups.values()) {
      const total = new LineSums();
      for (const sums of group.byTags.values()) total.merge(sums);
      yield [group.date, sourceId, ...DAILY_CELLS.map((c) => group.cells[c]!), ...total.texts(), total.quantity.toText(), total.rows];
    }
  }

  /** cost_tag_daily_rollup rows in TAG_ROLLUP_COLUMNS order: each tag of each tagged row, summed. */
  *tagRows(sourceId: string): Generator<(string | number | null)[]> {
    // Per tag grouping values, then per tag: each tag map's tags and their keys are worked out once.
    const byDimensions = new Map<string, { date: string; cells: readonly (string | null)[]; byTag: Map<string, CostSums> }>();
    const tagsOf = new Map<TagMap, { id: string; key: string; value: string | null }[]>();
    for (const group of this.groups.values()) {
      const dimensionsKey = groupKey(group.date, TAG_CELLS.map((c) => group.cells[c]!));
      let dimensions = byDimensions.get(dimensionsKey);
      if (dimensions === undefined) {
        dimensions = { date: group.date, cells: group.cells, byTag: new Map() };
        byDimensions.set(dimensionsKey, dimensions);
      }
      for (const [tags, sums] of group.byTags) {
        if (tags === null) continue;
        let entries = tagsOf.get(tags);
        if (entries === undefined) {
          // The tag value "" and a JSON null are different values: "=" marks a string.
          entries = Object.entries(tags).map(([key, value]) => ({ id: `${key}\0${value === null ? "" : `=${value}`}`, key, value }));
          tagsOf.set(tags, entries);
        }
        for (const { id } of entries) {
          let tagSums = dimensions.byTag.get(id);
          if (tagSums === undefined) dimensions.byTag.set(id, (tagSums = new CostSums()));
          tagSums.merge(sums);
        }
      }
    }
    const tagById = new Map([...tagsOf.values()].flat().map((t) => [t.id, t]));
    for (const { date, cells, byTag } of byDimensions.values()) {
      for (const [id, sums] of byTag) {
        const { key, value } = tagById.get(id)!;
        yield [key, value, date, sourceId, ...TAG_CELLS.map((c) => cells[c]!), ...sums.texts(), sums.rows];
      }
    }
  }

  /** Rows, billed and effective cost of everything added (exact, trailing zeros trimmed). */
  totals(): ImportTotals {
    const total = new CostSums();
    for (const group of this.groups.values()) for (const sums of group.byTags.values()) total.merge(sums);
    return {
      rows: total.rows,
      billedCost: trimDecimal(total.billed.toText() ?? "0"),
      effectiveCost: trimDecimal(total.effective.toText() ?? "0"),
    };
  }
}
