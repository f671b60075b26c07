/**
 * The validation result shown before submitting: errors with their paths, size vs the plan's
 * limits, and for a FET school its pre-flight summary (school-summary.tsx).
 */
import type { Validation } from "../../server/problem-intake.server";
import { SchoolSummary } from "./school-summary";

export function ValidationSummary({ validation }: { validation: Validation }) {
  return (
    <section className={`card notice ${validation.ok ? "success" : "error"}`} aria-live="polite" aria-labelledby="validation-title">
      <h2 id="validation-title">{validation.ok ? `${validation.source} is valid` : `${validation.source} has problems`}</h2>
      {validation.errors.length ? (
        <ul>
          {validation.errors.map((e, i) => (
            <li key={i}>
              <code>{e.path || "(document)"}</code>
              {e.sheet ? ` sheet ${e.sheet}` : ""}
              {e.line !== undefined ? ` line ${e.line}` : ""}
              {e.column !== undefined ? ` column ${e.column}` : ""}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {validation.size.length ? (
        <table className="data">
          <caption className="visually-hidden">Problem size against the {validation.tier} plan</caption>
          <thead>
            <tr>
              <th scope="col">Size</th>
              <th scope="col">This problem</th>
              <th scope="col">{validation.tier} plan limit</th>
            </tr>
          </thead>
          <tbody>
            {validation.size.map((s) => (
              <tr key={s.name}>
                <td>{s.name}</td>
                <td>{s.value.toLocaleString("en-US")}</td>
                <td>{s.limit === null ? "no limit" : `${s.limit.toLocaleString("en-US")} ${s.within ? "✓" : "— over the limit"}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {validation.school ? <SchoolSummary school={validation.school} ignoring={validation.school.unsupported.length > 0 && !validation.school.refused} /> : null}
    </section>
  );
}
