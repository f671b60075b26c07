/** Rooms and how many students each seats. */
import { CellInput, TableRow, TableSection, type TableEditorProps } from "./cells";
import { patchRow, removeRow } from "./form-state";

export function RoomsEditor({ state, update, errors, focusKey, onAdd }: TableEditorProps) {
  return (
    <TableSection
      id="tt-rooms"
      title="Rooms"
      help="Capacity is in seats: a course with more students than seats costs a penalty per missing seat."
      addLabel="Add room"
      onAdd={() => onAdd("rooms")}
      errors={errors.table("rooms")}
    >
      {state.rooms.map((r, i) => {
        const rowName = `Room ${i + 1}`;
        return (
          <TableRow key={r.key} rowName={rowName} invalid={errors.rowHasError("rooms", i)} canRemove={state.rooms.length > 1} onRemove={() => update((s) => removeRow(s, "rooms", r.key))}>
            <CellInput
              id={`tt-room-${r.key}-id`}
              label="Id"
              rowName={rowName}
              value={r.id}
              onValue={(id) => update((s) => patchRow(s, "rooms", r.key, { id }))}
              error={errors.cell("rooms", i, "id")}
              autoFocus={focusKey === r.key}
              required
            />
            <CellInput
              id={`tt-room-${r.key}-capacity`}
              label="Capacity"
              rowName={rowName}
              value={r.capacity}
              onValue={(capacity) => update((s) => patchRow(s, "rooms", r.key, { capacity }))}
              error={errors.cell("rooms", i, "capacity")}
              inputMode="numeric"
              required
            />
          </TableRow>
        );
      })}
    </TableSection>
  );
}
