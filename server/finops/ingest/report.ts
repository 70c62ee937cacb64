import path from "node:path";
import type { FocusVersion } from "../focus/columns.ts";
import type { ParseIssue } from "../focus/parse.ts";
import type { FileFormat } from "./readers.ts";
import { sourceKeyFor } from "./store.ts";

export type IngestFormat = FileFormat | "generated";

/** What one import did, or why it imported nothing. Stored in cost_sources.report and printed by the CLI. */
export interface IngestReport {
  status: "imported" | "rejected";
  /** One line a person can act on. */
  message: string;
  sourceId: string | null;
  sourceKey: string;
  fileName: string;
  format: IngestFormat;
  focusVersion: FocusVersion | null;
  rowsRead: number;
  rowsImported: number;
  rowsSkipped: number;
  /** Rows of an earlier import of the same source that this import replaced. */
  rowsReplaced: number;
  billingPeriods: { start: string; end: string }[];
  /** Totals of the imported rows, exact decimal strings. */
  billedCostTotal: string;
  effectiveCostTotal: string;
  missingColumns: string[];
  extraColumns: string[];
  /** The first MAX_LISTED_ISSUES issues; issueCount counts all of them. */
  issues: ParseIssue[];
  issueCount: number;
  durationMs: number;
}

export const MAX_LISTED_ISSUES = 1000;

export function emptyReport(sourceName: string, format: IngestFormat): IngestReport {
  return {
    status: "rejected",
    message: "",
    sourceId: null,
    sourceKey: sourceKeyFor(sourceName),
    fileName: path.basename(sourceName),
    format,
    focusVersion: null,
    rowsRead: 0,
    rowsImported: 0,
    rowsSkipped: 0,
    rowsReplaced: 0,
    billingPeriods: [],
    billedCostTotal: "0",
    effectiveCostTotal: "0",
    missingColumns: [],
    extraColumns: [],
    issues: [],
    issueCount: 0,
    durationMs: 0,
  };
}

export function addIssues(report: IngestReport, issues: readonly ParseIssue[]): void {
  report.issueCount += issues.length;
  for (const issue of issues) if (report.issues.length < MAX_LISTED_ISSUES) report.issues.push(issue);
}

export function importedSummary(report: IngestReport): string {
  const periods = report.billingPeriods.map((p) => p.start.slice(0, 7)).join(", ");
  return (
    `${report.fileName}: imported ${report.rowsImported} rows` +
    (report.rowsSkipped ? `, skipped ${report.rowsSkipped} invalid` : "") +
    (report.rowsReplaced ? `, replaced ${report.rowsReplaced} from the previous import` : "") +
    ` (billing periods ${periods}; BilledCost ${report.billedCostTotal}, EffectiveCost ${report.effectiveCostTotal})`
  );
}
