import { z } from "zod";
import type { Database } from "../adapters/db/database.ts";
import { AppError, isUniqueViolation } from "../errors.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";

export type UserRole = "member" | "admin";
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
}

const publicFields = { id: true, email: true, name: true, role: true } as const;
const UUID = z.string().uuid();

/** Creates an account. The very first account, and any email in ADMIN_EMAILS, is an admin. */
export async function signUp(
  db: Database,
  input: { email: string; password: string; name?: string | null },
  options: { adminEmails?: string[] } = {},
): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.prisma.$transaction(async (tx) => {
      const isFirst = (await tx.user.count()) === 0;
      const role: UserRole = isFirst || options.adminEmails?.includes(email) ? "admin" : "member";
      return tx.user.create({
        data: { email, passwordHash, role, name: input.name?.trim() || null },
        select: publicFields,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict:user");
    throw error;
  }
}

/** The user for an email and password, or null; never says which of the two was wrong. */
export async function verifyCredentials(
  db: Database,
  input: { email: string; password: string },
): Promise<SessionUser | null> {
  const user = await db.prisma.user.findUnique({ where: { email: input.email.trim().toLowerCase() } });
  if (!user || !(await verifyPassword(input.password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The signed-in user of a request. Plain SQL, not Prisma: it runs on every HTTP request, and Prisma's query
 * building costs more than the lookup. */
export async function findUserById(db: Pick<Database, "sql">, id: string): Promise<SessionUser | null> {
  if (!UUID.safeParse(id).success) return null;
  const [user] = await db.sql.query<SessionUser>(`SELECT id, email, name, role::text AS role FROM users WHERE id = $1::uuid`, [id]);
  return user ?? null;
}

export function listUsers(db: Database) {
  return db.prisma.user.findMany({
    orderBy: { createdAt: "asc" },
    select: { ...publicFields, createdAt: true, _count: { select: { threads: true, apiTokens: true } } },
  });
}

/** Changes a role; refuses to remove the last admin so the product always has one. */
export async function setUserRole(db: Database, input: { userId: string; role: UserRole }): Promise<SessionUser> {
  return db.prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: publicFields });
    if (!user) throw new AppError("not_found:user");
    if (user.role === "admin" && input.role !== "admin" && (await tx.user.count({ where: { role: "admin" } })) <= 1) {
      throw new AppError("bad_request:user", "This is the last administrator; make someone else an admin first.");
    }
    return tx.user.update({ where: { id: input.userId }, data: { role: input.role }, select: publicFields });
  });
}

/**
 * On first start of the embedded database: creates the demo user (admin when it is the first account) so a new
 * install can sign in at once. Returns the credentials when it created the account, null when it already existed.
 */
export async function ensureDemoUser(
  db: Database,
  input: { email: string; password: string; adminEmails?: string[] },
): Promise<{ email: string; password: string; created: boolean }> {
  const existing = await db.prisma.user.findUnique({ where: { email: input.email } });
  if (existing) return { email: input.email, password: input.password, created: false };
  await signUp(db, { email: input.email, password: input.password, name: "Demo user" }, input);
  return { email: input.email, password: input.password, created: true };
}
