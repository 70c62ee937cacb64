"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useState } from "react";
import { AdminGate } from "@/components/admin/admin-gate";
import { useTRPC, useTRPCClient } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { IngestReportView } from "./ingest-report";
import { SourcesTable } from "./sources-table";
import type { IngestJob } from "./types";
import { UploadForm } from "./upload-form";
import { UploadProgress } from "./upload-progress";

export function DataPage() {
  return (
    <AdminGate what="Loading and deleting billing data changes what everyone sees, so only administrators can open this page.">
      <DataPageContent />
    </AdminGate>
  );
}

function DataPageContent() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.cost.status.queryOptions());
  const [uploading, setUploading] = useState<{ name: string; size: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [job, setJob] = useState<IngestJob | null>(null);
  const running = job?.status === "running";

  const progress = useSubscription(
    trpc.ingest.onProgress.subscriptionOptions(
      { jobId: job?.id ?? "" },
      { enabled: !!job && running, onData: (next) => setJob(next) },
    ),
  );

  // Once an import finishes, everything computed from the cost data is stale.
  const finished = job && !running ? job.id : null;
  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: trpc.cost.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.recommendation.pathKey() });
  }, [finished, queryClient, trpc]);

  const upload = async (file: File, skipInvalid: boolean) => {
    setUploadError(null);
    setJob(null);
    setUploading({ name: file.name, size: file.size });
    const form = new FormData();
    form.append("file", file);
    if (skipInvalid) form.append("skipInvalid", "true");
    try {
      setJob(await client.ingest.upload.mutate(form));
    } catch (error) {
      setUploadError(errorMessage(error));
    } finally {
      setUploading(null);
    }
  };

  return (
    <div className="page page--wide" data-testid="data-page">
      <header className="page__header">
        <h1 className="page__title">Data</h1>
        <p className="page__lead">Load FOCUS billing exports from your cloud providers; answers and recommendations are computed from them.</p>
      </header>

      {status.data?.isDemo ? (
        <div className="notice-card" data-testid="data-demo-notice">
          <strong>You are looking at demo data.</strong> Uploading your own export adds it next to the demo dataset — nothing is replaced
          automatically. Once your data is in, delete the demo source below so answers only use your bill.
        </div>
      ) : null}

      <section className="card" aria-labelledby="upload-title" data-testid="data-upload">
        <h2 id="upload-title" className="card__title">
          Upload a FOCUS export
        </h2>
        <div className="stack">
          <UploadForm busy={uploading !== null || running} onUpload={(file, skip) => void upload(file, skip)} />
          {uploadError ? (
            <p className="alert alert--error" role="alert" data-testid="upload-error">
              {uploadError}
            </p>
          ) : null}
          {uploading || running ? <UploadProgress job={running ? job : null} uploading={uploading} /> : null}
          {progress.status === "error" && running ? (
            <p className="alert alert--error" role="alert">
              Lost track of the import’s progress: {errorMessage(progress.error)} It continues on the server; refresh the list below in a minute.
            </p>
          ) : null}
          {job && !running ? <IngestReportView job={job} /> : null}
        </div>
      </section>

      <SourcesTable />
    </div>
  );
}
