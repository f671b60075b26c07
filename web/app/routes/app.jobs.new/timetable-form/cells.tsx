/**
 * The building blocks every table editor shares: a labelled cell input with its error (linked by
 * aria-describedby), a table section with its add button and table-level errors, and a row with
 * its remove button. Labels carry the row name for screen readers ("Course 2 Instructor").
 */
import type { InputHTMLAttributes, ReactNode } from "react";
import type { EditorErrors } from "./field-errors";
import type { TableName, TimetableFormState } from "./form-state";

interface CellProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "onChange" | "value"> {
  id: string;
  /** Visible label, e.g. "Instructor". */
  label: string;
  /** Read by screen readers before the label, e.g. "Course 2". */
  rowName: string;
  value: string;
  onValue(value: string): void;
  error?: string;
}

export function CellInput({ id, label, rowName, value, onValue, error, className, ...input }: CellProps) {
  const errorId = `${id}-error`;
  return (
    <div className={["field", "tt-cell", className, error ? "has-error" : ""].filter(Boolean).join(" ")}>
      <label htmlFor={id}>
        <span className="visually-hidden">{rowName} </span>
        {label}
      </label>
      <input id={id} value={value} onChange={(e) => onValue(e.currentTarget.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} {...input} />
      {error ? (
        <p className="error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface SectionProps {
  id: string;
  title: string;
  help?: ReactNode;
  /** Text of the add button, e.g. "Add room". */
  addLabel: string;
  onAdd(): void;
  errors: string[];
  children: ReactNode;
}

/** One table of the editor: heading, help, its rows, errors about the whole table, add button. */
export function TableSection({ id, title, help, addLabel, onAdd, errors, children }: SectionProps) {
  return (
    <section className="tt-table" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {help ? <p className="help">{help}</p> : null}
      {errors.map((message, i) => (
        <p className="error" key={i} id={i === 0 ? `${id}-error` : undefined}>
          {message}
        </p>
      ))}
      <ol className="tt-rows" aria-describedby={errors.length ? `${id}-error` : undefined}>
        {children}
      </ol>
      <button type="button" className="button small tt-add" onClick={onAdd}>
        {addLabel}
      </button>
    </section>
  );
}

interface RowProps {
  rowName: string;
  invalid: boolean;
  /** Disabled when the table must keep at least one row. */
  canRemove: boolean;
  onRemove(): void;
  children: ReactNode;
}

/** One row: its cells side by side (wrapping on narrow screens) and a remove button. */
export function TableRow({ rowName, invalid, canRemove, onRemove, children }: RowProps) {
  return (
    <li className={invalid ? "tt-row has-error" : "tt-row"} data-invalid={invalid || undefined}>
      {children}
      <button
        type="button"
        className="button small danger tt-remove"
        onClick={(e) => {
          // The pressed button disappears with its row: keep keyboard focus in the table (on its add button).
          const section = e.currentTarget.closest(".tt-table");
          onRemove();
          requestAnimationFrame(() => section?.querySelector<HTMLButtonElement>(".tt-add")?.focus());
        }}
        disabled={!canRemove}
        aria-label={`Remove ${rowName}`}
      >
        Remove
      </button>
    </li>
  );
}

/** What every table editor gets from the form editor. */
export interface TableEditorProps {
  state: TimetableFormState;
  update(change: (s: TimetableFormState) => TimetableFormState): void;
  errors: EditorErrors;
  /** The row just added: its first input takes the focus, so keyboard users can type at once. */
  focusKey: string | null;
  onAdd(table: TableName): void;
}
