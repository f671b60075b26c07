/** Days of the week and the periods of each day (the same periods every day, in order). */
import { CellInput, TableRow, TableSection, type TableEditorProps } from "./cells";
import { patchRow, removeRow } from "./form-state";

export function DaysEditor({ state, update, errors, focusKey, onAdd }: TableEditorProps) {
  return (
    <TableSection id="tt-days" title="Days" help="Ids are what other tables and exports refer to; the name is optional." addLabel="Add day" onAdd={() => onAdd("days")} errors={errors.table("days")}>
      {state.days.map((d, i) => {
        const rowName = `Day ${i + 1}`;
        return (
          <TableRow key={d.key} rowName={rowName} invalid={errors.rowHasError("days", i)} canRemove={state.days.length > 1} onRemove={() => update((s) => removeRow(s, "days", d.key))}>
            <CellInput
              id={`tt-day-${d.key}-id`}
              label="Id"
              rowName={rowName}
              value={d.id}
              onValue={(id) => update((s) => patchRow(s, "days", d.key, { id }))}
              error={errors.cell("days", i, "id")}
              autoFocus={focusKey === d.key}
              required
            />
            <CellInput
              id={`tt-day-${d.key}-name`}
              label="Name"
              rowName={rowName}
              value={d.name}
              onValue={(name) => update((s) => patchRow(s, "days", d.key, { name }))}
              error={errors.cell("days", i, "name")}
              placeholder="optional"
            />
          </TableRow>
        );
      })}
    </TableSection>
  );
}

export function PeriodsEditor({ state, update, errors, focusKey, onAdd }: TableEditorProps) {
  return (
    <TableSection
      id="tt-periods"
      title="Periods per day"
      help="In teaching order: neighbouring periods count as back-to-back. The label (e.g. 09:00) is shown in the timetable."
      addLabel="Add period"
      onAdd={() => onAdd("periods")}
      errors={errors.table("periods")}
    >
      {state.periods.map((p, i) => {
        const rowName = `Period ${i + 1}`;
        return (
          <TableRow key={p.key} rowName={rowName} invalid={errors.rowHasError("periods", i)} canRemove={state.periods.length > 1} onRemove={() => update((s) => removeRow(s, "periods", p.key))}>
            <CellInput
              id={`tt-period-${p.key}-id`}
              label="Id"
              rowName={rowName}
              value={p.id}
              onValue={(id) => update((s) => patchRow(s, "periods", p.key, { id }))}
              error={errors.cell("periods", i, "id")}
              autoFocus={focusKey === p.key}
              required
            />
            <CellInput
              id={`tt-period-${p.key}-label`}
              label="Label"
              rowName={rowName}
              value={p.label}
              onValue={(label) => update((s) => patchRow(s, "periods", p.key, { label }))}
              error={errors.cell("periods", i, "name")}
              placeholder="optional"
            />
          </TableRow>
        );
      })}
    </TableSection>
  );
}
