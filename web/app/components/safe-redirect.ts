/**
 * Where to go after signing in or up: only a path on this site. Anything that a browser would
 * resolve to another origin ("//evil.example", "/\\evil.example", "https://…", "javascript:…")
 * falls back, so a crafted link cannot bounce a fresh session elsewhere.
 */
export const DEFAULT_AFTER_SIGN_IN = "/app/jobs";

/** `to` if it is a same-site relative path (e.g. "/accept-invitation/abc?x=1"), else the fallback. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  const value = typeof to === "string" ? to.trim() : "";
  if (!value.startsWith("/") || value.includes("\\") || /[\u0000-\u001f]/.test(value)) return fallback;
  // Normalise first (dot segments, %2e, tabs), then judge what the browser would actually follow:
  // "/.//evil.com" and "/%2e//evil.com" only become "//evil.com" once normalised.
  const base = "http://same-site.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const target = `${url.pathname}${url.search}${url.hash}`;
  return isSameOriginPath(url.pathname) ? target : fallback;
}

/** A normalised path a browser resolves on this origin: one leading "/", never "//" or "/\\" (also when percent-decoded). */
function isSameOriginPath(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return pathname.startsWith("/") && !/^[/\\]{2}/.test(pathname) && !/^[/\\]{2}/.test(decoded) && !decoded.includes("\\");
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
