/**
 * Request-body guards shared by every /v1 route: a size limit (MAX_BODY_BYTES, default 8 MiB)
 * and a content-type check for requests that carry a body. Both answer problem+json.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./problem";

export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

export function limitBodySize(): MiddlewareHandler {
  return async function limitBodySize(c, next) {
    const maxSize = Number(c.env?.MAX_BODY_BYTES) || DEFAULT_MAX_BODY_BYTES;
    return bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError(413, "body-too-large", "Request body too large", `The body exceeds ${maxSize} bytes.`, {
          limitBytes: maxSize,
        });
      },
    })(c, next);
  };
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/** Rejects bodies that are neither JSON nor multipart (uploads) with 415. */
export function requireKnownContentType(allowed = ["application/json", "multipart/form-data"]): MiddlewareHandler {
  return async function requireKnownContentType(c, next) {
    if (BODY_METHODS.has(c.req.method)) {
      const hasBody = c.req.header("content-length") !== "0" && (c.req.raw.body !== null || c.req.header("content-length"));
      const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
      if (hasBody && type && !allowed.includes(type)) {
        throw new ApiError(415, "unsupported-media-type", "Unsupported media type", `Send ${allowed.join(" or ")}, not ${type}.`);
      }
      if (hasBody && !type && c.req.header("content-length") && c.req.header("content-length") !== "0") {
        throw new ApiError(415, "unsupported-media-type", "Unsupported media type", `Send ${allowed.join(" or ")} with a Content-Type header.`);
      }
    }
    await next();
  };
}

/** Parse a JSON body, answering 400 problem+json for malformed JSON. */
export async function readJson<T = unknown>(req: Request): Promise<T> {
  const text = await req.text();
  if (text.trim() === "") throw new ApiError(400, "malformed-json", "Malformed JSON", "The request body is empty; send a JSON document.");
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new ApiError(400, "malformed-json", "Malformed JSON", `The request body is not valid JSON: ${(e as Error).message}`);
  }
}
