/**
 * One error shape for the whole API: RFC 9457 problem+json. Handlers throw ApiError (or a core
 * ProblemError/ParameterError); `problemResponse` renders it with the request id and field paths.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ParameterError, ProblemError, type InputIssue } from "@core/engine/errors";
import { isStorageFailure, STORAGE_RETRY_AFTER_SECONDS } from "../storage/unavailable";

export interface FieldError {
  /** JSON pointer-ish dotted path of the failing field, e.g. "problem.courses.3.lectures". */
  path: string;
  message: string;
  line?: number;
  column?: number;
  sheet?: string;
}

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    /** Short slug appended to the problem type URI, e.g. "validation-error". */
    readonly type: string,
    readonly title: string,
    detail?: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(detail ?? title);
  }
}

/**
 * A D1 / R2 / Durable Object storage outage: 503 with Retry-After, so clients retry
 * (same Idempotency-Key) instead of reading a 500 as our bug. problemResponse also maps raw
 * storage errors (isStorageFailure) to this, so services need not wrap every call.
 */
export class StorageUnavailableError extends ApiError {
  override name = "StorageUnavailableError";
  constructor(cause?: unknown) {
    super(
      503,
      "storage-unavailable",
      "Storage temporarily unavailable",
      "Our storage did not answer and nothing was changed. Retry in a few seconds (with the same Idempotency-Key, if you sent one).",
      { headers: { "Retry-After": String(STORAGE_RETRY_AFTER_SECONDS) } },
    );
    if (cause !== undefined) this.cause = cause;
  }
}

export const PROBLEM_BASE = "https://evolve.dev/problems/";

export function fieldErrorsFromIssues(issues: InputIssue[], prefix: (string | number)[] = []): FieldError[] {
  return issues.map((i) => ({
    path: [...prefix, ...i.path].join("."),
    message: i.message,
    ...(i.line !== undefined ? { line: i.line } : {}),
    ...(i.column !== undefined ? { column: i.column } : {}),
    ...(i.sheet !== undefined ? { sheet: i.sheet } : {}),
  }));
}

export function validationError(errors: FieldError[], detail = "The request has invalid fields."): ApiError {
  return new ApiError(422, "validation-error", "Validation failed", detail, { errors });
}

/** Turn anything thrown into a problem+json response; unknown errors become an opaque 500. */
export function problemResponse(c: Context, err: unknown): Response {
  // Logged with its cause for operators; the client gets the 503 without internals.
  if (!(err instanceof ApiError) && isStorageFailure(err)) {
    console.error(
      JSON.stringify({ level: "error", msg: "storage unavailable", requestId: c.get("requestId"), tenantId: c.get("tenantId"), error: String(err), cause: String((err as Error)?.cause ?? "") }),
    );
    err = new StorageUnavailableError(err);
  }
  const requestId = (c.get("requestId") as string | undefined) ?? "";
  let status = 500;
  let type = "internal-error";
  let title = "Internal error";
  let detail = "Something went wrong on our side. Quote the request id when you contact support.";
  let extra: Record<string, unknown> = {};
  let headers: Record<string, string> = {};

  if (err instanceof ApiError) {
    ({ status, type, title } = err);
    detail = err.message;
    const { headers: h, ...rest } = err.extra;
    headers = h ?? {};
    extra = rest;
  } else if (err instanceof ProblemError || err instanceof ParameterError) {
    // A parser maximum (core/engine/errors.ts `limit`): 413 for bytes, 422 for declared sizes.
    const limit = err instanceof ProblemError ? err.limit : undefined;
    status = (err instanceof ProblemError && err.status) || 422;
    type = status === 413 ? "input-too-large" : "validation-error";
    title = limit ? "Problem beyond the input limits" : err instanceof ProblemError ? "Invalid problem" : "Invalid parameters";
    detail = err.message;
    extra = { errors: fieldErrorsFromIssues(err.issues), ...(limit ? { limit } : {}) };
  } else if (err instanceof HTTPException) {
    status = err.status;
    type = status === 413 ? "body-too-large" : "http-error";
    title = err.message || "Request error";
    detail = err.message || title;
  }
  if (err instanceof ApiError && status >= 500 && !(err instanceof StorageUnavailableError)) {
    // A deliberate answer (e.g. billing not configured here): the operator's detail, no stack.
    console.warn(JSON.stringify({ level: "warn", msg: "service unavailable", requestId, type, detail }));
  } else if (status >= 500 && !(err instanceof StorageUnavailableError)) {
    console.error(JSON.stringify({ level: "error", msg: "unhandled error", requestId, error: String(err), stack: (err as Error)?.stack }));
  }
  const body = { type: PROBLEM_BASE + type, title, status, detail, instance: c.req.path, requestId, ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", "x-request-id": requestId, ...headers },
  });
}
