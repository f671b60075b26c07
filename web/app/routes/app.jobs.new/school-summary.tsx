/**
 * The pre-flight summary of a FET school (core/school/summary.ts via problem-intake.server.ts):
 * what the file holds before anything runs — teachers, classes, lessons, hours to place, the
 * constraints by type in plain words — and the constraint types Evolve does not support, with the
 * choice to solve without them.
 */
import type { FetSummary } from "@core/school/summary";
import { fetConstraintLabel } from "../../components/labels";
import { TableWrap } from "../../components/table-wrap";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

export function SchoolSummary({ school, ignoring }: { school: FetSummary; ignoring: boolean }) {
  const figures: [string, string][] = [
    ["Week", `${plural(school.days, "day")} × ${plural(school.hoursPerDay, "hour")}`],
    ["Teachers", school.teachers.toLocaleString("en-US")],
    ["Classes (students sets)", `${plural(school.students.years, "year")}, ${plural(school.students.groups, "group")}, ${plural(school.students.subgroups, "subgroup")}`],
    ["Subjects", school.subjects.toLocaleString("en-US")],
    ["Rooms", school.rooms.toLocaleString("en-US")],
    ["Lessons (activities)", `${school.activities.active.toLocaleString("en-US")}${school.activities.inactive ? ` (+${school.activities.inactive} inactive, left out)` : ""}`],
    ["Hours to place", school.hours.toLocaleString("en-US")],
    ["Constraints", `${school.constraints.active.toLocaleString("en-US")} active${school.constraints.inactive ? `, ${school.constraints.inactive} inactive` : ""}`],
  ];
  const active = school.constraints.byType.filter((t) => t.active > 0 || t.inactive > 0);
  return (
    <section className="card stack" aria-labelledby="school-summary-title" data-testid="school-summary">
      <h2 id="school-summary-title">{school.institution || "School"}: what the file holds</h2>
      <dl className="summary-list">
        {figures.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd data-figure={name}>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="help">
        Days: {school.dayNames.join(", ")}. Hours: {school.hourNames.join(", ")}.
      </p>
      <TableWrap label="Constraints by type">
        <table className="data" data-testid="school-constraints">
          <caption>Constraints by type</caption>
          <thead>
            <tr>
              <th scope="col">Constraint</th>
              <th scope="col">About</th>
              <th scope="col">Active</th>
              <th scope="col">Supported</th>
            </tr>
          </thead>
          <tbody>
            {active.map((t) => (
              <tr key={t.type} className={t.supported ? undefined : "unsupported"}>
                <td title={t.type}>{fetConstraintLabel(t.type)}</td>
                <td>{t.list === "time" ? "Time" : "Rooms"}</td>
                <td>
                  {t.active}
                  {t.inactive ? ` (+${t.inactive} inactive)` : ""}
                </td>
                <td>{t.supported ? "yes" : t.active ? "no" : "no (inactive)"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {school.unsupported.length ? (
        <div className={`notice ${ignoring ? "" : "error"}`} role={ignoring ? undefined : "alert"} data-testid="school-unsupported">
          <h3>Not supported by Evolve</h3>
          <ul>
            {school.unsupported.map((u) => (
              <li key={u.type}>
                {fetConstraintLabel(u.type)}: {plural(u.count, "constraint")}
              </li>
            ))}
          </ul>
          <div className="field checkbox">
            <label>
              <input type="checkbox" name="ignoreUnsupported" defaultChecked={ignoring} /> Solve without these {plural(school.unsupported.length, "type")} (they are left out of the timetable and
              listed with the result)
            </label>
          </div>
          <p className="help">{ignoring ? "They will be ignored." : "Without this choice the file is refused. Tick it, then validate again or start the job."}</p>
        </div>
      ) : null}
    </section>
  );
}
