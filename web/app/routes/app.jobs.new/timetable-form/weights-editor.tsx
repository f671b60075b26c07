/**
 * Soft-constraint weights: what one unit of each violation costs. Blank keeps the default (shown
 * as the placeholder); 0 switches a constraint off. Labels are in words (components/labels.ts);
 * the field values keep the model's (and the API's) names.
 */
import { ITC_WEIGHTS } from "@core/timetabling/problem";
import { WEIGHT_HELP, WEIGHT_NAMES } from "@core/timetabling/weights";
import { timetablingConstraintLabel } from "../../../components/labels";
import type { EditorErrors } from "./field-errors";
import type { TimetableFormState } from "./form-state";

interface Props {
  state: TimetableFormState;
  update(next: (s: TimetableFormState) => TimetableFormState): void;
  errors: EditorErrors;
}

export function WeightsEditor({ state, update, errors }: Props) {
  const all = errors.weight("");
  return (
    <details className="card tt-weights" open={Boolean(all) || WEIGHT_NAMES.some((k) => errors.weight(k))}>
      <summary>Soft-constraint weights (optional)</summary>
      <p className="help">What one unit of each violation costs. Leave blank for the default; 0 ignores the constraint.</p>
      {all ? <p className="error">{all}</p> : null}
      <div className="filters">
        {WEIGHT_NAMES.map((name) => {
          const id = `tt-weight-${name}`;
          const error = errors.weight(name);
          return (
            <div className={error ? "field has-error" : "field"} key={name}>
              <label htmlFor={id}>{timetablingConstraintLabel(name)}</label>
              <input
                id={id}
                inputMode="decimal"
                placeholder={String(ITC_WEIGHTS[name])}
                value={state.weights[name] ?? ""}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  update((s) => ({ ...s, weights: { ...s.weights, [name]: value } }));
                }}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}
              />
              <span className="help" id={`${id}-help`}>
                {WEIGHT_HELP[name]}
              </span>
              {error ? (
                <p className="error" id={`${id}-error`}>
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
    </details>
  );
}
