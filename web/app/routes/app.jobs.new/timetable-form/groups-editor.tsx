/** Student groups (curricula): the courses of one group never overlap. */
import { CellInput, TableRow, TableSection, type TableEditorProps } from "./cells";
import { patchRow, removeRow, setMembership } from "./form-state";

export function GroupsEditor({ state, update, errors, focusKey, onAdd }: TableEditorProps) {
  return (
    <TableSection
      id="tt-groups"
      title="Groups (curricula)"
      help="Optional. Tick the courses a group of students takes; the same ticks show on each course."
      addLabel="Add group"
      onAdd={() => onAdd("groups")}
      errors={errors.table("groups")}
    >
      {state.groups.map((g, i) => {
        const rowName = `Group ${i + 1}`;
        return (
          <TableRow key={g.key} rowName={rowName} invalid={errors.rowHasError("groups", i)} canRemove onRemove={() => update((s) => removeRow(s, "groups", g.key))}>
            <CellInput
              id={`tt-group-${g.key}-id`}
              label="Id"
              rowName={rowName}
              value={g.id}
              onValue={(id) => update((s) => patchRow(s, "groups", g.key, { id }))}
              error={errors.cell("groups", i, "id")}
              autoFocus={focusKey === g.key}
              required
            />
            <fieldset className="tt-cell tt-checks">
              <legend>
                <span className="visually-hidden">{rowName} </span>Courses
              </legend>
              {state.courses.length === 0 ? <span className="muted">No courses yet.</span> : null}
              {state.courses.map((c, ci) => (
                <label key={c.key} className="tt-check">
                  <input type="checkbox" checked={c.groups.includes(g.key)} onChange={(e) => update((s) => setMembership(s, c.key, g.key, e.currentTarget.checked))} />
                  <span className="visually-hidden">{rowName} takes </span>
                  {c.id || `course ${ci + 1}`}
                </label>
              ))}
            </fieldset>
          </TableRow>
        );
      })}
    </TableSection>
  );
}
