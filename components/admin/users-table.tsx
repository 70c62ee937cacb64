"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
import { DataTable } from "@/components/ui/data-table";
import { errorMessage } from "@/components/ui/errors";
import { QueryState } from "./query-state";

export function UsersTable({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.admin.users.list.queryOptions());
  const setRole = useMutation(
    trpc.admin.users.setRole.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.admin.users.list.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() });
      },
    }),
  );

  return (
    <section className="card" aria-labelledby="users-title" data-testid="admin-users">
      <h2 id="users-title" className="card__title">
        Users
      </h2>
      {setRole.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(setRole.error)}
        </p>
      ) : null}
      <QueryState query={users} isEmpty={(d) => d.length === 0} empty={<p>No accounts yet.</p>}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(user) => user.id}
            rowProps={(user) => ({ "data-testid": "admin-user-row", "data-user-email": user.email })}
            columns={[
              {
                header: "User",
                cell: (user) => (
                  <>
                    <div>{user.name ?? user.email}</div>
                    {user.name ? <div className="muted small">{user.email}</div> : null}
                  </>
                ),
              },
              { header: "Joined", cell: (user) => new Date(user.createdAt).toLocaleDateString() },
              { header: "Conversations", numeric: true, cell: (user) => user._count.threads },
              { header: "API tokens", numeric: true, cell: (user) => user._count.apiTokens },
              {
                header: "Admin",
                cell: (user) => {
                  const busy = setRole.isPending && setRole.variables?.userId === user.id;
                  return (
                    <label className="switch">
                      <input
                        type="checkbox"
                        role="switch"
                        checked={user.role === "admin"}
                        disabled={busy}
                        onChange={(e) => setRole.mutate({ userId: user.id, role: e.target.checked ? "admin" : "member" })}
                        aria-label={`Administrator: ${user.email}${user.id === currentUserId ? " (you)" : ""}`}
                        data-testid="admin-role-toggle"
                      />
                      <span className="switch__track" aria-hidden="true" />
                      <span className="switch__text">{busy ? "Saving…" : user.role === "admin" ? "Admin" : "Member"}</span>
                    </label>
                  );
                },
              },
            ]}
          />
        )}
      </QueryState>
    </section>
  );
}
