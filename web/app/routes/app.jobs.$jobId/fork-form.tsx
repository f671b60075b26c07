/**
 * Fork: a new job continuing from this one's latest checkpoint with more evaluations, changed
 * numeric parameters (rates, factors — what a restored run can take; the service refuses the rest)
 * and, for timetables, changed soft-constraint weights (the fork re-scores the population).
 */
import { Form, useNavigation } from "@remix-run/react";
import { paramLabel, timetablingConstraintLabel } from "../../components/labels";

export interface ForkParam {
  name: string;
  value: number;
  min?: number;
  max?: number;
  help: string;
}

export interface ForkWeight {
  name: string;
  value: number;
  help: string;
}

export function ForkForm({ params, weights, evaluations, error }: { params: ForkParam[]; weights: ForkWeight[]; evaluations: number; error?: string | null }) {
  const busy = useNavigation().state !== "idle";
  return (
    <details className="card" style={{ marginBottom: 12 }} data-testid="fork-form">
      <summary>{weights.length ? "Fork with changed parameters or weights…" : "Fork with changed parameters…"}</summary>
      <Form method="post" className="stack" style={{ marginTop: 10 }}>
        <div className="filters">
          <div className="field">
            <label htmlFor="fork-evaluations">More evaluations</label>
            <input id="fork-evaluations" name="evaluations" type="number" min={1} step={1} defaultValue={evaluations} required />
          </div>
          {params.map((p) => (
            <div className="field" key={p.name}>
              <label htmlFor={`fork-${p.name}`} title={p.help}>
                {paramLabel(p.name)}
              </label>
              <input id={`fork-${p.name}`} name={`param.${p.name}`} type="number" step="any" min={p.min} max={p.max} defaultValue={p.value} />
            </div>
          ))}
        </div>
        {weights.length ? (
          <fieldset className="filters" data-testid="fork-weights">
            <legend>Soft-constraint weights (cost per violation)</legend>
            {weights.map((w) => (
              <div className="field" key={w.name}>
                <label htmlFor={`fork-weight-${w.name}`} title={w.help}>
                  {timetablingConstraintLabel(w.name)}
                </label>
                <input id={`fork-weight-${w.name}`} name={`weight.${w.name}`} type="number" step="any" min={0} max={1_000_000} defaultValue={w.value} aria-describedby={`fork-weight-${w.name}-help`} />
                <span id={`fork-weight-${w.name}-help`} className="muted" style={{ fontSize: "0.8rem" }}>
                  {w.help}
                </span>
              </div>
            ))}
          </fieldset>
        ) : null}
        {error ? <p className="error">{error}</p> : null}
        <div className="button-row">
          <button type="submit" className="button small" name="intent" value="fork" disabled={busy}>
            Start fork
          </button>
        </div>
      </Form>
    </details>
  );
}
