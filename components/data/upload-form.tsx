"use client";

import { useId, useRef, useState, type DragEvent } from "react";
import { bytes } from "@/components/admin/format";

const ACCEPT = ".csv,.csv.gz,.gz,.parquet";
const ACCEPTED = /\.(csv|csv\.gz|gz|parquet)$/i;

/** File input plus a drop zone; the person picks a file, chooses how to treat invalid rows, then uploads. */
export function UploadForm({ busy, onUpload }: { busy: boolean; onUpload: (file: File, skipInvalid: boolean) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();

  const choose = (f: File | null | undefined) => {
    if (!f) return;
    if (!ACCEPTED.test(f.name)) {
      setProblem(`${f.name} is not a FOCUS export: choose a .csv, .csv.gz or .parquet file.`);
      setFile(null);
      return;
    }
    setProblem(null);
    setFile(f);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!busy) choose(e.dataTransfer.files[0]);
  };

  return (
    <form
      className="upload"
      onSubmit={(e) => {
        e.preventDefault();
        if (file) onUpload(file, skipInvalid);
      }}
      data-testid="upload-form"
    >
      <div
        className={`dropzone${dragging ? " dropzone--active" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="upload-dropzone"
      >
        <p className="dropzone__title">{file ? file.name : "Drop a FOCUS export here"}</p>
        <p className="muted small" id={hintId}>
          {file ? `${bytes(file.size)} · ready to import` : "CSV, gzip-compressed CSV or Parquet, up to 512 MB. Larger files: npm run ingest -- <file>."}
        </p>
        <label htmlFor={inputId} className="button button--small">
          {file ? "Choose another file" : "Choose a file"}
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept={ACCEPT}
          className="visually-hidden"
          aria-describedby={hintId}
          disabled={busy}
          onChange={(e) => choose(e.target.files?.[0])}
          data-testid="upload-file-input"
        />
      </div>
      {problem ? (
        <p className="alert alert--error" role="alert" data-testid="upload-file-error">
          {problem}
        </p>
      ) : null}
      <div className="upload__actions">
        <label className="check">
          <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="upload-skip-invalid" />
          <span>
            Skip invalid rows <span className="muted small">(otherwise one bad row rejects the whole file)</span>
          </span>
        </label>
        <button type="submit" className="button button--primary" disabled={!file || busy} data-testid="upload-submit">
          {busy ? "Importing…" : "Upload and import"}
        </button>
      </div>
    </form>
  );
}
