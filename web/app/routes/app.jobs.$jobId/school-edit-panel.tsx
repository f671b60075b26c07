/**
 * The edit panel under a FET school timetable being edited (school-timetable.tsx): how many lessons
 * moved and pinned (start and room), the costs before → after, the constraints the edit breaks (and fixes) in words
 * from the server's check (web/app/server/school-edit.server.ts), and "Re-solve from here": a fork of
 * the job that starts from the edited timetable with the pinned lessons locked.
 */
import { Form, useNavigation } from "@remix-run/react";
import type { SchoolCheckData } from "../../server/school-edit.server";
import { formatScore } from "../../components/format";
import { changedLessons, type SchoolEditState } from "./school-edit-state";
import type { SchoolPage } from "./school-page";

export type { RoomChange, SchoolEditState } from "./school-edit-state";

/** The "school-check" action's answer as the page takes it: the verdict, and the edited timetable of the one shown (school-page.ts). */
export type SchoolPageCheck = Omit<SchoolCheckData["schoolCheck"], "result"> & { page: SchoolPage };

type Check = Omit<SchoolPageCheck, "page">;
type Row = Check["broken"][number];

function describe(c: Row, labels: Record<string, string>): string {
  const label = labels[c.type] ?? c.type;
  const kind = c.hard ? "hard" : `soft, weight ${c.weight}%`;
  return `${label} (${kind}): ${c.before} → ${c.violations} ${c.violations === 1 ? "violation" : "violations"}`;
}

export function SchoolEditPanel(props: {
  edit: SchoolEditState;
  payload: string;
  checking: boolean;
  check: Check | null;
  error: string | null;
  canResolve: boolean;
  evaluations: number;
  onDiscard(): void;
}) {
  const { edit, check } = props;
  const busy = useNavigation().state !== "idle";
  const moved = changedLessons(edit).size;
  const roomPins = edit.roomPins.length;
  return (
    <section className="card stack school-edit" aria-labelledby="school-edit-title" data-testid="school-edit" data-state={props.checking ? "checking" : "checked"}>
      <h3 id="school-edit-title">Your changes</h3>
      <p>
        {moved} {moved === 1 ? "lesson" : "lessons"} moved, {edit.pins.length} pinned{roomPins ? `, ${roomPins} ${roomPins === 1 ? "room" : "rooms"} pinned` : ""}.{" "}
        <span aria-live="polite" data-testid="edit-figures">
          {props.checking ? "Checking…" : check ? `Hard violations ${check.before.hard} → ${check.hard}, soft penalty ${formatScore(check.before.soft)} → ${formatScore(check.soft)}.` : ""}
        </span>
      </p>
      {props.error ? (
        <p className="error" role="alert">
          {props.error}
        </p>
      ) : null}
      {check ? (
        check.broken.length ? (
          <>
            <p>
              <strong>This breaks:</strong>
            </p>
            <ul data-testid="edit-broken">
              {check.broken.map((c) => (
                <li key={`${c.path}@${c.weight}`} className={c.hard ? "error" : undefined}>
                  {describe(c, check.labels)}
                  <span className="muted detail"> — {c.description}</span>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p data-testid="edit-broken-none">This breaks no constraint.</p>
        )
      ) : null}
      {check?.fixed.length ? (
        <>
          <p>
            <strong>This fixes:</strong>
          </p>
          <ul data-testid="edit-fixed">
            {check.fixed.map((c) => (
              <li key={`${c.path}@${c.weight}`}>{describe(c, check.labels)}</li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post" className="stack">
        <input type="hidden" name="edit" value={props.payload} />
        {props.canResolve ? (
          <div className="filters">
            <div className="field">
              <label htmlFor="resolve-evaluations">Evaluations for the re-solve</label>
              <input id="resolve-evaluations" name="evaluations" type="number" min={1} step={1} defaultValue={props.evaluations} required />
            </div>
          </div>
        ) : (
          <p className="muted">This job cannot be forked, so it cannot be re-solved from here; the check above still shows what the changes break.</p>
        )}
        <div className="button-row">
          {props.canResolve ? (
            <button type="submit" className="button primary" name="intent" value="school-resolve" disabled={busy || props.checking || Boolean(props.error)}>
              Re-solve from here
            </button>
          ) : null}
          <button type="button" className="button" onClick={props.onDiscard}>
            Discard changes
          </button>
        </div>
        <p className="help">
          Re-solving starts a new job from this timetable: pinned lessons keep their hour, lessons with a pinned room keep their room (and the real rooms you chose), the rest may move to repair what
          the changes broke.
        </p>
      </Form>
    </section>
  );
}
