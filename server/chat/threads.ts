import type { Database } from "../adapters/db/database.ts";
import { AppError } from "../errors.ts";
import type { ConversationThread } from "../generated/prisma/client.ts";
import { topics, type EventBus } from "./event-bus.ts";
import { latestEventId } from "./events.ts";

export interface ThreadSummary {
  id: string;
  title: string;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type ThreadChange = { threadId: string; change: "created" | "renamed" | "archived" | "restored" | "message" };

const summary = (t: ConversationThread): ThreadSummary => ({
  id: t.id,
  title: t.title,
  isActive: t.isActive,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
});

const encodeCursor = (t: { updatedAt: Date; id: string }) =>
  Buffer.from(`${t.updatedAt.toISOString()}|${t.id}`).toString("base64url");

function decodeCursor(cursor: string): { updatedAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const updatedAt = new Date(iso ?? "");
  if (!id || Number.isNaN(updatedAt.getTime())) throw new AppError("bad_request:thread", "That page cursor is not valid.");
  return { updatedAt, id };
}

/** Builds a title from the first message: its first line, trimmed to a readable length. */
export function titleFromText(text: string): string {
  const firstLine = text.trim().split("\n")[0]!.replace(/\s+/g, " ");
  return firstLine.length > 80 ? `${firstLine.slice(0, 77).trimEnd()}…` : firstLine;
}

/** Turns free text into a prefix-matching tsquery ("budg over" -> "budg:* & over:*"), or null if nothing is left. */
export function prefixTsQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.slice(0, 12).map((w) => `${w}:*`).join(" & ") : null;
}

/**
 * Conversation threads of one user. Every method is scoped to that user by construction: another user's thread id
 * answers not_found, exactly like an id that does not exist.
 */
export function createThreadRepository(deps: { db: Database; bus: EventBus }, userId: string) {
  const { db, bus } = deps;
  const notify = (change: ThreadChange) => bus.publish(topics.user(userId), change);

  async function requireOwned(threadId: string): Promise<ConversationThread> {
    const thread = await db.prisma.conversationThread.findFirst({ where: { id: threadId, userId } });
    if (!thread) throw new AppError("not_found:thread");
    return thread;
  }

  return {
    userId,
    requireOwned,
    notify,

    async list(input: { limit: number; cursor?: string | null; archived: boolean }) {
      const after = input.cursor ? decodeCursor(input.cursor) : null;
      const rows = await db.prisma.conversationThread.findMany({
        where: {
          userId,
          isActive: !input.archived,
          ...(after
            ? {
                OR: [
                  { updatedAt: { lt: after.updatedAt } },
                  { updatedAt: after.updatedAt, id: { lt: after.id } },
                ],
              }
            : {}),
        },
        orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
      });
      const page = rows.slice(0, input.limit);
      return {
        items: page.map(summary),
        nextCursor: rows.length > input.limit ? encodeCursor(page[page.length - 1]!) : null,
      };
    },

    async get(threadId: string) {
      const thread = await requireOwned(threadId);
      return { ...summary(thread), metadata: thread.metadata, lastEventId: await latestEventId(db, threadId) };
    },

    async create(input: { title?: string }) {
      const thread = await db.prisma.conversationThread.create({
        data: { userId, title: input.title?.trim() || "New conversation" },
      });
      await notify({ threadId: thread.id, change: "created" });
      return summary(thread);
    },

    async rename(input: { threadId: string; title: string }) {
      await requireOwned(input.threadId);
      const thread = await db.prisma.conversationThread.update({
        where: { id: input.threadId },
        data: { title: input.title },
      });
      await notify({ threadId: thread.id, change: "renamed" });
      return summary(thread);
    },

    async setActive(input: { threadId: string; active: boolean }) {
      await requireOwned(input.threadId);
      const thread = await db.prisma.conversationThread.update({
        where: { id: input.threadId },
        data: { isActive: input.active },
      });
      await notify({ threadId: thread.id, change: input.active ? "restored" : "archived" });
      return summary(thread);
    },

    /** Full-text search over titles and message content, best matches first, with a highlighted snippet. */
    async search(input: { query: string; limit: number; includeArchived: boolean }) {
      const tsquery = prefixTsQuery(input.query);
      if (!tsquery) return [];
      const rows = await db.sql.query<{
        id: string;
        title: string;
        is_active: boolean;
        updated_at: Date;
        rank: number;
        snippet: string | null;
      }>(
        `WITH q AS (SELECT to_tsquery('english', $2) AS query),
         hits AS (
           SELECT t.id AS thread_id, ts_rank(t.title_tsv, q.query) * 2 AS rank, NULL::text AS content
             FROM conversation_threads t, q
            WHERE t.user_id = $1 AND ($3 OR t.is_active) AND t.title_tsv @@ q.query
           UNION ALL
           SELECT m.thread_id, ts_rank(m.content_tsv, q.query), m.content
             FROM conversation_messages m JOIN conversation_threads t ON t.id = m.thread_id, q
            WHERE t.user_id = $1 AND ($3 OR t.is_active) AND m.content_tsv @@ q.query
         ),
         ranked AS (
           SELECT thread_id, max(rank) AS rank,
                  (array_agg(content ORDER BY rank DESC) FILTER (WHERE content IS NOT NULL))[1] AS content
             FROM hits GROUP BY thread_id
         )
         SELECT t.id, t.title, t.is_active, t.updated_at, r.rank::float8 AS rank,
                CASE WHEN r.content IS NULL THEN NULL
                     ELSE ts_headline('english', r.content, q.query, 'StartSel=«, StopSel=», MaxWords=24, MinWords=8, MaxFragments=1')
                END AS snippet
           FROM ranked r JOIN conversation_threads t ON t.id = r.thread_id, q
          ORDER BY r.rank DESC, t.updated_at DESC
          LIMIT $4`,
        [userId, tsquery, input.includeArchived, input.limit],
      );
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        isActive: r.is_active,
        updatedAt: new Date(r.updated_at),
        rank: Number(r.rank),
        snippet: r.snippet,
      }));
    },
  };
}

export type ThreadRepository = ReturnType<typeof createThreadRepository>;
