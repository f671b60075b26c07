/**
 * Fork: a new job continuing from this one's latest checkpoint with more evaluations and changed
 * numeric parameters (rates, factors — what a restored run can take; the service refuses the rest).
 * Soft-constraint weights belong to the problem document, which a fork keeps.
 */
import { Form, useNavigation } from "@remix-run/react";

export interface ForkParam {
  name: string;
  value: number;
  min?: number;
  max?: number;
  help: string;
}

export function ForkForm({ params, evaluations, error }: { params: ForkParam[]; evaluations: number; error?: string | null }) {
  const busy = useNavigation().state !== "idle";
  return (
    <details className="card" style={{ marginBottom: 12 }} data-testid="fork-form">
      <summary>Fork with changed parameters…</summary>
      <Form method="post" className="stack" style={{ marginTop: 10 }}>
        <div className="filters">
          <div className="field">
            <label htmlFor="fork-evaluations">More evaluations</label>
            <input id="fork-evaluations" name="evaluations" type="number" min={1} step={1} defaultValue={evaluations} required />
          </div>
          {params.map((p) => (
            <div className="field" key={p.name}>
              <label htmlFor={`fork-${p.name}`} title={p.help}>
                {p.name}
              </label>
              <input id={`fork-${p.name}`} name={`param.${p.name}`} type="number" step="any" min={p.min} max={p.max} defaultValue={p.value} />
            </div>
          ))}
        </div>
        {error ? <p className="error">{error}</p> : null}
        <div className="button-row">
          <button className="button small" name="intent" value="fork" disabled={busy}>
            Start fork
          </button>
        </div>
      </Form>
    </details>
  );
}
