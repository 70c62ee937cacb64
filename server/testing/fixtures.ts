import { randomUUID } from "node:crypto";
import { createCaller } from "../api/root.ts";
import { createContextInner } from "../api/trpc.ts";
import { signUp, type SessionUser } from "../auth/users.ts";
import { createServices, type Services } from "../services.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

/** A migrated test database with the process services on top, and helpers to act as users. */
export async function createTestApp(options: { adminEmails?: string[] } = {}) {
  const db: TestDatabase = await createTestDatabase();
  const services: Services = createServices({ db, adminEmails: options.adminEmails });

  async function createUser(overrides: { email?: string; password?: string; name?: string } = {}): Promise<SessionUser> {
    return signUp(db, {
      email: overrides.email ?? `user-${randomUUID().slice(0, 8)}@example.com`,
      password: overrides.password ?? "correct horse battery",
      name: overrides.name ?? "Test User",
    });
  }

  const callerFor = (user: SessionUser | null, authMethod: "session" | "token" = "session") =>
    createCaller(createContextInner({ services, user, authMethod: user ? authMethod : null }));

  return {
    db,
    services,
    createUser,
    callerFor,
    async destroy() {
      await services.bus.close();
      await db.destroy();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
