// The two daily rollups of an import, summed while its rows stream to the COPY. PostgreSQL stores the line items
// meanwhile; aggregating them again afterwards took longer than the whole load (an import waited ~3.4 s of
// GROUP BY for 200k rows on PostgreSQL, ~6 s on PGlite), while summing here costs about a microsecond a row.
// Groups and sums are exactly those of GROUP BY over the stored rows (rollup.property.test.ts checks it).
import { FIELD_COLUMNS } from "../focus/columns.ts";
import { cellIndex, type FocusRow } from "../focus/parse.ts";
import type { TagMap } from "../focus/values.ts";
import type { BinaryValue } from "../../adapters/db/copy-binary.ts";
import { ExactSum, ExactSums, parseScaled, trimDecimal } from "./exact-sum.ts";

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
const COST_CELLS = ["billed_cost", "effective_cost", "list_cost", "contracted_cost"].map(cellOf);
const QUANTITY = cellOf("pricing_quantity");

/** A row's four costs, each as the integer part and 1e-10 units of parseScaled. */
type RowCosts = Float64Array;

/** Sums of the four costs; `count` is the group's row count. */
const costSums = () => new ExactSums(COST_CELLS.length);

/**
 * A map key of a row's values at some positions, after a first value: no two different value lists share one. NUL
 * separates the values (PostgreSQL text cannot hold NUL, so no stored value contains one) and null is the empty
 * string (a stored text cell is never empty: the parser reads an empty cell as null). Built with join, a flat string:
 * a key concatenated with += is a rope, which a Map compares piece by piece on every lookup (measured: the daily key
 * that way took ~1.5 s of a 200k-row import).
 */
function groupKey(first: string, values: readonly (string | null)[], positions?: readonly number[]): string {
  const parts: (string | null)[] = [first];
  if (positions) for (const p of positions) parts.push(values[p] ?? null);
  else parts.push(...values);
  return parts.join("\0"); // join writes null as ""
}

/** One daily rollup row being summed. */
interface DayGroup {
  /** charge_date, then the DAILY_GROUP_COLUMNS values. */
  values: (string | null)[];
  sums: ExactSums;
  quantity: ExactSum;
}

/** One tag rollup row being summed. */
interface TagGroup {
  /** tag_key, tag_value, charge_date, then the TAG_GROUP_COLUMNS values. */
  values: (string | null)[];
  sums: ExactSums;
}

/** The tag groups of one charge date and TAG_GROUP_COLUMNS values. */
interface TagDay {
  /** By tag (Tag.id). */
  groups: Map<string, TagGroup>;
  /** The groups of each tag map seen on this day: rows of one resource share one map (parse.ts caches them) and add to
   * the same groups, with no key built per tag. */
  groupsOf: Map<TagMap, TagGroup[]>;
}

/** A tag of a tag map, with its part of a tag group's key. */
interface Tag {
  id: string;
  key: string;
  value: string | null;
}

export interface ImportTotals {
  rows: number;
  billedCost: string;
  effectiveCost: string;
}

/**
 * Sums the rows of one import into its daily and tag rollup rows. Memory follows the number of rollup rows (about
 * 0.1 of each per line item on the demo's million rows), not the number of line items.
 */
export class RollupAccumulator {
  private readonly days = new Map<string, DayGroup>();
  /** By charge date and TAG_GROUP_COLUMNS, then by tag. */
  private readonly tagDays = new Map<string, TagDay>();
  /** Parsed tag maps are shared by the rows of a resource (parse.ts caches them): their tags are listed once. */
  private readonly tagsOf = new WeakMap<TagMap, Tag[]>();
  /** One copy of each grouping value: a cell read from a CSV can be a slice that keeps its whole chunk alive. */
  private readonly interned = new Map<string, string>();
  private readonly costs: RowCosts = new Float64Array(2 * COST_CELLS.length);

  add(row: FocusRow): void {
    const cells = row.cells;
    for (let i = 0; i < COST_CELLS.length; i++) parseScaled(cells[COST_CELLS[i]!]!, this.costs, 2 * i);
    const date = cells[CHARGE_START]!.slice(0, 10); // a UTC ISO timestamp: its date is charge_date
    const key = groupKey(date, cells, DAILY_CELLS);
    let day = this.days.get(key);
    if (day === undefined) {
      day = { values: [date, ...DAILY_CELLS.map((c) => this.intern(cells[c]!))], sums: costSums(), quantity: new ExactSum() };
      this.days.set(key, day);
    }
    day.sums.add(this.costs);
    const quantity = cells[QUANTITY];
    if (quantity != null) day.quantity.add(quantity);
    if (row.tags !== null) this.addTags(row.tags, date, cells);
  }

  private addTags(tags: TagMap, date: string, cells: readonly (string | null)[]): void {
    const key = groupKey(date, cells, TAG_CELLS);
    let day = this.tagDays.get(key);
    if (day === undefined) this.tagDays.set(key, (day = { groups: new Map(), groupsOf: new Map() }));
    let groups = day.groupsOf.get(tags);
    if (groups === undefined) {
      groups = this.tagList(tags).map((tag) => this.tagGroup(day, tag, date, cells));
      day.groupsOf.set(tags, groups);
    }
    for (const group of groups) group.sums.add(this.costs);
  }

  private tagList(tags: TagMap): Tag[] {
    let list = this.tagsOf.get(tags);
    if (list === undefined) {
      // The tag value "" and a JSON null are different values: "=" marks a string.
      list = Object.entries(tags).map(([k, v]) => ({ id: groupKey(k, [v === null ? null : `=${v}`]), key: this.intern(k)!, value: this.intern(v) }));
      this.tagsOf.set(tags, list);
    }
    return list;
  }

  private tagGroup(day: TagDay, tag: Tag, date: string, cells: readonly (string | null)[]): TagGroup {
    let group = day.groups.get(tag.id);
    if (group === undefined) {
      group = { values: [tag.key, tag.value, date, ...TAG_CELLS.map((c) => this.intern(cells[c]!))], sums: costSums() };
      day.groups.set(tag.id, group);
    }
    return group;
  }

  private intern(value: string | null): string | null {
    if (value === null) return null;
    let copy = this.interned.get(value);
    if (copy === undefined) {
      copy = Buffer.from(value, "utf8").toString("utf8"); // a new flat string, not a slice of the row's chunk
      this.interned.set(copy, copy);
    }
    return copy;
  }

  /** cost_daily_rollup rows in DAILY_ROLLUP_COLUMNS order. */
  *dailyRows(sourceId: string): Generator<BinaryValue[]> {
    for (const { values, sums, quantity } of this.days.values()) {
      yield [values[0]!, sourceId, ...values.slice(1), ...sums.scaledAll(), quantity.scaled(), sums.count];
    }
  }

  /** cost_tag_daily_rollup rows in TAG_ROLLUP_COLUMNS order: each tag of each tagged row, summed. */
  *tagRows(sourceId: string): Generator<BinaryValue[]> {
    for (const day of this.tagDays.values()) {
      for (const { values, sums } of day.groups.values()) yield [...values.slice(0, 3), sourceId, ...values.slice(3), ...sums.scaledAll(), sums.count];
    }
  }

  /** Rows, billed and effective cost of everything added (exact, trailing zeros trimmed). */
  totals(): ImportTotals {
    const total = costSums();
    for (const day of this.days.values()) total.merge(day.sums);
    const [billed, effective] = total.texts();
    return { rows: total.count, billedCost: trimDecimal(billed ?? "0"), effectiveCost: trimDecimal(effective ?? "0") };
  }
}
