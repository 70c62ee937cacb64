"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { AdminGate } from "./admin-gate";
import { ConnectionStats } from "./connection-stats";
import { HighValueRecommendations } from "./high-value-recommendations";
import { UsersTable } from "./users-table";

export function AdminDashboard() {
  return (
    <AdminGate what="This page shows every user and the system’s health, so only administrators can open it.">
      <Overview />
    </AdminGate>
  );
}

function Overview() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  return (
    <div className="page page--wide" data-testid="admin-page">
      <header className="page__header">
        <h1 className="page__title">Admin</h1>
        <p className="page__lead">Live connections, accounts and the best savings to act on. Agent health is on the Agents tab.</p>
      </header>
      <ConnectionStats />
      <UsersTable currentUserId={me.data?.id ?? ""} />
      <HighValueRecommendations />
    </div>
  );
}
