"use client";

import type { ReactNode } from "react";
import { errorMessage } from "@/components/ui/errors";
import { Spinner } from "@/components/ui/spinner";

/** Loading / error / empty / data for one admin card's query. */
export function QueryState<T>({
  query,
  empty,
  isEmpty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  empty: ReactNode;
  isEmpty: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <p className="muted">
        <Spinner /> Loading…
      </p>
    );
  }
  if (query.isError || query.data === undefined) {
    return (
      <p className="alert alert--error" role="alert">
        {errorMessage(query.error)}{" "}
        <button type="button" className="link-button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </p>
    );
  }
  if (isEmpty(query.data)) return <div className="empty-inline">{empty}</div>;
  return <>{children(query.data)}</>;
}
