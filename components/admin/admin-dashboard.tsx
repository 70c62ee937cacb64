"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/trpc/provider";
import { errorMessage } from "@/components/ui/errors";
import { Spinner } from "@/components/ui/spinner";
import { ConnectionStats } from "./connection-stats";
import { MonitoringTables } from "./monitoring-tables";
import { UsersTable } from "./users-table";

export function AdminDashboard() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());

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
          <p>This page shows every user and the system’s health, so only administrators can open it. Ask an administrator to give you the admin role if you need it.</p>
          <div className="empty__actions">
            <Link href="/" className="button button--primary">
              Back to your conversations
            </Link>
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className="page page--wide" data-testid="admin-page">
      <header className="page__header">
        <h1 className="page__title">Admin</h1>
        <p className="page__lead">Live connections, accounts, and how the agents are doing.</p>
      </header>
      <ConnectionStats />
      <UsersTable currentUserId={me.data.id} />
      <MonitoringTables />
    </div>
  );
}
