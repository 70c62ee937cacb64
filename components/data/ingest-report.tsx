import { count, periods, usd } from "@/components/admin/format";
import { rejectedForValues } from "@/server/finops/ingest/rejection";
import type { IngestJob, IngestReport } from "./types";

/** What the import did: the status line, counts, periods, totals, column differences and the first issues. */
export function IngestReportView({ job }: { job: IngestJob }) {
  const report = job.report;
  if (!report) {
    return (
      <div className="report report--failed" role="alert" data-testid="ingest-report" data-status={job.status}>
        <p className="report__status">The import of {job.fileName} failed.</p>
        <p>{job.error ?? "The server stopped before it produced a report."} Check the file and upload it again.</p>
      </div>
    );
  }
  const imported = report.status === "imported";
  return (
    <div className={`report report--${report.status}`} data-testid="ingest-report" data-status={report.status} role={imported ? "status" : "alert"}>
      <p className="report__status">
        <span className={`status-badge ${imported ? "status-badge--ok" : "status-badge--danger"}`}>{imported ? "Imported" : "Rejected"}</span>{" "}
        <span data-testid="ingest-report-message">{report.message}</span>
      </p>
      {rejectedForValues(report) ? (
        <p className="muted small" data-testid="ingest-report-hint">
          Tick “Skip invalid rows” and upload the file again to import the valid rows; the skipped ones stay listed below.
        </p>
      ) : null}
      <dl className="facts">
        <Fact term="Rows read" value={count(report.rowsRead)} />
        <Fact term="Imported" value={count(report.rowsImported)} testId="ingest-report-imported" />
        <Fact term="Skipped" value={count(report.rowsSkipped)} />
        <Fact term="Replaced" value={count(report.rowsReplaced)} hint="from an earlier import of the same file" />
        <Fact term="Billing periods" value={periods(report.billingPeriods)} />
        <Fact term="BilledCost" value={usd(report.billedCostTotal, 2)} testId="ingest-report-billed" />
        <Fact term="EffectiveCost" value={usd(report.effectiveCostTotal, 2)} />
        <Fact term="FOCUS version" value={report.focusVersion ?? "—"} />
      </dl>
      <ColumnList title="Missing columns" columns={report.missingColumns} tone="danger" testId="ingest-missing-columns" />
      <ColumnList title="Extra columns (kept as they are, not used)" columns={report.extraColumns} tone="muted" testId="ingest-extra-columns" />
      <Issues report={report} />
    </div>
  );
}

function Fact({ term, value, hint, testId }: { term: string; value: string; hint?: string; testId?: string }) {
  return (
    <div className="facts__item" title={hint}>
      <dt>{term}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

function ColumnList({ title, columns, tone, testId }: { title: string; columns: string[]; tone: "danger" | "muted"; testId: string }) {
  if (columns.length === 0) return null;
  return (
    <div className="report__columns" data-testid={testId}>
      <h4 className="drawer__subtitle drawer__subtitle--small">{title}</h4>
      <ul className="tag-list">
        {columns.map((c) => (
          <li key={c} className={`tag tag--${tone}`}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Issues({ report }: { report: IngestReport }) {
  if (report.issueCount === 0) return null;
  return (
    <div className="report__issues">
      <h4 className="drawer__subtitle drawer__subtitle--small">
        Issues{" "}
        <span className="muted small" data-testid="ingest-issue-count">
          {report.issues.length < report.issueCount
            ? `showing the first ${count(report.issues.length)} of ${count(report.issueCount)}`
            : `${count(report.issueCount)} in total`}
        </span>
      </h4>
      <div className="table-wrap report__issues-table">
        <table className="table" data-testid="ingest-issues">
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Column</th>
              <th scope="col">Value</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.issues.map((issue, i) => (
              <tr key={i} data-testid="ingest-issue" data-line={issue.line} data-column={issue.column}>
                <td className="num">{issue.line}</td>
                <td>
                  <code>{issue.column}</code>
                </td>
                <td className="table__clip">{issue.value == null ? <span className="muted">(empty)</span> : <code>{issue.value}</code>}</td>
                <td>{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
