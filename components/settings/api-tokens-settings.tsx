"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { apiTokenNameSchema } from "@/server/auth/schemas";
import { useTRPC } from "@/components/trpc/provider";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable } from "@/components/ui/data-table";
import { errorMessage } from "@/components/ui/errors";
import { Spinner } from "@/components/ui/spinner";
import { ApiUsageSnippet } from "./api-usage-snippet";

const dateTime = (d: Date | string | null | undefined) =>
  d ? new Date(d).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "—";

export function ApiTokensSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.system.tokens.list.queryOptions());
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const [origin, setOrigin] = useState("https://finops.example.com");
  useEffect(() => setOrigin(window.location.origin), []);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.system.tokens.list.queryKey() });
  const create = useMutation(
    trpc.system.tokens.create.mutationOptions({
      onSuccess: (result) => {
        setCreated({ name: result.name, token: result.token });
        setName("");
        void refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.system.tokens.revoke.mutationOptions({
      onSuccess: () => {
        setRevoking(null);
        void refresh();
      },
    }),
  );

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const parsed = apiTokenNameSchema.safeParse(name);
    if (!parsed.success) {
      setNameError(parsed.error.issues[0]?.message ?? "That name cannot be used.");
      return;
    }
    setNameError(null);
    create.mutate({ name: parsed.data });
  }

  return (
    <div className="page" data-testid="settings-page">
      <header className="page__header">
        <h1 className="page__title">Settings</h1>
        <p className="page__lead">Personal API tokens let scripts and notebooks ask questions and read conversations as you.</p>
      </header>

      <section className="card" aria-labelledby="create-token-title">
        <h2 id="create-token-title" className="card__title">
          Create an API token
        </h2>
        <form className="inline-form" onSubmit={onCreate} noValidate>
          <div className="field inline-form__field">
            <label htmlFor="token-name" className="field__label">
              Token name
            </label>
            <input
              id="token-name"
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. monthly-report script"
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? "token-name-error" : undefined}
              data-testid="token-name-input"
            />
          </div>
          <button type="submit" className="button button--primary" disabled={create.isPending} data-testid="token-create">
            {create.isPending ? "Creating…" : "Create token"}
          </button>
        </form>
        {nameError || create.isError ? (
          <p id="token-name-error" className="field__error" role="alert">
            {nameError ?? errorMessage(create.error)}
          </p>
        ) : null}

        {created ? (
          <div className="token-reveal" role="status" data-testid="token-created">
            <p className="token-reveal__warning">
              <strong>Copy this token now.</strong> It will not be shown again: only a fingerprint is stored. If you lose it,
              revoke it and create a new one.
            </p>
            <div className="token-reveal__row">
              <code className="token-reveal__value" data-testid="token-value">
                {created.token}
              </code>
              <CopyButton text={created.token} label="Copy token" testId="token-copy" />
            </div>
            <button type="button" className="link-button" onClick={() => setCreated(null)} data-testid="token-dismiss">
              I have stored it safely
            </button>
          </div>
        ) : null}
      </section>

      <section className="card" aria-labelledby="tokens-title">
        <h2 id="tokens-title" className="card__title">
          Your tokens
        </h2>
        {tokens.isPending ? (
          <p className="muted">
            <Spinner label="Loading tokens" /> Loading tokens…
          </p>
        ) : tokens.isError ? (
          <p className="alert alert--error" role="alert">
            {errorMessage(tokens.error, "Could not load your tokens.")}{" "}
            <button type="button" className="link-button" onClick={() => void tokens.refetch()}>
              Try again
            </button>
          </p>
        ) : tokens.data.length === 0 ? (
          <p className="muted" data-testid="tokens-empty">
            No tokens yet. Create one above to use the API from a script.
          </p>
        ) : (
          <DataTable
            testId="token-table"
            rows={tokens.data}
            rowKey={(token) => token.id}
            rowProps={(token) => ({ "data-testid": "token-row", "data-token-id": token.id })}
            columns={[
              { header: "Name", cell: (token) => token.name },
              { header: "Token", cell: (token) => <code>{token.tokenPrefix}…</code> },
              { header: "Created", cell: (token) => dateTime(token.createdAt) },
              { header: "Last used", cellTestId: "token-last-used", cell: (token) => (token.lastUsedAt ? dateTime(token.lastUsedAt) : "Never") },
              {
                header: "Status",
                cellTestId: "token-status",
                cell: (token) =>
                  token.revokedAt ? (
                    <span className="badge badge--muted" title={`Revoked ${dateTime(token.revokedAt)}`}>
                      Revoked
                    </span>
                  ) : (
                    <span className="badge badge--ok">Active</span>
                  ),
              },
              {
                header: <span className="visually-hidden">Actions</span>,
                cellClassName: "table__actions",
                cell: (token) =>
                  !token.revokedAt ? (
                    <button
                      type="button"
                      className="button button--small button--danger-ghost"
                      onClick={() => {
                        revoke.reset();
                        setRevoking({ id: token.id, name: token.name });
                      }}
                      data-testid="token-revoke"
                    >
                      Revoke
                    </button>
                  ) : null,
              },
            ]}
          />
        )}
      </section>

      <ApiUsageSnippet origin={origin} />

      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this token?"
        confirmLabel="Revoke token"
        pendingLabel="Revoking…"
        destructive
        pending={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : null}
        onConfirm={() => revoking && revoke.mutate({ tokenId: revoking.id })}
        onCancel={() => setRevoking(null)}
        testId="revoke-dialog"
      >
        <p>
          Scripts using “{revoking?.name}” will be refused from now on. This cannot be undone; create a new token if you
          need access again.
        </p>
      </ConfirmDialog>
    </div>
  );
}
