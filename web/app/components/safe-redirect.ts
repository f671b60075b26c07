/**
 * Where to go after signing in or up: only a path on this site. Anything that a browser would
 * resolve to another origin ("//evil.example", "/\\evil.example", "https://…", "javascript:…")
 * falls back, so a crafted link cannot bounce a fresh session elsewhere.
 */
export const DEFAULT_AFTER_SIGN_IN = "/app/jobs";

/** `to` if it is a same-site relative path (e.g. "/accept-invitation/abc?x=1"), else the fallback. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  const value = typeof to === "string" ? to.trim() : "";
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\") || /[\u0000-\u001f]/.test(value)) return fallback;
  // Resolve against a placeholder origin: a path that leaves it is not ours.
  const base = "http://same-site.invalid";
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : fallback;
}

/** "?redirectTo=…" for links between the sign-in and sign-up pages, or "" when there is nowhere to return to. */
export function redirectQuery(to: string | null | undefined): string {
  const safe = safeRedirect(to, "");
  return safe ? `?redirectTo=${encodeURIComponent(safe)}` : "";
}

/** Whether the user is on the way to answer an invitation (/accept-invitation/<id>). */
export function isInvitationPath(to: string | null | undefined): boolean {
  return /^\/accept-invitation\/[^/?#]+$/.test(safeRedirect(to, ""));
}
