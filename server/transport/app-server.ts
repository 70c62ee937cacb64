import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { TRPCError } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { applyWSSHandler } from "@trpc/server/adapters/ws";
import { WebSocketServer, type WebSocket } from "ws";
import { appRouter } from "../api/root.ts";
import { createContextInner } from "../api/trpc.ts";
import { topics } from "../chat/event-bus.ts";
import { AppError } from "../errors.ts";
import type { Services } from "../services.ts";
import { authenticateRequest, authenticateToken, type Authenticated } from "./authenticate.ts";

export const TRPC_PATH = "/api/trpc";

export interface AppServerOptions {
  services: Services;
  authSecret: string;
  /** The app's public URL; browsers' WebSocket Origin must match it. */
  appUrl: string;
  name: string;
  version: string;
  /** Everything that is not the API (pages, assets, next-auth): Next's handlers. */
  next?: {
    handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
    upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
  };
  keepAlive?: { pingMs: number; pongWaitMs: number };
  onError?: (error: unknown, where: string) => void;
}

type UpgradeRequest = IncomingMessage & { auth?: Authenticated; connectionId?: string; webSocket?: WebSocket };

/**
 * The one HTTP server: tRPC over HTTP at /api/trpc, tRPC subscriptions over WebSocket on the same path and port,
 * /api and /api/health, and Next for everything else (including its own upgrades, such as dev HMR).
 */
export function createAppServer(options: AppServerOptions) {
  const { services, authSecret } = options;
  const report = options.onError ?? ((error: unknown, where: string) => console.error(`[${where}]`, error));
  const allowedOrigin = new URL(options.appUrl).origin;

  const trpcHttp = createHTTPHandler({
    router: appRouter,
    basePath: `${TRPC_PATH}/`,
    createContext: async ({ req }) => {
      const auth = await authenticateRequest(services, authSecret, req).catch(toTrpcError);
      return createContextInner({ services, ...auth });
    },
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") report(error, `trpc ${path ?? ""}`);
    },
  });

  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (pathname === TRPC_PATH || pathname.startsWith(`${TRPC_PATH}/`)) return void trpcHttp(req, res);
    if (pathname === "/api/health") return void sendHealth(res);
    if (pathname === "/api" || pathname === "/api/") return void sendJson(res, 200, apiIndex());
    if (options.next) return void options.next.handle(req, res).catch((error) => fail(res, error));
    sendJson(res, 404, { error: "Not found" });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const wsHandler = applyWSSHandler({
    wss,
    router: appRouter,
    keepAlive: { enabled: true, pingMs: options.keepAlive?.pingMs ?? 30_000, pongWaitMs: options.keepAlive?.pongWaitMs ?? 5_000 },
    createContext: async ({ req, info }) => {
      const upgrade = req as UpgradeRequest;
      const auth = upgrade.auth?.user
        ? upgrade.auth
        : await authenticateToken(services, info.connectionParams?.token).catch(toTrpcError);
      if (upgrade.connectionId && auth.user) {
        // Policy violation (1008): the client's reconnect then fails on the revoked token and stops.
        const end = (reason: string) => upgrade.webSocket?.close(1008, reason);
        services.connections.open(upgrade.connectionId, auth.user.id, { tokenId: auth.tokenId, end });
      }
      return createContextInner({ services, ...auth, connectionId: upgrade.connectionId });
    },
    onError: ({ error }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") report(error, "ws");
    },
  });

  wss.on("connection", (socket: WebSocket, req: UpgradeRequest) => {
    req.webSocket = socket;
    socket.once("close", () => req.connectionId && services.connections.close(req.connectionId));
  });

  // A revoked token's sockets end here and on every other instance (the bus fans the revocation out).
  const stopRevocations = new AbortController();
  void (async () => {
    for await (const { tokenId } of services.bus.subscribe<{ tokenId: string }>(topics.revokedTokens, stopRevocations.signal)) {
      services.connections.endTokenConnections(tokenId);
    }
  })().catch((error) => report(error, "token revocations"));

  server.on("upgrade", (req: UpgradeRequest, socket: Duplex, head: Buffer) => {
    const { pathname, searchParams } = new URL(req.url ?? "/", "http://localhost");
    if (pathname !== TRPC_PATH) {
      if (options.next) return void options.next.upgrade(req, socket, head).catch(() => socket.destroy());
      return refuse(socket, 404, "Not Found");
    }
    // Browsers always send Origin; one that is neither APP_URL nor the host the socket was opened on (the page's own
    // origin: the app opened as http://127.0.0.1:3000 or by the server's LAN address) is another site trying to use
    // the user's cookie.
    const origin = req.headers.origin;
    if (origin && origin !== allowedOrigin && !isSameHost(origin, req.headers.host)) return refuse(socket, 403, "Forbidden");
    authenticateRequest(services, authSecret, req)
      .catch(() => ({ user: null, authMethod: null }) as Authenticated)
      .then((auth) => {
        // Without a session the client must send an API token as connectionParams (tRPC marks that in the URL).
        if (!auth.user && searchParams.get("connectionParams") !== "1") return refuse(socket, 401, "Unauthorized");
        req.auth = auth;
        req.connectionId = randomUUID();
        wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
      })
      .catch((error) => {
        report(error, "upgrade");
        socket.destroy();
      });
  });

  async function sendHealth(res: ServerResponse) {
    const health = await services.health();
    sendJson(res, health.status === "ok" ? 200 : 503, health);
  }

  function apiIndex() {
    return {
      name: options.name,
      version: options.version,
      links: {
        trpc: TRPC_PATH,
        websocket: `${options.appUrl.replace(/^http/, "ws")}${TRPC_PATH}`,
        health: "/api/health",
        auth: "/api/auth",
      },
    };
  }

  function fail(res: ServerResponse, error: unknown) {
    report(error, "http");
    if (!res.headersSent) sendJson(res, 500, { error: "Internal server error" });
    else res.end();
  }

  return {
    server,
    wss,
    /** Tells WebSocket clients to reconnect (before a restart), closes sockets and stops accepting. */
    async close() {
      stopRevocations.abort();
      wsHandler.broadcastReconnectNotification();
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const client of wss.clients) client.close(1012, "Server restarting");
      wss.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}

function toTrpcError(error: unknown): never {
  if (error instanceof AppError) throw new TRPCError({ code: "UNAUTHORIZED", message: error.message, cause: error });
  throw error;
}

function refuse(socket: Duplex, status: number, text: string) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** Whether an Origin names the host (and port) the request was sent to: a page of this server, whatever its address. */
function isSameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
