"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { Spinner } from "@/components/ui/spinner";

/** The signed-in person's role, for pages members may read but only admins may change. */
export function useIsAdmin(): { isAdmin: boolean; isPending: boolean } {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  return { isAdmin: me.data?.role === "admin", isPending: me.isPending };
}

/** Renders children for admins; members see why they cannot open the page. */
export function AdminGate({ what, children }: { what: string; children: ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  if (me.isPending) {
    return (
      <div className="page">
        <p className="muted">
          <Spinner label="Checking your access" /> Checking your access…
        </p>
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="page">
        <p className="alert alert--error" role="alert">
          {errorMessage(me.error)}
        </p>
      </div>
    );
  }
  if (me.data.role !== "admin") {
    return (
      <div className="page" data-testid="admin-forbidden">
        <div className="empty">
          <h1 className="empty__title">Admins only</h1>
          <p>{what} Ask an administrator to give you the admin role if you need it.</p>
          <div className="empty__actions">
            <Link href="/admin/recommendations" className="button">
              See recommendations
            </Link>
            <Link href="/" className="button button--primary">
              Back to your conversations
            </Link>
          </div>
        </div>
      </div>
    );
  }
  return <>{children}</>;
}
