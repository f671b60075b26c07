/** Courses: who teaches them, how many lectures a week, over how many days, how many students, which groups. */
import { CellInput, TableRow, TableSection, type TableEditorProps } from "./cells";
import { patchRow, removeRow, setMembership, type CourseRow } from "./form-state";

export function CoursesEditor({ state, update, errors, focusKey, onAdd }: TableEditorProps) {
  return (
    <TableSection
      id="tt-courses"
      title="Courses"
      help="Each lecture needs a period and a room. Minimum working days spreads the lectures over at least that many days (soft)."
      addLabel="Add course"
      onAdd={() => onAdd("courses")}
      errors={errors.table("courses")}
    >
      {state.courses.map((c, i) => {
        const rowName = `Course ${i + 1}`;
        const set = (patch: Partial<CourseRow>) => update((s) => patchRow(s, "courses", c.key, patch));
        const number = (field: "lecturesPerWeek" | "minWorkingDays" | "students", label: string, placeholder?: string) => (
          <CellInput
            id={`tt-course-${c.key}-${field}`}
            label={label}
            rowName={rowName}
            value={c[field]}
            onValue={(v) => set({ [field]: v })}
            error={errors.cell("courses", i, field)}
            inputMode="numeric"
            className="tt-narrow"
            placeholder={placeholder}
          />
        );
        const instructorError = errors.cell("courses", i, "instructor");
        const instructorId = `tt-course-${c.key}-instructor`;
        return (
          <TableRow key={c.key} rowName={rowName} invalid={errors.rowHasError("courses", i)} canRemove={state.courses.length > 1} onRemove={() => update((s) => removeRow(s, "courses", c.key))}>
            <CellInput
              id={`tt-course-${c.key}-id`}
              label="Id"
              rowName={rowName}
              value={c.id}
              onValue={(id) => set({ id })}
              error={errors.cell("courses", i, "id")}
              autoFocus={focusKey === c.key}
              required
            />
            <div className={instructorError ? "field tt-cell has-error" : "field tt-cell"}>
              <label htmlFor={instructorId}>
                <span className="visually-hidden">{rowName} </span>Instructor
              </label>
              <select
                id={instructorId}
                value={c.instructor}
                onChange={(e) => set({ instructor: e.currentTarget.value })}
                aria-invalid={instructorError ? true : undefined}
                aria-describedby={instructorError ? `${instructorId}-error` : undefined}
              >
                <option value="">— none —</option>
                {state.instructors.map((t, ti) => (
                  <option key={t.key} value={t.key}>
                    {t.id || `instructor ${ti + 1}`}
                  </option>
                ))}
              </select>
              {instructorError ? (
                <p className="error" id={`${instructorId}-error`}>
                  {instructorError}
                </p>
              ) : null}
            </div>
            {number("lecturesPerWeek", "Lectures / week")}
            {number("minWorkingDays", "Min. days", "0")}
            {number("students", "Students", "0")}
            <GroupChecks course={c} rowName={rowName} error={errors.cell("courses", i, "groups")} groups={state.groups} onToggle={(g, on) => update((s) => setMembership(s, c.key, g, on))} />
          </TableRow>
        );
      })}
    </TableSection>
  );
}

interface GroupChecksProps {
  course: CourseRow;
  rowName: string;
  error?: string;
  groups: { key: string; id: string }[];
  onToggle(groupKey: string, member: boolean): void;
}

function GroupChecks({ course, rowName, error, groups, onToggle }: GroupChecksProps) {
  const errorId = `tt-course-${course.key}-groups-error`;
  return (
    <fieldset className={error ? "tt-cell tt-checks has-error" : "tt-cell tt-checks"} aria-describedby={error ? errorId : undefined}>
      <legend>
        <span className="visually-hidden">{rowName} </span>Groups
      </legend>
      {groups.length === 0 ? <span className="muted">No groups.</span> : null}
      {groups.map((g, gi) => (
        <label key={g.key} className="tt-check">
          <input type="checkbox" checked={course.groups.includes(g.key)} onChange={(e) => onToggle(g.key, e.currentTarget.checked)} />
          <span className="visually-hidden">{rowName} in </span>
          {g.id || `group ${gi + 1}`}
        </label>
      ))}
      {error ? (
        <p className="error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
