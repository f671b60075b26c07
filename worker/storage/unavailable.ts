/**
 * Storage outages (D1, R2, Durable Object storage) as an answer the client can act on: 503
 * problem+json `storage-unavailable` with Retry-After, instead of an opaque 500. A transient
 * storage error is not our bug and retrying later (with the same Idempotency-Key) is the right
 * move; a bug in our SQL (constraint, syntax, unknown column, bad bind type) stays a 500.
 *
 *   problemResponse(c, err)   // worker/http/problem.ts maps isStorageFailure(err) to 503 on every route
 *   if (isStorageFailure(e)) … // service code deciding whether to compensate / retry
 */
// No imports on purpose: worker/http/problem.ts imports this (and defines StorageUnavailableError).

/** Seconds a client should wait before retrying after a storage outage. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/** Errors that are our own SQL's fault: a retry would fail the same way, so they stay 500s. */
const SQL_BUG = /SQLITE_(?!BUSY|IOERR|FULL|LOCKED)|constraint failed|no such (table|column|function)|syntax error|too many SQL variables|datatype mismatch|D1_TYPE_ERROR|D1_COLUMN_NOTFOUND/i;
/** Messages D1 and Durable Object storage use for transient failures (Cloudflare's D1 error list). */
const TRANSIENT =
  /Network connection lost|overloaded|Too many requests queued|storage operation exceeded timeout|transient issue|reset because its code was updated|exceeded its memory limit and was reset|SQLITE_BUSY|SQLITE_IOERR/i;

/** True when `err` (or one of its causes, e.g. inside drizzle's DrizzleQueryError) is a storage outage. */
export function isStorageFailure(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++, e = (e as { cause?: unknown }).cause) {
    const x = e as { name?: unknown; message?: unknown; retryable?: unknown; overloaded?: unknown };
    if (x.name === "StorageUnavailableError") return true;
    // Our own answers (ApiError and subclasses) are never reclassified.
    if (x.name === "ApiError") return false;
    // drizzle wraps driver errors ("Failed query: <sql> params: <values>"): judge the cause, not
    // a message that quotes tenant data.
    if (x.name === "DrizzleQueryError" || (typeof x.message === "string" && x.message.startsWith("Failed query: "))) continue;
    const message = typeof x.message === "string" ? x.message : "";
    if (SQL_BUG.test(message)) return false;
    // R2 binding errors (name "R2Error", with a numeric code) are service-side by nature.
    if (x.name === "R2Error") return true;
    // workerd marks retryable Durable Object / storage errors with these flags.
    if (x.retryable === true || x.overloaded === true) return true;
    if (/^D1_(ERROR|EXEC_ERROR)\b/.test(message) || TRANSIENT.test(message)) return true;
  }
  return false;
}
