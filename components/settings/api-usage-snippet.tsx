"use client";

import { CopyButton } from "@/components/ui/copy-button";

/** How to call the API with a token: a curl one-liner and the typed TypeScript client. */
export function ApiUsageSnippet({ origin }: { origin: string }) {
  const curl = `curl -s -H "Authorization: Bearer $FINOPS_TOKEN" \\
  '${origin}/api/trpc/thread.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 5 } }))}'`;
  const ts = `import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "./server/api/root";

const api = createTRPCClient<AppRouter>({
  links: [httpLink({
    url: "${origin}/api/trpc",
    transformer: superjson,
    headers: { authorization: \`Bearer \${process.env.FINOPS_TOKEN}\` },
  })],
});

const { threadId } = await api.message.send.mutate({
  text: "What did we spend on storage last month?",
  clientMessageId: crypto.randomUUID(),
});
console.log(await api.thread.list.query({ limit: 5 }));`;
  return (
    <section className="card" aria-labelledby="api-usage-title">
      <h2 id="api-usage-title" className="card__title">
        Using the API
      </h2>
      <p className="muted">
        Send the token as a bearer token. Inputs use the superjson envelope (<code>{"{ json: … }"}</code>); the TypeScript
        client does that for you.
      </p>
      <div className="snippet">
        <div className="snippet__bar">
          <span>curl</span>
          <CopyButton text={curl} testId="snippet-copy-curl" />
        </div>
        <pre data-testid="snippet-curl">
          <code>{curl}</code>
        </pre>
      </div>
      <div className="snippet">
        <div className="snippet__bar">
          <span>TypeScript</span>
          <CopyButton text={ts} testId="snippet-copy-ts" />
        </div>
        <pre>
          <code>{ts}</code>
        </pre>
      </div>
    </section>
  );
}
