// Pure (no Node imports): the admin page reads it too.
import type { IngestReport } from "./report.ts";

/**
 * The file was rejected only for invalid values: importing again with invalid rows skipped would import the valid
 * ones (a file missing mandatory columns, unreadable or with no valid row would still import nothing).
 */
export function rejectedForValues(report: Pick<IngestReport, "status" | "issueCount" | "missingColumns" | "rowsRead" | "rowsSkipped">): boolean {
  return report.status === "rejected" && report.issueCount > 0 && report.missingColumns.length === 0 && report.rowsSkipped < report.rowsRead;
}
