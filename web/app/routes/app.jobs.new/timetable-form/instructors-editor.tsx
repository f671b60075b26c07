/** Instructors and the periods they can never teach (a day × period grid of checkboxes). */
import { CellInput, TableRow, TableSection, type TableEditorProps } from "./cells";
import { patchRow, removeRow, slotKey, type InstructorRow, type TimetableFormState } from "./form-state";

export function InstructorsEditor({ state, update, errors, focusKey, onAdd }: TableEditorProps) {
  return (
    <TableSection
      id="tt-instructors"
      title="Instructors"
      help="Optional. An instructor's courses never overlap and are never placed in the periods ticked as unavailable."
      addLabel="Add instructor"
      onAdd={() => onAdd("instructors")}
      errors={errors.table("instructors")}
    >
      {state.instructors.map((t, i) => {
        const rowName = `Instructor ${i + 1}`;
        const error = errors.cell("instructors", i, "unavailable");
        return (
          <TableRow key={t.key} rowName={rowName} invalid={errors.rowHasError("instructors", i)} canRemove onRemove={() => update((s) => removeRow(s, "instructors", t.key))}>
            <CellInput
              id={`tt-instructor-${t.key}-id`}
              label="Id"
              rowName={rowName}
              value={t.id}
              onValue={(id) => update((s) => patchRow(s, "instructors", t.key, { id }))}
              error={errors.cell("instructors", i, "id")}
              autoFocus={focusKey === t.key}
              required
            />
            <UnavailableGrid state={state} row={t} rowName={rowName} error={error} onChange={(unavailable) => update((s) => patchRow(s, "instructors", t.key, { unavailable }))} />
          </TableRow>
        );
      })}
    </TableSection>
  );
}

interface GridProps {
  state: TimetableFormState;
  row: InstructorRow;
  rowName: string;
  error?: string;
  onChange(unavailable: string[]): void;
}

/** Collapsed by default (most instructors have none); the summary says how many are ticked. */
function UnavailableGrid({ state, row, rowName, error, onChange }: GridProps) {
  const ticked = new Set(row.unavailable);
  const count = state.days.reduce((n, d) => n + state.periods.filter((p) => ticked.has(slotKey(d.key, p.key))).length, 0);
  const errorId = `tt-instructor-${row.key}-unavailable-error`;
  const toggle = (key: string, on: boolean) => onChange(on ? [...ticked, key] : row.unavailable.filter((k) => k !== key));
  return (
    <details className={error ? "tt-cell tt-unavailable has-error" : "tt-cell tt-unavailable"} open={Boolean(error) || undefined}>
      <summary>
        <span className="visually-hidden">{rowName} </span>Unavailable periods ({count})
      </summary>
      <div className="table-wrap">
        <table className="tt-slots">
          <caption className="visually-hidden">Periods {row.id || rowName} cannot teach</caption>
          <thead>
            <tr>
              <td />
              {state.days.map((d) => (
                <th scope="col" key={d.key}>
                  {d.name || d.id}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {state.periods.map((p) => (
              <tr key={p.key}>
                <th scope="row">{p.label || p.id}</th>
                {state.days.map((d) => {
                  const key = slotKey(d.key, p.key);
                  return (
                    <td key={d.key}>
                      <input
                        type="checkbox"
                        checked={ticked.has(key)}
                        onChange={(e) => toggle(key, e.currentTarget.checked)}
                        aria-label={`${row.id || rowName} unavailable ${d.name || d.id} ${p.label || p.id}`}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? errorId : undefined}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error ? (
        <p className="error" id={errorId}>
          {error}
        </p>
      ) : null}
    </details>
  );
}
