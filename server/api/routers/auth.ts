import { signUpInput } from "../../auth/schemas.ts";
import { signUp } from "../../auth/users.ts";
import { protectedProcedure, publicProcedure, router } from "../trpc.ts";

export const authRouter = router({
  /** Creates an account; the browser then signs in through next-auth with the same credentials. */
  signUp: publicProcedure
    .input(signUpInput)
    .mutation(({ ctx, input }) => signUp(ctx.services.db, input, { adminEmails: ctx.services.adminEmails })),

  /** Who is calling, and how they authenticated. */
  me: protectedProcedure.query(({ ctx }) => ({ ...ctx.user, authMethod: ctx.authMethod })),
});
