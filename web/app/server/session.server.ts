/**
 * Who is signed in, for loaders and actions. Uses the same better-auth instance as /api/auth, so a
 * session made in the browser (or by our own sign-in action) is the one every page and /v1 see.
 */
import { getAuth } from "@worker/auth/auth";
import { requireUserSession } from "@worker/auth/authenticate";
import type { Env } from "@worker/env";
import type { AuthContext } from "@worker/http/vars";

export interface SignedInUser {
  auth: AuthContext & { userId: string };
}

/** The signed-in user's AuthContext (same as /v1 builds), or a redirect to /sign-in and back. */
export async function requireUser(request: Request, env: Env): Promise<SignedInUser> {
  const auth = await requireUserSession(request, env);
  if (!auth.userId) throw new Response(null, { status: 302, headers: { location: "/sign-in" } });
  return { auth: { ...auth, userId: auth.userId, requestId: request.headers.get("x-request-id") ?? undefined } };
}

/** Like requireUser, but only owners and admins pass (members get 403). */
export async function requireAdmin(request: Request, env: Env): Promise<SignedInUser> {
  const signedIn = await requireUser(request, env);
  if (signedIn.auth.role !== "owner" && signedIn.auth.role !== "admin") {
    throw new Response("Only owners and admins of this organization can do this.", { status: 403, statusText: "Forbidden" });
  }
  return signedIn;
}

/** Name and email of whoever is signed in (null when nobody is), for the header and auth pages. */
export async function getSignedInUser(request: Request, env: Env): Promise<{ id: string; name: string; email: string } | null> {
  const session = await getAuth(env).api.getSession({ headers: request.headers });
  return session ? { id: session.user.id, name: session.user.name, email: session.user.email } : null;
}

/** Copy better-auth's Set-Cookie headers onto a redirect, so the browser keeps the new session. */
export function redirectWithCookies(to: string, from: Response): Response {
  const headers = new Headers({ location: to });
  for (const cookie of from.headers.getSetCookie()) headers.append("set-cookie", cookie);
  return new Response(null, { status: 302, headers });
}

/** better-auth's error answers carry `{ message, code }`; show the message. */
export async function readAuthError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { message?: string };
    return body.message || `Request failed (${res.status}).`;
  } catch {
    return `Request failed (${res.status}).`;
  }
}
