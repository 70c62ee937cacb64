import path from "node:path";
import type { Database } from "../../adapters/db/database.ts";
import type { SqlDriver } from "../../adapters/db/driver.ts";
import { cellIndex, createRecordParser, type FocusRow, type RawRecord, type RecordParser } from "../focus/parse.ts";
import { detectFormat, MalformedFileError, readRecords, type FileFormat } from "./readers.ts";
import { addIssues, emptyReport, importedSummary, type IngestFormat, type IngestReport } from "./report.ts";
import { RollupAccumulator } from "./rollups.ts";
import { claimSource, deleteReplacedRows, finishSource, insertRollups, LINE_ITEMS_COPY_SQL, lineItemsCopyText, type SourceClaim } from "./store.ts";

export type { IngestFormat, IngestReport } from "./report.ts";

export interface IngestProgress {
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  /** How far through the file (0..1), when the reader knows its size. */
  fraction: number | null;
}

export interface IngestOptions {
  /** Import the valid rows and list the invalid ones, instead of rejecting the whole file. */
  skipInvalid?: boolean;
  importedBy?: string | null;
  isDemo?: boolean;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}

export interface IngestInput extends IngestOptions {
  sourceName: string;
  format: IngestFormat;
  records: AsyncIterable<RawRecord>;
  /** How far through its input the record source is (0..1); omitted when unknown. */
  progress?: () => number;
}

/** Rows serialised and handed to the COPY at a time; also how often progress is reported and Stop is checked. */
export const BATCH_ROWS = 2000;

class Rejected extends Error {}

const PERIOD_START = cellIndex("BillingPeriodStart");
const PERIOD_END = cellIndex("BillingPeriodEnd");

/**
 * Imports one file's records in one transaction: the store ends with the whole file (its billing periods replacing
 * those of an earlier import of the same source) or exactly as before.
 */
export async function ingestRecords(db: Pick<Database, "sql">, input: IngestInput): Promise<IngestReport> {
  const started = Date.now();
  const report = emptyReport(input.sourceName, input.format);
  const finish = (status: IngestReport["status"], message: string) =>
    Object.assign(report, { status, message, durationMs: Date.now() - started });
  const iterator = input.records[Symbol.asyncIterator]();
  try {
    const first = await iterator.next();
    if (first.done) return finish("rejected", `${report.fileName}: the file has no data rows; nothing imported`);
    const parser = createRecordParser(Object.keys(first.value.values));
    Object.assign(report, { focusVersion: parser.focusVersion, extraColumns: parser.extraColumns });
    if (parser.missingColumns.length > 0) {
      report.missingColumns = parser.missingColumns;
      return finish("rejected", `${report.fileName}: missing mandatory FOCUS columns ${parser.missingColumns.join(", ")}; nothing imported`);
    }
    return await db.sql.transaction(async (tx) => {
      // Statistics of the rows just loaded are stale: the planner would pay seconds of JIT compilation for the
      // replacement's delete, which runs in a fraction of that.
      await tx.exec("SET LOCAL jit = off");
      const claim = await claimSource(tx, { ...report, format: input.format, focusVersion: parser.focusVersion });
      const { periods, rollups } = await loadRecords(tx, claim, parser, prepend(first.value, iterator), input, report);
      if (report.issueCount > 0 && !input.skipInvalid) {
        finish("rejected", `${report.fileName}: ${report.issueCount} invalid value(s); nothing imported (--skip-invalid imports the valid rows)`);
        throw new Rejected();
      }
      if (report.rowsImported === 0) {
        finish("rejected", `${report.fileName}: no valid rows; nothing imported`);
        throw new Rejected();
      }
      await commitImport(tx, claim, { periods, rollups }, input, report);
      return finish("imported", importedSummary(report));
    });
  } catch (error) {
    if (error instanceof Rejected) return report;
    if (error instanceof MalformedFileError) {
      addIssues(report, [{ line: error.line, column: "", value: null, message: error.message }]);
      return finish("rejected", `${report.fileName}: unreadable at line ${error.line} (${error.message}); nothing imported`);
    }
    throw error;
  } finally {
    await iterator.return?.();
  }
}

/** Reads a CSV, gzipped CSV or Parquet file (format from magic bytes, then extension) and imports it. */
export async function ingestFile(
  db: Pick<Database, "sql">,
  filePath: string,
  options: IngestOptions & { format?: FileFormat } = {},
): Promise<IngestReport> {
  const format = options.format ?? (await detectFormat(filePath));
  const records = await readRecords(filePath, format);
  return ingestRecords(db, { ...options, sourceName: path.basename(filePath), format, records, progress: records.progress });
}

type Periods = Map<string, { start: string; end: string }>;

/** What the load learnt of the rows it stored: their billing periods and rollups. */
interface Loaded {
  periods: Periods;
  rollups: RollupAccumulator;
}

/** Parses and inserts every record; after the first invalid row (without skipInvalid) it only collects issues. */
async function loadRecords(
  tx: SqlDriver,
  claim: SourceClaim,
  parser: RecordParser,
  records: AsyncIterable<RawRecord>,
  input: IngestInput,
  report: IngestReport,
): Promise<Loaded> {
  const periods: Periods = new Map();
  const rollups = new RollupAccumulator();
  let batch: FocusRow[] = [];
  // One COPY for the whole file: on PostgreSQL the server stores rows while Node parses the next ones (write() waits
  // only when the socket is full); PGlite's writer runs a COPY per few megabytes.
  const copy = tx.copyIn(LINE_ITEMS_COPY_SQL);
  const flush = async () => {
    const accepting = report.issueCount === 0 || input.skipInvalid;
    if (accepting && batch.length > 0) {
      for (const row of batch) rollups.add(row);
      for (const chunk of lineItemsCopyText(claim.sourceId, batch)) await copy.write(chunk);
      report.rowsImported += batch.length;
    }
    batch = [];
    input.signal?.throwIfAborted();
    input.onProgress?.({
      rowsRead: report.rowsRead,
      rowsImported: report.rowsImported,
      rowsSkipped: report.rowsSkipped,
      fraction: input.progress ? input.progress() : null,
    });
  };
  try {
    for await (const record of records) {
      report.rowsRead += 1;
      const result = parser.parse(record);
      if (result.ok) {
        const start = result.row.cells[PERIOD_START]!;
        const end = result.row.cells[PERIOD_END]!;
        if (!periods.has(start)) periods.set(start, { start, end });
        batch.push(result.row);
      } else {
        addIssues(report, result.issues);
        if (input.skipInvalid) report.rowsSkipped += 1;
      }
      if (batch.length >= BATCH_ROWS || report.rowsRead % BATCH_ROWS === 0) await flush();
    }
    await flush();
  } catch (error) {
    // Never leave the transaction with a COPY open on it: cancel it so the rollback can run.
    await copy.abort(error as Error);
    throw error;
  }
  await copy.end();
  return { periods, rollups };
}

/** Replaces the earlier import's rows of the same billing periods, stores the rollups and recomputes the source. */
async function commitImport(tx: SqlDriver, claim: SourceClaim, loaded: Loaded, input: IngestInput, report: IngestReport) {
  report.rowsReplaced = await deleteReplacedRows(tx, claim, [...loaded.periods.keys()]);
  await insertRollups(tx, claim.sourceId, loaded.rollups);
  const totals = loaded.rollups.totals();
  Object.assign(report, {
    sourceId: claim.sourceId,
    billedCostTotal: totals.billedCost,
    effectiveCostTotal: totals.effectiveCost,
    billingPeriods: [...loaded.periods.values()].sort((a, b) => a.start.localeCompare(b.start)),
  });
  report.message = importedSummary(report);
  await finishSource(tx, claim.sourceId, {
    fileName: report.fileName,
    format: input.format,
    focusVersion: report.focusVersion ?? "1.2",
    skippedRows: report.rowsSkipped,
    report: { ...report, status: "imported" },
    importedBy: input.importedBy ?? null,
    isDemo: input.isDemo ?? false,
  });
}

async function* prepend<T>(first: T, rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}
