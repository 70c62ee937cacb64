"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ToastMessage } from "@/components/admin/toast";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import type { filtersOf } from "./use-recommendation-params";

type Notify = (tone: ToastMessage["tone"], text: string) => void;

/** Downloads the filtered list as CSV (built by the server, saved through a Blob). */
export function ExportButton({ filters, notify }: { filters: ReturnType<typeof filtersOf>; notify: Notify }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const file = await queryClient.fetchQuery({ ...trpc.recommendation.export.queryOptions(filters), staleTime: 0 });
      const url = URL.createObjectURL(new Blob([file.csv], { type: file.contentType }));
      const link = document.createElement("a");
      link.href = url;
      link.download = file.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      notify("error", `Export failed: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <button type="button" className="button" onClick={() => void download()} disabled={busy} data-testid="rec-export">
      {busy ? "Preparing CSV…" : "Export CSV"}
    </button>
  );
}

/** Re-runs the generator over the current cost data and says what changed. */
export function RegenerateButton({ notify }: { notify: Notify }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const regenerate = useMutation(
    trpc.recommendation.regenerate.mutationOptions({
      onSuccess: (r) => {
        void queryClient.invalidateQueries({ queryKey: trpc.recommendation.pathKey() });
        notify(
          "ok",
          `Regenerated in ${(r.durationMs / 1000).toFixed(1)} s: ${r.findings} findings — ${r.created} new, ${r.updated} updated, ` +
            `${r.reactivated} reactivated, ${r.obsoleted} no longer apply.`,
        );
      },
      onError: (error) => notify("error", `Regenerate failed: ${errorMessage(error)}`),
    }),
  );
  return (
    <button
      type="button"
      className="button button--primary"
      onClick={() => regenerate.mutate()}
      disabled={regenerate.isPending}
      aria-busy={regenerate.isPending}
      data-testid="rec-regenerate"
    >
      {regenerate.isPending ? "Regenerating…" : "Regenerate"}
    </button>
  );
}
