// The parsing side of an import: records -> validated FOCUS rows -> COPY rows, with the report's counts and issues,
// the billing periods and the rollups. It never touches the database: it runs in the importing thread for records
// held in memory and in a worker thread for files (parsed-source.ts), and ingest.ts writes what it yields.
import type { FocusVersion } from "../focus/columns.ts";
import { cellIndex, createRecordParser, headersOf, type ParseIssue, type RawRecord, type RecordParser } from "../focus/parse.ts";
import { BinaryRowWriter } from "../../adapters/db/copy-binary.ts";
import { rollupCopyRows, writeLineItem } from "./copy-rows.ts";
import { MAX_LISTED_ISSUES } from "./report.ts";
import { RollupAccumulator, type ImportTotals } from "./rollups.ts";

/** What the header row says about a file. */
export interface RecordHeader {
  focusVersion: FocusVersion;
  /** Mandatory FOCUS columns the file lacks: it cannot be imported. */
  missingColumns: string[];
  /** Headers kept in `extras`. */
  extraColumns: string[];
}

/** One batch of records, parsed. Counts are totals so far. */
export interface ParsedBatch {
  /** The batch's accepted rows, binary COPY chunks; empty once the file is known to be rejected. */
  copyRows: Uint8Array<ArrayBuffer>[];
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  /** The batch's issues, at most MAX_LISTED_ISSUES over all batches; issueCount counts every issue so far. */
  issues: ParseIssue[];
  issueCount: number;
  /** How far through its input the record source is (0..1), when it knows. */
  fraction: number | null;
}

/** What the whole file brought, once every record is parsed. */
export interface ParsedFile {
  periods: { start: string; end: string }[];
  /** The rollup rows, binary COPY chunks (for insertRollups). */
  rollups: { daily: Uint8Array<ArrayBuffer>[]; tags: Uint8Array<ArrayBuffer>[] };
  totals: ImportTotals;
}

export interface ParseOptions {
  /** Written into every COPY line. */
  sourceId: string;
  /** Import the valid rows and list the invalid ones, instead of rejecting the whole file. */
  skipInvalid: boolean;
  progress?: () => number;
}

/**
 * Records per batch: handed to the COPY at a time; also how often progress is reported and Stop is checked. 5000
 * imported 200k rows ~6% faster than 2000 on both databases, and 500 slower (measured); a batch is ~4 MB of text.
 */
export const BATCH_ROWS = 5000;

const PERIOD_START = cellIndex("BillingPeriodStart");
const PERIOD_END = cellIndex("BillingPeriodEnd");

/** A record source whose header is read; `header` null: there are no data records. */
export type OpenedRecords = { /** Closes the record source (its file), read to the end or not. */ release(): Promise<void> } & (
  | { header: null }
  | { header: RecordHeader; parser: RecordParser; /** Every record, the first one included. */ records: AsyncIterable<RawRecord> }
);

/** Reads the first record to resolve the header. */
export async function readHeader(records: AsyncIterable<RawRecord>): Promise<OpenedRecords> {
  const iterator = records[Symbol.asyncIterator]();
  const release = async () => void (await iterator.return?.());
  try {
    const first = await iterator.next();
    if (first.done) return { header: null, release };
    const parser = createRecordParser(headersOf(first.value));
    const { focusVersion, missingColumns, extraColumns } = parser;
    return { header: { focusVersion, missingColumns, extraColumns }, parser, records: prepend(first.value, iterator), release };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * Parses every record. Without skipInvalid, rows after the first invalid one are still checked (the report lists
 * every issue) but no longer turned into COPY text: the import will be rejected.
 */
export async function* parseBatches(parser: RecordParser, records: AsyncIterable<RawRecord>, options: ParseOptions): AsyncGenerator<ParsedBatch, ParsedFile> {
  const periods = new Map<string, { start: string; end: string }>();
  const rollups = new RollupAccumulator();
  // Each accepted row becomes its COPY row and its rollup sums at once: holding a batch of parsed rows instead kept
  // ~250k short-lived strings alive per batch, and the garbage collector's copying of them cost ~2 s per 200k rows.
  const writer = new BinaryRowWriter();
  let written = 0;
  let issues: ParseIssue[] = [];
  let listed = 0;
  const counts = { rowsRead: 0, rowsImported: 0, rowsSkipped: 0, issueCount: 0 };
  // A file that lacks mandatory columns is rejected whole (ingest.ts): its rows are read but none is stored.
  const complete = parser.missingColumns.length === 0;
  const accepting = () => complete && (counts.issueCount === 0 || options.skipInvalid);
  const batch = (): ParsedBatch => {
    let copyRows: Uint8Array<ArrayBuffer>[] = [];
    // Without skipInvalid, an issue rejects the file: the batch's rows before it are dropped with the rest.
    if (accepting()) {
      copyRows = writer.take();
      counts.rowsImported += written;
    } else writer.clear();
    const parsed = { copyRows, ...counts, issues, fraction: options.progress ? options.progress() : null };
    written = 0;
    issues = [];
    return parsed;
  };
  for await (const record of records) {
    counts.rowsRead += 1;
    const result = parser.parse(record);
    if (result.ok) {
      const start = result.row.cells[PERIOD_START]!;
      if (!periods.has(start)) periods.set(start, { start, end: result.row.cells[PERIOD_END]! });
      if (accepting()) {
        rollups.add(result.row);
        writeLineItem(writer, options.sourceId, result.row);
        written += 1;
      }
    } else {
      counts.issueCount += result.issues.length;
      for (const issue of result.issues) if (listed++ < MAX_LISTED_ISSUES) issues.push(issue);
      if (options.skipInvalid) counts.rowsSkipped += 1;
    }
    if (counts.rowsRead % BATCH_ROWS === 0) yield batch();
  }
  yield batch();
  return { periods: [...periods.values()], rollups: rollupCopyRows(options.sourceId, rollups), totals: rollups.totals() };
}

async function* prepend<T>(first: T, rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}
