import { parse as parseCookie } from "cookie";
import { decode } from "next-auth/jwt";

// next-auth v4 cookie names: the __Secure- prefix is used when the app URL is https. Large JWTs are split into
// `<name>.0`, `<name>.1`, ... chunks.
const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readSessionCookie(cookies: Record<string, string | undefined>): string | null {
  for (const name of SESSION_COOKIE_NAMES) {
    if (cookies[name]) return cookies[name]!;
    const chunks: string[] = [];
    for (let i = 0; cookies[`${name}.${i}`] !== undefined; i++) chunks.push(cookies[`${name}.${i}`]!);
    if (chunks.length > 0) return chunks.join("");
  }
  return null;
}

/** The user id (JWT `sub`) of a valid next-auth session cookie in a Cookie header, or null. */
export async function sessionUserIdFromCookieHeader(
  cookieHeader: string | undefined,
  secret: string,
): Promise<string | null> {
  if (!cookieHeader) return null;
  const token = readSessionCookie(parseCookie(cookieHeader));
  if (!token) return null;
  try {
    const payload = await decode({ token, secret });
    if (!payload?.sub) return null;
    if (typeof payload.exp === "number" && payload.exp * 1000 < Date.now()) return null;
    return payload.sub;
  } catch {
    return null;
  }
}
