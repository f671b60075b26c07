/** Parameter inputs generated from an algorithm's ParamSpec list: defaults, ranges and help text. */
import type { ParamSpec } from "@core/engine/params";
import type { FieldError } from "@worker/http/problem";
import { paramLabel } from "../../components/labels";

export function ParamsFields({ specs, errors, keyPrefix }: { specs: ParamSpec[]; errors: FieldError[]; keyPrefix: string }) {
  if (specs.length === 0) return <p className="muted">This algorithm has no parameters.</p>;
  return (
    <div className="grid-cards">
      {specs.map((spec) => {
        const id = `param-${spec.name}`;
        const error = errors.find((e) => e.path === `parameters.${spec.name}`)?.message;
        const describedBy = `${id}-help${error ? ` ${id}-error` : ""}`;
        return (
          <div className={error ? "field has-error" : "field"} key={`${keyPrefix}-${spec.name}`}>
            <label htmlFor={id}>{paramLabel(spec.name)}</label>
            {spec.type === "enum" ? (
              <select id={id} name={`param.${spec.name}`} defaultValue={spec.default} aria-describedby={describedBy}>
                {spec.values.map((v) => (
                  <option key={v}>{v}</option>
                ))}
              </select>
            ) : spec.type === "boolean" ? (
              <select id={id} name={`param.${spec.name}`} defaultValue={String(spec.default)} aria-describedby={describedBy}>
                <option value="true">yes</option>
                <option value="false">no</option>
              </select>
            ) : (
              <input
                id={id}
                name={`param.${spec.name}`}
                type="number"
                inputMode="decimal"
                step={spec.type === "integer" ? 1 : "any"}
                min={spec.min}
                max={spec.max}
                defaultValue={spec.default}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
              />
            )}
            <p className="help" id={`${id}-help`}>
              {spec.help}
              {spec.type !== "enum" && spec.type !== "boolean" && (spec.min !== undefined || spec.max !== undefined)
                ? ` (${spec.min ?? "−∞"} to ${spec.max ?? "∞"}, default ${spec.default})`
                : ` (default ${String(spec.default)})`}
            </p>
            {error ? (
              <p className="error" id={`${id}-error`} role="alert">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

/** Read `param.<name>` fields back into typed values; blanks fall back to the defaults. */
export function readParams(form: FormData, specs: ParamSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const raw = form.get(`param.${spec.name}`);
    if (raw === null || raw === "") continue;
    const s = String(raw);
    out[spec.name] = spec.type === "boolean" ? s === "true" : spec.type === "enum" ? s : Number(s);
  }
  return out;
}
