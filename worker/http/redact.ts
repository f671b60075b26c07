/**
 * Secrets that travel in URLs never reach the logs: share-link and calendar-feed tokens
 * (`/v1/share/{token}`, `/v1/feeds/{token}.ics`, the web app's `/share/{token}`), password-reset
 * tokens (`/api/auth/reset-password/{token}`, `?token=`), invitation ids (`/accept-invitation/{id}`,
 * which let the invitee in) and any query parameter named like a credential. Used by the request
 * log line (worker/http/request-context.ts) and the log mailer (worker/auth/mailer.ts).
 */

export const REDACTED = "[redacted]";

/** Path segments whose next segment is a secret. */
const SECRET_AFTER = new Set(["share", "feeds", "accept-invitation", "reset-password", "verify-email"]);
/** Query parameters whose value is a secret. */
const SECRET_PARAMS = /^(token|code|key|secret|signature|sig|password|invitationid|api_key|apikey|access_token)$/i;

/** A path ("/v1/share/abc/exports/csv") with its secret segments replaced. */
export function redactPath(path: string): string {
  const parts = path.split("/");
  for (let i = 1; i < parts.length; i++) {
    if (SECRET_AFTER.has(parts[i - 1]) && parts[i] !== "") parts[i] = REDACTED;
  }
  return parts.join("/");
}

/**
 * A URL, absolute or a path with a query, with secret path segments and query values replaced.
 * Text that is not a URL is returned redacted as a path.
 */
export function redactUrl(raw: string): string {
  let url: URL;
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(raw);
  try {
    url = new URL(raw, "http://placeholder.invalid");
  } catch {
    return redactPath(raw);
  }
  const params = [...url.searchParams.keys()];
  for (const name of new Set(params)) if (SECRET_PARAMS.test(name)) url.searchParams.set(name, REDACTED);
  const callback = url.searchParams.get("callbackURL");
  if (callback) url.searchParams.set("callbackURL", redactUrl(callback));
  const rest = `${redactPath(url.pathname)}${url.search ? `?${decodeURIComponent(url.searchParams.toString())}` : ""}`;
  return absolute ? `${url.origin}${rest}` : rest;
}
