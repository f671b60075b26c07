/**
 * Build a timetabling problem in a form. React state holds the tables; a hidden `model` field
 * carries the model document (form-state.ts) to the new-job action, which validates it exactly
 * like an upload and hands back problem+json paths that land on the right row and cell here.
 */
import { useMemo, useState } from "react";
import type { FieldError } from "@worker/http/problem";
import { CoursesEditor } from "./courses-editor";
import { indexEditorErrors } from "./field-errors";
import { addBlankRow, countKeptFields, exampleFormState, fromModelDocument, toModelDocument, type TableName, type TimetableFormState } from "./form-state";
import { GroupsEditor } from "./groups-editor";
import { InstructorsEditor } from "./instructors-editor";
import { RoomsEditor } from "./rooms-editor";
import { DaysEditor, PeriodsEditor } from "./time-editor";
import { WeightsEditor } from "./weights-editor";

interface Props {
  /** A model document to start from (an uploaded file opened in the form); the example otherwise. */
  initialModel?: unknown;
  /** Demos that can be opened in the form instead of the example. */
  demos: { id: string; title: string }[];
  errors: readonly FieldError[];
  busy: boolean;
}

export function TimetableEditor({ initialModel, demos, errors, busy }: Props) {
  const [state, setState] = useState<TimetableFormState>(() => (initialModel ? fromModelDocument(initialModel) : exampleFormState()));
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const indexed = useMemo(() => indexEditorErrors(errors), [errors]);
  const document = useMemo(() => toModelDocument(state), [state]);
  const json = JSON.stringify(document);
  const kept = countKeptFields(state);
  // Errors about the form as a whole: the hidden field, or the file to open.
  const fileError = errors.find((e) => e.path === "file" || e.path === "model" || e.path.startsWith("text"))?.message;

  const onAdd = (table: TableName) => {
    const { state: next, key } = addBlankRow(state, table);
    setState(next);
    setFocusKey(key);
  };
  const props = { state, update: setState, errors: indexed, focusKey, onAdd };
  const lectures = state.courses.reduce((n, c) => n + (Number(c.lecturesPerWeek) || 0), 0);
  const places = state.days.length * state.periods.length * state.rooms.length;

  return (
    <div className="stack tt-editor" data-testid="timetable-editor">
      <input type="hidden" name="model" value={json} />
      <p className="help" aria-live="polite" data-testid="timetable-editor-summary">
        {lectures} lectures to place in {state.days.length} days × {state.periods.length} periods × {state.rooms.length} rooms ({places} places).
        {kept ? ` ${kept} field${kept === 1 ? "" : "s"} of the opened file that this form does not show (features, pinned lectures…) are kept as they were.` : ""}
      </p>
      <div className="tt-pair">
        <DaysEditor {...props} />
        <PeriodsEditor {...props} />
      </div>
      <RoomsEditor {...props} />
      <InstructorsEditor {...props} />
      <CoursesEditor {...props} />
      <GroupsEditor {...props} />
      <WeightsEditor state={state} update={setState} errors={indexed} />
      <div className="button-row">
        <a className="button small" href={`data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(document, null, 2))}`} download="timetable-model.json">
          Download as JSON
        </a>
        <button type="button" className="button small" onClick={() => setState(exampleFormState())} disabled={busy}>
          Reset to the example
        </button>
      </div>
      <div className={fileError ? "field has-error" : "field"}>
        <label htmlFor="editor-file">Open a file in the form</label>
        <div className="button-row">
          <input
            id="editor-file"
            name="file"
            type="file"
            accept=".json,.csv,.xlsx,.ctt"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "editor-file-help editor-file-error" : "editor-file-help"}
          />
          <button className="button small" type="submit" name="intent" value="open-in-editor" disabled={busy}>
            Open in the form
          </button>
        </div>
        <p className="help" id="editor-file-help">
          A model JSON (as downloaded above or sent to the API), a filled-in spreadsheet template or an ITC-2007 .ctt file. It replaces what is in the form.
        </p>
        {fileError ? (
          <p className="error" id="editor-file-error" role="alert">
            {fileError}
          </p>
        ) : null}
      </div>
      {demos.length ? (
        <div className="field">
          <label htmlFor="editor-demo">Or start from a demo</label>
          <div className="button-row">
            <select id="editor-demo" name="editorDemo" defaultValue={demos[0].id}>
              {demos.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
            <button className="button small" type="submit" name="intent" value="open-demo-in-editor" disabled={busy}>
              Open demo in the form
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
