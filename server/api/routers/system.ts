import { z } from "zod";
import { createApiToken, listApiTokens, revokeApiToken } from "../../auth/api-tokens.ts";
import { apiTokenNameSchema } from "../../auth/schemas.ts";
import { topics } from "../../chat/event-bus.ts";
import { adminProcedure, protectedProcedure, publicProcedure, router } from "../trpc.ts";

export const systemRouter = router({
  /** Status and latency of each configured backend. */
  health: publicProcedure.query(({ ctx }) => ctx.services.health()),

  /** Open WebSocket connections, by user and by thread. */
  wsStats: adminProcedure.query(({ ctx }) => ctx.services.connections.stats()),

  tokens: router({
    list: protectedProcedure.query(({ ctx }) => listApiTokens(ctx.services.db, ctx.user.id)),
    /** The token is in the answer once; only its hash is stored. */
    create: protectedProcedure
      .input(z.object({ name: apiTokenNameSchema }))
      .mutation(({ ctx, input }) => createApiToken(ctx.services.db, { userId: ctx.user.id, name: input.name })),
    revoke: protectedProcedure
      .input(z.object({ tokenId: z.string().uuid() }))
      .mutation(async ({ ctx, input }) => {
        const revoked = await revokeApiToken(ctx.services.db, { userId: ctx.user.id, tokenId: input.tokenId });
        await ctx.services.bus.publish(topics.revokedTokens, { tokenId: input.tokenId });
        return revoked;
      }),
  }),
});
