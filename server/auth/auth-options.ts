import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDatabase } from "../adapters/db/registry.ts";
import { signInInput } from "./schemas.ts";
import { verifyCredentials } from "./users.ts";

// next-auth with email + password and JWT sessions. The JWT carries only the user id (`sub`); the role and the
// account's existence are read from the database on every request, so a demotion or deletion applies at once.
export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  secret: process.env.NEXTAUTH_SECRET,
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = signInInput.safeParse(credentials);
        if (!parsed.success) return null;
        const user = await verifyCredentials(await getDatabase(), parsed.data);
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
