"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/provider";
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
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Joined</th>
                  <th scope="col" className="num">
                    Conversations
                  </th>
                  <th scope="col" className="num">
                    API tokens
                  </th>
                  <th scope="col">Admin</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((user) => {
                  const busy = setRole.isPending && setRole.variables?.userId === user.id;
                  return (
                    <tr key={user.id} data-testid="admin-user-row" data-user-email={user.email}>
                      <td>
                        <div>{user.name ?? user.email}</div>
                        {user.name ? <div className="muted small">{user.email}</div> : null}
                      </td>
                      <td>{new Date(user.createdAt).toLocaleDateString()}</td>
                      <td className="num">{user._count.threads}</td>
                      <td className="num">{user._count.apiTokens}</td>
                      <td>
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
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </section>
  );
}
