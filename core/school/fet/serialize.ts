/**
 * `fetInputToText(input)`: a `FetInput` (types.ts) → `.fet` text in FET's own layout (lists with
 * their `Number_of_…` counts, one element per line, tabs for nesting). `readFet` of the text gives
 * back the same input (names, students, rooms, activities, every constraint element), which is how
 * the JSON school model (core/school/model/) becomes a file FET opens. Constraint elements are
 * written from their node trees in order. Everything is escaped; the caller bounds the sizes
 * (core/school/model/to-fet.ts checks FET_LIMITS before building the input).
 */
import type { FetInput, FetNode } from "./types";

/** The FET version written in `<fet version="…">` (the fet-cl the tests run). */
export const FET_WRITE_VERSION = "6.8.5";

/** XML text escaping; "\r" as a character reference, since XML parsers turn a raw "\r" (and "\r\n") into "\n". */
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\r/g, "&#13;");

export function fetInputToText(input: FetInput): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', "", `<fet version="${esc(input.version || FET_WRITE_VERSION)}">`, ""];
  const el = (tabs: number, name: string, text: string | number | boolean) => out.push(`${"\t".repeat(tabs)}<${name}>${esc(String(text))}</${name}>`);
  out.push(`<Institution_Name>${esc(input.institution)}</Institution_Name>`, "", "<Comments></Comments>", "");

  const named = (list: string, item: string, names: string[], countName?: string, extra: (name: string) => void = () => {}) => {
    out.push(`<${list}>`);
    if (countName) el(0, countName, names.length);
    for (const n of names) {
      out.push(`<${item}>`);
      el(1, "Name", n);
      extra(n);
      out.push(`</${item}>`);
    }
    out.push(`</${list}>`, "");
  };
  named("Days_List", "Day", input.days, "Number_of_Days");
  named("Hours_List", "Hour", input.hours, "Number_of_Hours");
  named("Subjects_List", "Subject", input.subjects, undefined, () => el(1, "Comments", ""));
  named("Activity_Tags_List", "Activity_Tag", input.activityTags, undefined, () => {
    el(1, "Printable", "true");
    el(1, "Comments", "");
  });
  named("Teachers_List", "Teacher", input.teachers, undefined, () => {
    el(1, "Target_Number_of_Hours", 0);
    out.push("\t<Qualified_Subjects>", "\t</Qualified_Subjects>");
    el(1, "Comments", "");
  });

  out.push("<Students_List>");
  for (const y of input.years) {
    out.push("<Year>");
    el(1, "Name", y.name);
    el(1, "Number_of_Students", y.students);
    el(1, "Comments", "");
    for (const g of y.groups) {
      out.push("\t<Group>");
      el(2, "Name", g.name);
      el(2, "Number_of_Students", g.students);
      el(2, "Comments", "");
      for (const s of g.subgroups) {
        out.push("\t\t<Subgroup>");
        el(3, "Name", s.name);
        el(3, "Number_of_Students", s.students);
        el(3, "Comments", "");
        out.push("\t\t</Subgroup>");
      }
      out.push("\t</Group>");
    }
    out.push("</Year>");
  }
  out.push("</Students_List>", "");

  out.push("<Activities_List>");
  for (const a of input.activities) {
    out.push("<Activity>");
    for (const t of a.teachers) el(1, "Teacher", t);
    el(1, "Subject", a.subject);
    for (const t of a.tags) el(1, "Activity_Tag", t);
    for (const s of a.students) el(1, "Students", s);
    el(1, "Duration", a.duration);
    el(1, "Total_Duration", a.totalDuration || a.duration);
    el(1, "Id", a.id);
    el(1, "Activity_Group_Id", a.groupId);
    if (a.numberOfStudents !== undefined) el(1, "Number_Of_Students", a.numberOfStudents);
    el(1, "Active", a.active);
    el(1, "Comments", "");
    out.push("</Activity>");
  }
  out.push("</Activities_List>", "");

  named("Buildings_List", "Building", input.buildings, undefined, () => el(1, "Comments", ""));
  out.push("<Rooms_List>");
  for (const r of input.rooms) {
    out.push("<Room>");
    el(1, "Name", r.name);
    el(1, "Building", r.building);
    el(1, "Capacity", r.capacity);
    el(1, "Virtual", r.virtual);
    if (r.virtual && r.sets) {
      el(1, "Number_of_Sets_of_Real_Rooms", r.sets.length);
      for (const set of r.sets) {
        out.push("\t<Set_of_Real_Rooms>");
        el(2, "Number_of_Real_Rooms", set.length);
        for (const n of set) el(2, "Real_Room", n);
        out.push("\t</Set_of_Real_Rooms>");
      }
    }
    el(1, "Comments", "");
    out.push("</Room>");
  }
  out.push("</Rooms_List>", "");

  for (const [list, constraints] of [
    ["Time_Constraints_List", input.timeConstraints],
    ["Space_Constraints_List", input.spaceConstraints],
  ] as const) {
    out.push(`<${list}>`);
    for (const c of constraints) writeNode(out, c.node, 0);
    out.push(`</${list}>`, "");
  }
  out.push("</fet>", "");
  return out.join("\n");
}

function writeNode(out: string[], node: FetNode, depth: number): void {
  const tabs = "\t".repeat(depth);
  if (node.children.length === 0) {
    out.push(`${tabs}<${node.name}>${esc(node.text)}</${node.name}>`);
    return;
  }
  out.push(`${tabs}<${node.name}>`);
  for (const c of node.children) writeNode(out, c, depth + 1);
  out.push(`${tabs}</${node.name}>`);
}
