/**
 * Algorithm parameters described as data, so the CLI, the API (`GET /v1/algorithms`) and the web
 * app's forms all show the same names, defaults, ranges and help text, and validate identically.
 */
import { ParameterError, type InputIssue } from "./errors";

export type ParamSpec =
  | { name: string; type: "number"; default: number; min?: number; max?: number; help: string }
  | { name: string; type: "integer"; default: number; min?: number; max?: number; help: string }
  | { name: string; type: "enum"; default: string; values: readonly string[]; help: string }
  | { name: string; type: "boolean"; default: boolean; help: string };

export type ParamValues = Record<string, number | string | boolean>;

/**
 * Fill defaults and validate `input` against `specs`. Unknown names and out-of-range values throw
 * a ParameterError whose issue paths are `["parameters", name]`.
 */
export function resolveParams<T extends ParamValues>(specs: readonly ParamSpec[], input: unknown): T {
  const issues: InputIssue[] = [];
  const out: ParamValues = {};
  const given = (input ?? {}) as Record<string, unknown>;
  if (typeof given !== "object" || Array.isArray(given)) {
    throw new ParameterError({ path: ["parameters"], message: "must be an object" });
  }
  const known = new Set(specs.map((s) => s.name));
  for (const key of Object.keys(given)) {
    if (!known.has(key)) {
      issues.push({ path: ["parameters", key], message: `unknown parameter (expected one of: ${[...known].join(", ")})` });
    }
  }
  for (const spec of specs) {
    const raw = given[spec.name];
    if (raw === undefined || raw === null) {
      out[spec.name] = spec.default;
      continue;
    }
    const path = ["parameters", spec.name];
    switch (spec.type) {
      case "number":
      case "integer": {
        const v = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
        if (typeof v !== "number" || !Number.isFinite(v)) {
          issues.push({ path, message: "must be a finite number" });
        } else if (spec.type === "integer" && !Number.isInteger(v)) {
          issues.push({ path, message: "must be an integer" });
        } else if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
          issues.push({ path, message: `must be between ${spec.min ?? "-∞"} and ${spec.max ?? "∞"}` });
        } else out[spec.name] = v;
        break;
      }
      case "enum":
        if (typeof raw !== "string" || !spec.values.includes(raw)) {
          issues.push({ path, message: `must be one of: ${spec.values.join(", ")}` });
        } else out[spec.name] = raw;
        break;
      case "boolean":
        if (typeof raw !== "boolean") issues.push({ path, message: "must be true or false" });
        else out[spec.name] = raw;
        break;
    }
  }
  if (issues.length) throw new ParameterError(issues);
  return out as T;
}

/** JSON Schema (draft 2020-12) for a parameter list, for the API catalogue and OpenAPI. */
export function paramsJsonSchema(specs: readonly ParamSpec[]): object {
  const properties: Record<string, object> = {};
  for (const s of specs) {
    if (s.type === "enum") properties[s.name] = { type: "string", enum: s.values, default: s.default, description: s.help };
    else if (s.type === "boolean") properties[s.name] = { type: "boolean", default: s.default, description: s.help };
    else
      properties[s.name] = {
        type: s.type,
        default: s.default,
        ...(s.min !== undefined ? { minimum: s.min } : {}),
        ...(s.max !== undefined ? { maximum: s.max } : {}),
        description: s.help,
      };
  }
  return { type: "object", additionalProperties: false, properties };
}
