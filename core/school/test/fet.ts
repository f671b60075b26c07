/** Builders for tiny hand-written `.fet` texts used by the tests (never copies of FET's examples). */

export interface TinyActivity {
  id: number;
  teachers?: string[];
  subject?: string;
  students?: string[];
  tags?: string[];
  duration?: number;
  groupId?: number;
  active?: boolean;
}

export interface TinySchool {
  days?: string[];
  hours?: string[];
  teachers?: string[];
  subjects?: string[];
  tags?: string[];
  /** Years with optional groups and subgroups; students counts default to 10. */
  years?: { name: string; groups?: { name: string; subgroups?: string[] }[] }[];
  /** Rooms; `sets` makes a FET virtual room: one real room is chosen from each set (names of real rooms). */
  rooms?: { name: string; capacity?: number; building?: string; sets?: string[][] }[];
  activities: TinyActivity[];
  /** Raw constraint elements (XML) added after the basic compulsory ones. */
  time?: string[];
  space?: string[];
  /** Leave out ConstraintBasicCompulsoryTime / Space. */
  noBasic?: boolean;
}

const x = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function fetText(s: TinySchool): string {
  const days = s.days ?? ["Mon", "Tue", "Wed"];
  const hours = s.hours ?? ["h1", "h2", "h3", "h4"];
  const teachers = s.teachers ?? ["T1", "T2"];
  const subjects = s.subjects ?? ["Math", "Art"];
  const years = s.years ?? [{ name: "Y1" }, { name: "Y2" }];
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<fet version="6.8.5">', "<Institution_Name>Test school</Institution_Name>", "<Comments></Comments>"];
  out.push(`<Days_List>\n<Number_of_Days>${days.length}</Number_of_Days>`, ...days.map((d) => `<Day>\n\t<Name>${x(d)}</Name>\n</Day>`), "</Days_List>");
  out.push(`<Hours_List>\n<Number_of_Hours>${hours.length}</Number_of_Hours>`, ...hours.map((h) => `<Hour>\n\t<Name>${x(h)}</Name>\n</Hour>`), "</Hours_List>");
  out.push("<Subjects_List>", ...subjects.map((n) => `<Subject>\n\t<Name>${x(n)}</Name>\n\t<Comments></Comments>\n</Subject>`), "</Subjects_List>");
  out.push(
    "<Activity_Tags_List>",
    ...(s.tags ?? []).map((n) => `<Activity_Tag>\n\t<Name>${x(n)}</Name>\n\t<Printable>true</Printable>\n\t<Comments></Comments>\n</Activity_Tag>`),
    "</Activity_Tags_List>",
  );
  out.push(
    "<Teachers_List>",
    ...teachers.map(
      (n) => `<Teacher>\n\t<Name>${x(n)}</Name>\n\t<Target_Number_of_Hours>0</Target_Number_of_Hours>\n\t<Qualified_Subjects>\n\t</Qualified_Subjects>\n\t<Comments></Comments>\n</Teacher>`,
    ),
    "</Teachers_List>",
  );
  out.push("<Students_List>");
  for (const y of years) {
    out.push(`<Year>\n\t<Name>${x(y.name)}</Name>\n\t<Number_of_Students>10</Number_of_Students>\n\t<Comments></Comments>`);
    for (const g of y.groups ?? []) {
      out.push(`\t<Group>\n\t\t<Name>${x(g.name)}</Name>\n\t\t<Number_of_Students>10</Number_of_Students>\n\t\t<Comments></Comments>`);
      for (const sg of g.subgroups ?? []) out.push(`\t\t<Subgroup>\n\t\t\t<Name>${x(sg)}</Name>\n\t\t\t<Number_of_Students>10</Number_of_Students>\n\t\t\t<Comments></Comments>\n\t\t</Subgroup>`);
      out.push("\t</Group>");
    }
    out.push("</Year>");
  }
  out.push("</Students_List>");
  out.push("<Activities_List>");
  for (const a of s.activities) {
    const dur = a.duration ?? 1;
    out.push(
      "<Activity>",
      ...(a.teachers ?? ["T1"]).map((t) => `\t<Teacher>${x(t)}</Teacher>`),
      `\t<Subject>${x(a.subject ?? subjects[0])}</Subject>`,
      ...(a.tags ?? []).map((t) => `\t<Activity_Tag>${x(t)}</Activity_Tag>`),
      ...(a.students ?? [years[0].name]).map((st) => `\t<Students>${x(st)}</Students>`),
      `\t<Duration>${dur}</Duration>`,
      `\t<Total_Duration>${dur}</Total_Duration>`,
      `\t<Id>${a.id}</Id>`,
      `\t<Activity_Group_Id>${a.groupId ?? 0}</Activity_Group_Id>`,
      `\t<Active>${a.active === false ? "false" : "true"}</Active>`,
      "\t<Comments></Comments>",
      "</Activity>",
    );
  }
  out.push("</Activities_List>");
  out.push("<Buildings_List>\n</Buildings_List>");
  const sets = (r: { sets?: string[][] }) =>
    r.sets
      ? `\t<Virtual>true</Virtual>\n\t<Number_of_Sets_of_Real_Rooms>${r.sets.length}</Number_of_Sets_of_Real_Rooms>\n` +
        r.sets
          .map(
            (set) =>
              `\t<Set_of_Real_Rooms>\n\t\t<Number_of_Real_Rooms>${set.length}</Number_of_Real_Rooms>\n${set.map((n) => `\t\t<Real_Room>${x(n)}</Real_Room>\n`).join("")}\t</Set_of_Real_Rooms>\n`,
          )
          .join("")
      : "\t<Virtual>false</Virtual>\n";
  out.push(
    "<Rooms_List>",
    ...(s.rooms ?? []).map(
      (r) => `<Room>\n\t<Name>${x(r.name)}</Name>\n\t<Building>${x(r.building ?? "")}</Building>\n\t<Capacity>${r.capacity ?? 30}</Capacity>\n${sets(r)}\t<Comments></Comments>\n</Room>`,
    ),
    "</Rooms_List>",
  );
  const basicT = s.noBasic ? [] : ["<ConstraintBasicCompulsoryTime>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintBasicCompulsoryTime>"];
  const basicS = s.noBasic
    ? []
    : ["<ConstraintBasicCompulsorySpace>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintBasicCompulsorySpace>"];
  out.push("<Time_Constraints_List>", ...basicT, ...(s.time ?? []), "</Time_Constraints_List>");
  out.push("<Space_Constraints_List>", ...basicS, ...(s.space ?? []), "</Space_Constraints_List>");
  out.push("</fet>");
  return out.join("\n") + "\n";
}

/** A constraint element from its type, weight and inner fields (already XML). */
export function constraint(type: string, weight: number, inner: string, active = true): string {
  return `<${type}>\n\t<Weight_Percentage>${weight}</Weight_Percentage>\n${inner}\n\t<Active>${active}</Active>\n\t<Comments></Comments>\n</${type}>`;
}

/** Day/Hour pair elements: `times("Not_Available_Time", [["Mon","h1"]])`. */
export function times(item: string, pairs: [string, string][], dayTag = "Day", hourTag = "Hour"): string {
  return pairs.map(([d, h]) => `\t<${item}>\n\t\t<${dayTag}>${d}</${dayTag}>\n\t\t<${hourTag}>${h}</${hourTag}>\n\t</${item}>`).join("\n");
}
