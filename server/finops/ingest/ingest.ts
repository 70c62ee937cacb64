import path from "node:path";
import type { Database } from "../../adapters/db/database.ts";
import type { SqlDriver } from "../../adapters/db/driver.ts";
import type { DemoOptions } from "../demo/world.ts";
import type { RawRecord } from "../focus/parse.ts";
import type { ParsedFile } from "./parse-stage.ts";
import { parseFor, parseHere, type ParsedSource } from "./parsed-source.ts";
import { detectFormat, MalformedFileError, type FileFormat } from "./readers.ts";
import { addIssues, emptyReport, importedSummary, type IngestFormat, type IngestReport } from "./report.ts";
import { LINE_ITEMS_COPY_SQL } from "./copy-rows.ts";
import { claimSource, deleteReplacedRows, finishSource, insertRollups, type SourceClaim } from "./store.ts";

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

class Rejected extends Error {}

/** Imports records held in memory (parsed in this thread); see importParsed. */
export async function ingestRecords(db: Pick<Database, "sql">, input: IngestInput): Promise<IngestReport> {
  return importParsed(db, () => parseHere(input.records, input.progress), input);
}

/** Reads a CSV, gzipped CSV or Parquet file (format from magic bytes, then extension) and imports it. */
export async function ingestFile(
  db: Pick<Database, "sql" | "kind">,
  filePath: string,
  options: IngestOptions & { format?: FileFormat; sourceName?: string } = {},
): Promise<IngestReport> {
  const format = options.format ?? (await detectFormat(filePath));
  const open = () => parseFor(db.kind, { kind: "file", filePath, format });
  return importParsed(db, open, { ...options, sourceName: options.sourceName ?? path.basename(filePath), format });
}

/** Imports the demo generator's records. */
export async function ingestDemoRecords(
  db: Pick<Database, "sql" | "kind">,
  demo: DemoOptions,
  options: IngestOptions & { sourceName: string },
): Promise<IngestReport> {
  return importParsed(db, () => parseFor(db.kind, { kind: "demo", options: demo }), { ...options, format: "generated" });
}

/**
 * Imports one file's records in one transaction: the store ends with the whole file (its billing periods replacing
 * those of an earlier import of the same source) or exactly as before.
 */
async function importParsed(
  db: Pick<Database, "sql">,
  open: () => Promise<ParsedSource>,
  input: IngestOptions & { sourceName: string; format: IngestFormat },
): Promise<IngestReport> {
  const started = Date.now();
  const report = emptyReport(input.sourceName, input.format);
  const finish = (status: IngestReport["status"], message: string) =>
    Object.assign(report, { status, message, durationMs: Date.now() - started });
  let source: ParsedSource | null = null;
  try {
    source = await open();
    const { header } = source;
    if (!header) return finish("rejected", `${report.fileName}: the file has no data rows; nothing imported`);
    Object.assign(report, { focusVersion: header.focusVersion, extraColumns: header.extraColumns });
    if (header.missingColumns.length > 0) {
      report.missingColumns = header.missingColumns;
      return finish("rejected", `${report.fileName}: missing mandatory FOCUS columns ${header.missingColumns.join(", ")}; nothing imported`);
    }
    const parsed = source;
    return await db.sql.transaction(async (tx) => {
      // Statistics of the rows just loaded are stale: the planner would pay seconds of JIT compilation for the
      // replacement's delete, which runs in a fraction of that.
      await tx.exec("SET LOCAL jit = off");
      const claim = await claimSource(tx, { ...report, format: input.format, focusVersion: header.focusVersion });
      const file = await loadRows(tx, claim, parsed, input, report);
      if (report.issueCount > 0 && !input.skipInvalid) {
        const values = report.issueCount === 1 ? "1 invalid value" : `${report.issueCount} invalid values`;
        finish("rejected", `${report.fileName}: ${values}; nothing imported`);
        throw new Rejected();
      }
      if (report.rowsImported === 0) {
        finish("rejected", `${report.fileName}: no valid rows; nothing imported`);
        throw new Rejected();
      }
      await commitImport(tx, claim, file, input, report);
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
    await source?.close();
  }
}

/** Streams the parsed rows into one COPY, recording counts and issues in the report as batches arrive. */
async function loadRows(tx: SqlDriver, claim: SourceClaim, source: ParsedSource, input: IngestOptions, report: IngestReport): Promise<ParsedFile> {
  // One COPY for the whole file: on PostgreSQL the server stores rows while the next ones are parsed (write() waits
  // only when the socket is full); PGlite's writer runs a COPY per few megabytes.
  const copy = tx.copyIn(LINE_ITEMS_COPY_SQL);
  try {
    const batches = source.batches({ sourceId: claim.sourceId, skipInvalid: input.skipInvalid ?? false });
    for (let next = await batches.next(); ; next = await batches.next()) {
      if (next.done) {
        await copy.end();
        return next.value;
      }
      const batch = next.value;
      for (const chunk of batch.copyRows) await copy.write(chunk);
      const { rowsRead, rowsImported, rowsSkipped, fraction } = batch;
      Object.assign(report, { rowsRead, rowsImported, rowsSkipped });
      addIssues(report, batch.issues);
      report.issueCount = batch.issueCount;
      input.signal?.throwIfAborted();
      input.onProgress?.({ rowsRead, rowsImported, rowsSkipped, fraction });
    }
  } catch (error) {
    // Never leave the transaction with a COPY open on it: cancel it so the rollback can run.
    await copy.abort(error as Error);
    throw error;
  }
}

/** Replaces the earlier import's rows of the same billing periods, stores the rollups and recomputes the source. */
async function commitImport(tx: SqlDriver, claim: SourceClaim, file: ParsedFile, input: IngestOptions & { format: IngestFormat }, report: IngestReport) {
  report.rowsReplaced = await deleteReplacedRows(tx, claim, file.periods.map((p) => p.start));
  await insertRollups(tx, file.rollups);
  Object.assign(report, {
    sourceId: claim.sourceId,
    billedCostTotal: file.totals.billedCost,
    effectiveCostTotal: file.totals.effectiveCost,
    billingPeriods: [...file.periods].sort((a, b) => a.start.localeCompare(b.start)),
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
