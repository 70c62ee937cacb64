import { z } from "zod";

// Shared by the tRPC procedures and the browser forms.
export const MAX_MESSAGE_CHARS = 16_000;
export const MAX_TITLE_CHARS = 500;

export const messageTextSchema = z
  .string()
  .max(MAX_MESSAGE_CHARS, `Messages are limited to ${MAX_MESSAGE_CHARS.toLocaleString("en-US")} characters; shorten it or split it in two.`)
  .refine((text) => text.trim().length > 0, "Type a message before sending.");

export const threadTitleSchema = z
  .string()
  .trim()
  .min(1, "A conversation needs a title.")
  .max(MAX_TITLE_CHARS, `Titles are at most ${MAX_TITLE_CHARS} characters.`);

export const threadIdSchema = z.string().uuid("That is not a conversation id.");

export const sendMessageInput = z.object({
  threadId: threadIdSchema.optional(),
  text: messageTextSchema,
  clientMessageId: z.string().uuid("clientMessageId must be a UUID (crypto.randomUUID())."),
});

export const cursorPageInput = z.object({
  limit: z.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).nullish(),
});

export const threadListInput = cursorPageInput.extend({ archived: z.boolean().default(false) });

export const threadSearchInput = z.object({
  query: z.string().trim().min(1, "Type something to search for.").max(200, "Search text is at most 200 characters."),
  limit: z.number().int().min(1).max(50).default(20),
  includeArchived: z.boolean().default(false),
});

export const messageListInput = z.object({
  threadId: threadIdSchema,
  limit: z.number().int().min(1).max(200).default(100),
  /** orderingIndex to continue after (oldest first). */
  cursor: z.number().int().min(-1).nullish(),
});

export const onEventInput = z.object({
  threadId: threadIdSchema,
  /** Set by the client (and by tRPC on reconnect): replay everything after this event, then go live. */
  lastEventId: z.string().uuid().nullish(),
});
