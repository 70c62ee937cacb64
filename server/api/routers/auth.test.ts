import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCredentials } from "../../auth/users.ts";
import { createTestApp, type TestApp } from "../../testing/fixtures.ts";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ adminEmails: ["boss@example.com"] });
});
afterAll(() => app.destroy());

describe("auth router", () => {
  it("makes the first account an admin, later ones members, and ADMIN_EMAILS admins", async () => {
    const anonymous = app.callerFor(null);
    const first = await anonymous.auth.signUp({ email: "First@Example.com", password: "long enough pw" });
    expect(first).toMatchObject({ email: "first@example.com", role: "admin" });
    expect((await anonymous.auth.signUp({ email: "second@example.com", password: "long enough pw" })).role).toBe("member");
    expect((await anonymous.auth.signUp({ email: "boss@example.com", password: "long enough pw" })).role).toBe("admin");
  });

  it("hashes passwords (scrypt) and verifies credentials without saying which part was wrong", async () => {
    await app.callerFor(null).auth.signUp({ email: "carol@example.com", password: "carol's password" });
    const row = await app.db.prisma.user.findUniqueOrThrow({ where: { email: "carol@example.com" } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain("carol's password");
    expect((await verifyCredentials(app.db, { email: "CAROL@example.com", password: "carol's password" }))?.email).toBe(
      "carol@example.com",
    );
    expect(await verifyCredentials(app.db, { email: "carol@example.com", password: "wrong password" })).toBeNull();
    expect(await verifyCredentials(app.db, { email: "nobody@example.com", password: "carol's password" })).toBeNull();
  });

  it("refuses a duplicate email and a short password with clear messages", async () => {
    const anonymous = app.callerFor(null);
    await anonymous.auth.signUp({ email: "dup@example.com", password: "long enough pw" });
    await expect(anonymous.auth.signUp({ email: "dup@example.com", password: "long enough pw" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "An account with that email already exists. Sign in instead.",
    });
    await expect(anonymous.auth.signUp({ email: "short@example.com", password: "short" })).rejects.toThrow(
      "Use at least 8 characters",
    );
    await expect(anonymous.auth.signUp({ email: "not-an-email", password: "long enough pw" })).rejects.toThrow(
      "Enter a valid email address.",
    );
  });

  it("tells the caller who they are and how they authenticated", async () => {
    const user = await app.createUser({ email: "dave@example.com" });
    expect(await app.callerFor(user, "token").auth.me()).toMatchObject({ id: user.id, email: "dave@example.com", authMethod: "token" });
    await expect(app.callerFor(null).auth.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
