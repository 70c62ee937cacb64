import { bytes, count } from "@/components/admin/format";
import type { IngestJob } from "./types";

/** Determinate when the server could estimate the row count, otherwise an indeterminate bar with the rows so far. */
export function UploadProgress({ job, uploading }: { job: IngestJob | null; uploading: { name: string; size: number } | null }) {
  if (!job) {
    return (
      <div className="progress-block" data-testid="upload-progress" data-phase="uploading">
        <div className="progress-block__label">
          <span>Uploading {uploading?.name}…</span>
          <span className="muted small">{uploading ? bytes(uploading.size) : null}</span>
        </div>
        <div className="progress progress--indeterminate" role="progressbar" aria-label="Uploading the file">
          <span />
        </div>
      </div>
    );
  }
  const fraction = job.status === "running" ? job.fraction : 1;
  return (
    <div className="progress-block" data-testid="upload-progress" data-phase="importing">
      <div className="progress-block__label">
        <span>
          Importing {job.fileName}: {count(job.rowsRead)} rows read
          {fraction != null ? ` (${Math.floor(fraction * 100)}% of the file)` : ""}
        </span>
        <span className="muted small" data-testid="upload-rate">
          {count(Math.round(job.rowsPerSecond))} rows/s
        </span>
      </div>
      {fraction != null ? (
        <div
          className="progress"
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(fraction * 100)}
        >
          <span style={{ width: `${fraction * 100}%` }} />
        </div>
      ) : (
        <div className="progress progress--indeterminate" role="progressbar" aria-label="Import progress" aria-valuetext={`${job.rowsRead} rows read`}>
          <span />
        </div>
      )}
      <p className="muted small">
        {count(job.rowsImported)} imported · {count(job.rowsSkipped)} skipped. You can leave this page; the import continues.
      </p>
    </div>
  );
}
