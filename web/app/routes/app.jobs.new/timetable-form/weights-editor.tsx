/**
 * Soft-constraint weights: what one unit of each violation costs. Blank keeps the default (shown
 * as the placeholder); 0 switches a constraint off. The names are the model's (and the API's).
 */
import { ITC_WEIGHTS } from "../../../../../core/timetabling/problem";
import type { EditorErrors } from "./field-errors";
import type { TimetableFormState } from "./form-state";

const HELP: Record<keyof typeof ITC_WEIGHTS, string> = {
  roomCapacity: "per student above a room's seats",
  minWorkingDays: "per missing teaching day of a course",
  curriculumCompactness: "per isolated lecture of a group",
  roomStability: "per extra room a course uses",
  periodPreference: "per unit of an instructor's period penalty",
  instructorDailyLimit: "per lecture above an instructor's daily maximum",
  doubleLectures: "per double-lecture course lecture left alone",
};

interface Props {
  state: TimetableFormState;
  update(next: (s: TimetableFormState) => TimetableFormState): void;
  errors: EditorErrors;
}

export function WeightsEditor({ state, update, errors }: Props) {
  const all = errors.weight("");
  return (
    <details className="card tt-weights" open={Boolean(all) || Object.keys(HELP).some((k) => errors.weight(k))}>
      <summary>Soft-constraint weights (optional)</summary>
      <p className="help">What one unit of each violation costs. Leave blank for the default; 0 ignores the constraint.</p>
      {all ? <p className="error">{all}</p> : null}
      <div className="filters">
        {(Object.keys(HELP) as (keyof typeof HELP)[]).map((name) => {
          const id = `tt-weight-${name}`;
          const error = errors.weight(name);
          return (
            <div className={error ? "field has-error" : "field"} key={name}>
              <label htmlFor={id}>{name}</label>
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
                {HELP[name]}
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
