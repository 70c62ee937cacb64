import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeLlmBehaviour =
  | { kind: "answer"; content: string }
  /** Content computed from the request's messages (e.g. a summary that copies a figure from the prompt). */
  | { kind: "reply"; content: (messages: Array<{ role: string; content: string }>) => string }
  | { kind: "status"; status: number }
  | { kind: "malformed" }
  | { kind: "hang" }
  /** Decides per request, from its messages. */
  | { kind: "route"; choose: (messages: Array<{ role: string; content: string }>) => FakeLlmBehaviour };

/**
 * A small OpenAI-compatible chat-completions server on a local port (ephemeral unless given), for tests: it records
 * requests and answers as told (content, content computed from the request, an HTTP error, malformed JSON, never,
 * or any of these chosen per request). GET answers 200, for readiness checks.
 */
export async function startFakeLlmServer(initial: FakeLlmBehaviour = { kind: "answer", content: "ok" }, port = 0) {
  let current = initial;
  const requests: Array<{ path: string; authorization?: string; body: any }> = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      if (req.method === "GET") return void res.writeHead(200).end("ok");
      requests.push({ path: req.url ?? "", authorization: req.headers.authorization, body: raw ? JSON.parse(raw) : null });
      const messages = requests.at(-1)!.body?.messages ?? [];
      const behaviour = current.kind === "route" ? current.choose(messages) : current;
      if (behaviour.kind === "hang" || behaviour.kind === "route") return;
      if (behaviour.kind === "status") return void res.writeHead(behaviour.status).end("error");
      res.writeHead(200, { "content-type": "application/json" });
      if (behaviour.kind === "malformed") return void res.end("{not json");
      const content = behaviour.kind === "reply" ? behaviour.content(messages) : behaviour.content;
      res.end(JSON.stringify({ id: "cmpl-1", choices: [{ index: 0, message: { role: "assistant", content } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    set(next: FakeLlmBehaviour) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
