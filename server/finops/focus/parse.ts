import {
  ABSENT_BEFORE_1_0,
  COLUMN_ALIASES,
  detectFocusVersion,
  FIELD_COLUMNS,
  FOCUS_COLUMNS,
  VALUE_ALIASES,
  type FocusColumn,
  type FocusVersion,
} from "./columns.ts";
import { integerDigits, isNullCell, MAX_INTEGER_DIGITS, toExactDecimal, toTags, toUtcIso, type TagMap } from "./values.ts";

/**
 * One record as read from a file, with its line (CSV) or row (Parquet) number: header -> cell text, or the file's
 * headers and the cells in their order (the CSV reader's form: no object built per record).
 */
export type RawRecord = KeyedRecord | ListedRecord;
export interface KeyedRecord {
  line: number;
  values: Record<string, string | null>;
}
export interface ListedRecord {
  line: number;
  headers: readonly string[];
  cells: readonly (string | null)[];
}

/** The headers of a record's file. */
export function headersOf(record: RawRecord): readonly string[] {
  return "cells" in record ? record.headers : Object.keys(record.values);
}

export interface ParseIssue {
  line: number;
  column: string;
  value: string | null;
  message: string;
}

/** A typed FOCUS row: `cells` holds every catalog column except Tags, in FIELD_COLUMNS order. */
export interface FocusRow {
  line: number;
  /** Decimals as exact decimal strings, datetimes as UTC ISO strings, enums in their FOCUS spelling. */
  cells: (string | null)[];
  tags: TagMap | null;
  /** Columns FOCUS 1.2 does not define (`x_*` provider columns, `Id`, ChargeSubcategory), verbatim. */
  extras: Record<string, string | null> | null;
}

export type ParseResult = { ok: true; row: FocusRow } | { ok: false; issues: ParseIssue[] };

export interface RecordParser {
  focusVersion: FocusVersion;
  /** Mandatory FOCUS columns the file lacks (under any accepted name): the file cannot be imported. */
  missingColumns: string[];
  /** Headers kept in `extras`. */
  extraColumns: string[];
  parse(record: RawRecord): ParseResult;
}

interface ColumnPlan {
  column: FocusColumn;
  /** Position in FocusRow.cells; -1 for Tags. */
  cell: number;
  /** The file header read for this column; null: the column is absent and read as null. */
  header: string | null;
  /** That header's position among the file's headers. */
  position: number;
  enumLookup?: Map<string, string>;
}

/** Resolves the file's headers against the catalog once; `parse` then converts each record of that file. */
export function createRecordParser(headers: readonly string[]): RecordParser {
  const focusVersion = detectFocusVersion(headers);
  const byLowerName = new Map(headers.map((h) => [h.toLowerCase(), h]));
  const used = new Set<string>();
  const aliasFor = new Map<string, string>();
  for (const [alias, targets] of Object.entries(COLUMN_ALIASES)) {
    const header = byLowerName.get(alias.toLowerCase());
    if (header) for (const target of targets) if (!aliasFor.has(target)) aliasFor.set(target, header);
  }

  const missingColumns: string[] = [];
  const plans: ColumnPlan[] = FOCUS_COLUMNS.map((column) => {
    const header = byLowerName.get(column.name.toLowerCase()) ?? aliasFor.get(column.name) ?? null;
    if (header) used.add(header);
    const absentByVersion = focusVersion === "0.5/1.0-preview" && ABSENT_BEFORE_1_0.includes(column.name);
    if (!header && column.mandatory && !absentByVersion) missingColumns.push(column.name);
    const position = header === null ? -1 : headers.indexOf(header);
    return { column, header, position, cell: FIELD_COLUMNS.indexOf(column), enumLookup: column.allowed ? enumLookup(column) : undefined };
  });
  const extraColumns = headers.filter((h) => !used.has(h));
  const extraPositions = extraColumns.map((h) => headers.indexOf(h));

  return {
    focusVersion,
    missingColumns,
    extraColumns,
    parse(record) {
      const issues: ParseIssue[] = [];
      const cells: (string | null)[] = new Array(FIELD_COLUMNS.length).fill(null);
      let tags: TagMap | null = null;
      const listed = "cells" in record ? record.cells : null;
      const keyed = "values" in record ? record.values : null;
      for (const plan of plans) {
        const raw = plan.header === null ? null : ((listed ? listed[plan.position] : keyed![plan.header]) ?? null);
        if (isNullCell(raw)) {
          if (!plan.column.nullable && plan.header !== null) issues.push(issue(record, plan, raw, `${plan.column.name} is required`));
          continue;
        }
        const converted = convert(plan, raw);
        if (converted instanceof Failure) issues.push(issue(record, plan, raw, converted.message));
        else if (plan.column.type === "json") tags = converted as TagMap;
        else cells[plan.cell] = converted as string;
      }
      for (const period of PERIODS) checkPeriod(cells, period, record.line, issues);
      if (issues.length > 0) return { ok: false, issues };
      let extras: Record<string, string | null> | null = null;
      for (let i = 0; i < extraColumns.length; i++) {
        const header = extraColumns[i]!;
        const raw = listed ? listed[extraPositions[i]!] : keyed![header];
        (extras ??= {})[header] = isNullCell(raw) ? null : raw;
      }
      return { ok: true, row: { line: record.line, cells, tags, extras } };
    },
  };
}

/** Position of a FOCUS column in FocusRow.cells. */
export function cellIndex(name: string): number {
  const index = FIELD_COLUMNS.findIndex((c) => c.name === name);
  if (index === -1) throw new Error(`${name} is not a stored FOCUS column`);
  return index;
}

/** A row's cells keyed by FOCUS column name (for reading a row; the hot path uses cells by position). */
export function columnsOf(row: FocusRow): Record<string, string | null> {
  return Object.fromEntries(FIELD_COLUMNS.map((c, i) => [c.name, row.cells[i]]));
}

class Failure {
  constructor(readonly message: string) {}
}

function issue(record: RawRecord, plan: ColumnPlan, value: string | null, message: string): ParseIssue {
  return { line: record.line, column: plan.header ?? plan.column.name, value, message };
}

// Files repeat the same few timestamps (billing periods, hourly charge periods) on every row, and a resource's tags
// on each of its rows. Cached tag maps are shared between rows: they are read, never changed.
const timestampCache = new Map<string, string | null>();
const tagsCache = new Map<string, TagMap | null>();

/** convert(raw) through a cache of at most 10,000 entries (emptied when full: files repeat a few values a lot). */
function cached<T>(cache: Map<string, T>, raw: string, convert: (raw: string) => T): T {
  let value = cache.get(raw);
  if (value === undefined) {
    if (cache.size > 10_000) cache.clear();
    value = convert(raw);
    cache.set(raw, value);
  }
  return value;
}

function convert(plan: ColumnPlan, raw: string): string | TagMap | Failure {
  const { column } = plan;
  switch (column.type) {
    case "decimal": {
      const decimal = toExactDecimal(raw);
      if (decimal === null) return new Failure(`${column.name} is not a decimal number`);
      if (integerDigits(decimal) > MAX_INTEGER_DIGITS) {
        return new Failure(`${column.name} is out of range (more than ${MAX_INTEGER_DIGITS} integer digits)`);
      }
      return decimal;
    }
    case "datetime": {
      const iso = cached(timestampCache, raw, toUtcIso);
      return iso ?? new Failure(`${column.name} is not a date-time (expected ISO 8601, e.g. 2024-01-31T00:00:00Z)`);
    }
    case "enum": {
      const value = plan.enumLookup!.get(raw) ?? plan.enumLookup!.get(raw.trim().toLowerCase());
      return value ?? new Failure(`${column.name} must be one of: ${column.allowed!.join(", ")}`);
    }
    case "json": {
      const tags = cached(tagsCache, raw, toTags);
      return tags ?? new Failure(`${column.name} must be a JSON object of strings or key=value pairs`);
    }
    case "string":
      return raw;
  }
}

function enumLookup(column: FocusColumn): Map<string, string> {
  const lookup = new Map(column.allowed!.flatMap((v) => [[v, v], [v.toLowerCase(), v]] as const));
  for (const [alias, value] of Object.entries(VALUE_ALIASES[column.name] ?? {})) lookup.set(alias, value);
  return lookup;
}

const PERIODS = [
  ["ChargePeriodStart", "ChargePeriodEnd"],
  ["BillingPeriodStart", "BillingPeriodEnd"],
].map(([start, end]) => ({ start, end, from: cellIndex(start), to: cellIndex(end) }));

function checkPeriod(cells: (string | null)[], period: (typeof PERIODS)[number], line: number, issues: ParseIssue[]) {
  const from = cells[period.from];
  const to = cells[period.to];
  if (from && to && to < from) {
    issues.push({ line, column: period.end, value: to, message: `${period.end} is before ${period.start}` });
  }
}
