/**
 * Per-request context: a request id (returned in `x-request-id`) and a structured JSON logger
 * that stamps every line with it (and with tenant and job ids once they are known).
 */
import type { MiddlewareHandler } from "hono";
import { redactPath } from "./redact";

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  with(fields: LogFields): Logger;
}

export function createLogger(base: LogFields = {}): Logger {
  const write = (level: string, msg: string, fields?: LogFields) => {
    const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...base, ...fields });
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.log(line);
  };
  return {
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    with: (f) => createLogger({ ...base, ...f }),
  };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const JOB_IN_PATH = /\/jobs\/(job_[A-Za-z0-9]+)/;

/** Reuses a well-formed incoming `x-request-id` (from a proxy), otherwise makes one. */
export function requestContext(): MiddlewareHandler {
  return async function requestContext(c, next) {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : `req_${crypto.randomUUID().replaceAll("-", "")}`;
    c.set("requestId", requestId);
    const log = createLogger({ requestId });
    c.set("log", log);
    const started = Date.now();
    await next();
    c.header("x-request-id", requestId);
    // Lines about a job carry its id (so one grep follows a job): from the path, or the Location of a new job.
    const jobId = JOB_IN_PATH.exec(c.req.path)?.[1] ?? JOB_IN_PATH.exec(c.res.headers.get("location") ?? "")?.[1];
    log.info("request", {
      method: c.req.method,
      // Share, feed, reset and invitation tokens in the path are replaced (worker/http/redact.ts).
      path: redactPath(c.req.path),
      status: c.res.status,
      ms: Date.now() - started,
      tenantId: c.get("tenantId"),
      ...(jobId ? { jobId } : {}),
    });
  };
}
