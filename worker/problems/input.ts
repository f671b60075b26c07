/**
 * Problem documents from a multipart upload: a `file` part (.ctt, .fet, .tsp, .json, .csv, .xlsx — core's
 * `problemFromFile` decides by extension) plus the other fields as form fields (plain values or
 * JSON text, e.g. `parameters={"populationSize":40}`). Errors name the part and line.
 */
import { ProblemError } from "@core/engine/errors";
import { problemFromFile } from "@core/files";
import { ApiError, validationError } from "../http/problem";
import { rootedProblemError } from "./measure";

function parseField(value: string): unknown {
  const t = value.trim();
  if (t === "") return undefined;
  if (/^[[{"]/.test(t) || /^-?\d/.test(t) || t === "true" || t === "false" || t === "null") {
    try {
      return JSON.parse(t);
    } catch {
      return value;
    }
  }
  return value;
}

/**
 * Reads a multipart body; a body that is not valid multipart (no boundary, truncated parts) is
 * the client's 400, not our 500 — found by the fuzz tests (worker/ops/fuzz/).
 */
export async function readMultipart(req: { parseBody(): Promise<Record<string, unknown>> }): Promise<Record<string, unknown>> {
  try {
    return await req.parseBody();
  } catch (e) {
    throw new ApiError(400, "malformed-body", "Malformed multipart body", `The multipart/form-data body cannot be read: ${e instanceof Error ? e.message.split("\n")[0].slice(0, 200) : "invalid"}.`, {
      errors: [{ path: "body", message: "is not valid multipart/form-data (check the boundary parameter of Content-Type)" }],
    });
  }
}

/**
 * A multipart upload as the JSON body it stands for: the `file` part becomes `problem`, the other
 * fields become properties (JSON-decoded when they look like JSON, e.g. `parameters={"a":1}`).
 */
export function bodyFromForm(form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let file: File | null = null;
  for (const [key, value] of Object.entries(form)) {
    if (key === "file" && typeof value === "object" && value !== null && "arrayBuffer" in value) file = value as File;
    else if (typeof value === "string") out[key] = parseField(value);
  }
  if (!file) throw validationError([{ path: "file", message: "is required in a multipart upload" }]);
  return { ...out, file };
}

/** Converts the uploaded file of `bodyFromForm`'s result into `problem` (errors prefixed with "file"). */
export async function withUploadedProblem(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { file, kind, ...rest } = body as { file: File; kind?: unknown } & Record<string, unknown>;
  try {
    const problem = problemFromFile(file.name || "upload", new Uint8Array(await file.arrayBuffer()));
    if (typeof kind === "string" && (problem as { kind?: unknown })?.kind !== kind) {
      throw validationError([{ path: "kind", message: `the file holds a ${(problem as { kind?: string })?.kind ?? "document without a"} problem, not ${kind}` }]);
    }
    return { ...rest, problem };
  } catch (e) {
    // Sheet readers report paths inside the file; prefix them so the client sees where.
    if (e instanceof ProblemError) throw rootedProblemError(e, ["file"]);
    throw e;
  }
}
