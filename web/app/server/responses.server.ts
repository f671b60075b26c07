/**
 * Bad input and missing permissions leave loaders/actions as thrown responses, so components only
 * render. Service errors (ApiError, core's ProblemError) become the same status the REST API uses.
 */
import { data } from "@remix-run/server-runtime";
import { ApiError, fieldErrorsFromIssues, type FieldError } from "@worker/http/problem";
import { ParameterError, ProblemError } from "@core/engine/errors";

/** Throws a response with `status` and `message` unless `condition` holds. */
export function invariantResponse(condition: unknown, status: number, message: string): asserts condition {
  if (!condition) throw data(message, { status, statusText: statusTextOf(status) });
}

/** What a form shows next to its fields when a service refused the input. */
export interface FormProblem {
  title: string;
  detail: string;
  errors: FieldError[];
  status: number;
}

/** Turn a service refusal into a form problem (shown with field-level errors); rethrow anything else. */
export function toFormProblem(err: unknown): FormProblem {
  if (err instanceof ApiError) {
    return { title: err.title, detail: err.message, errors: (err.extra.errors as FieldError[] | undefined) ?? [], status: err.status };
  }
  if (err instanceof ProblemError || err instanceof ParameterError) {
    return { title: "Invalid input", detail: err.message, errors: fieldErrorsFromIssues(err.issues), status: 422 };
  }
  throw err;
}

/**
 * Run a service call from a loader: a 404/403/... ApiError becomes a thrown response with the same
 * status (another tenant's job answers 404 here exactly as in /v1).
 */
export async function callService<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ApiError) throw data(err.message, { status: err.status, statusText: statusTextOf(err.status) });
    throw err;
  }
}

function statusTextOf(status: number): string {
  return (
    (
      {
        400: "Bad Request",
        401: "Unauthorized",
        402: "Payment Required",
        403: "Forbidden",
        404: "Not Found",
        409: "Conflict",
        422: "Unprocessable Content",
        429: "Too Many Requests",
        503: "Service Unavailable",
      } as Record<number, string>
    )[status] ?? "Error"
  );
}
