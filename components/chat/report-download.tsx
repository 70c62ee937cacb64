"use client";

/** Saves text as a file through a short-lived Blob URL (no server round trip: the report is in the answer). */
function download(fileName: string, content: string, type: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const baseName = (fileName: string) => fileName.replace(/\.(md|csv|markdown)$/i, "") || "finops-report";

export function ReportDownload({ report }: { report: { fileName: string; markdown: string; csv: string } }) {
  const name = baseName(report.fileName);
  return (
    <div className="report-download" data-testid="report-download">
      <span className="report-download__icon" aria-hidden="true" />
      <div className="report-download__text">
        <strong>{name}</strong>
        <span className="muted small">Period report, ready to share</span>
      </div>
      <div className="report-download__actions">
        <button
          type="button"
          className="button button--small"
          onClick={() => download(`${name}.md`, report.markdown, "text/markdown;charset=utf-8")}
          data-testid="report-download-md"
        >
          Download .md
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => download(`${name}.csv`, report.csv, "text/csv;charset=utf-8")}
          data-testid="report-download-csv"
        >
          Download .csv
        </button>
      </div>
    </div>
  );
}
