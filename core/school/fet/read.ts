/**
 * `.fet` text → `FetInput` (types.ts). XML is parsed with `saxes`, so every error carries the line
 * and column; errors are `ProblemError`s whose path names the element, e.g.
 * `Activities_List/Activity[12]/Duration`. Sizes (FET_LIMITS) are checked while reading: a file
 * beyond a limit is refused as soon as the limit is crossed, naming the limit.
 */
import { SaxesParser } from "saxes";
import { ProblemError, type InputIssue } from "../../engine/errors";
import { FET_LIMITS, type FetActivity, type FetConstraint, type FetInput, type FetNode, type FetRoom, type FetYear } from "./types";

/** Where a counted element lives (parent element name → child name) and which limit caps it. */
const COUNTED: Record<string, { limit: keyof typeof FET_LIMITS; what: string }> = {
  "Days_List/Day": { limit: "days", what: "days" },
  "Hours_List/Hour": { limit: "hoursPerDay", what: "hours per day" },
  "Subjects_List/Subject": { limit: "subjects", what: "subjects" },
  "Activity_Tags_List/Activity_Tag": { limit: "activityTags", what: "activity tags" },
  "Teachers_List/Teacher": { limit: "teachers", what: "teachers" },
  "Students_List/Year": { limit: "studentSets", what: "years" },
  "Year/Group": { limit: "studentSets", what: "groups" },
  "Group/Subgroup": { limit: "subgroupEntries", what: "subgroup entries (<Subgroup> elements in all groups)" },
  "Buildings_List/Building": { limit: "buildings", what: "buildings" },
  "Rooms_List/Room": { limit: "rooms", what: "rooms" },
  "Activities_List/Activity": { limit: "activities", what: "activities" },
  "Time_Constraints_List/*": { limit: "constraints", what: "constraints" },
  "Space_Constraints_List/*": { limit: "constraints", what: "constraints" },
};

function tooBig(what: string, limit: number, line?: number, column?: number, path: string[] = []): ProblemError {
  return new ProblemError({ path, message: `too many ${what}: the limit is ${limit.toLocaleString("en-US")}`, line, column });
}

/** Parse XML into a bounded element tree (root = the `fet` element). */
export function parseFetXml(text: string): FetNode {
  if (typeof text !== "string") throw new ProblemError({ path: [], message: "a .fet file must be text" });
  if (text.length > FET_LIMITS.textChars) {
    throw new ProblemError({
      path: [],
      message: `the .fet text is too large: ${text.length.toLocaleString("en-US")} characters, the limit is ${FET_LIMITS.textChars.toLocaleString("en-US")} (text bytes)`,
    });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: FetNode[] = [];
  const counts = new Map<string, number>();
  let root: FetNode | undefined;
  let elements = 0;
  let startLine = 1;
  let startColumn = 1;
  let constraintsSeen = 0;
  parser.on("opentagstart", () => {
    startLine = parser.line;
    // saxes' column is 0-based and already past "<"
    startColumn = Math.max(1, parser.column);
  });
  parser.on("opentag", (tag) => {
    if (++elements > FET_LIMITS.elements) throw tooBig("XML elements", FET_LIMITS.elements, startLine, startColumn);
    if (stack.length >= FET_LIMITS.depth)
      throw new ProblemError({ path: stack.map((n) => n.name), message: `elements nested deeper than ${FET_LIMITS.depth} levels`, line: startLine, column: startColumn });
    const node: FetNode = { name: tag.name, text: "", children: [], line: startLine, column: startColumn };
    const parent = stack[stack.length - 1];
    if (parent) {
      const isConstraint = parent.name === "Time_Constraints_List" || parent.name === "Space_Constraints_List";
      const key = isConstraint ? `${parent.name}/*` : `${parent.name}/${tag.name}`;
      const rule = COUNTED[key];
      if (rule) {
        const n = isConstraint ? ++constraintsSeen : (counts.get(key) ?? 0) + 1;
        counts.set(key, n);
        const limit = FET_LIMITS[rule.limit] as number;
        if (n > limit) throw tooBig(rule.what, limit, startLine, startColumn, [parent.name]);
      }
      parent.children.push(node);
    } else if (root) {
      throw new ProblemError({ path: [], message: "more than one root element", line: startLine, column: startColumn });
    } else {
      root = node;
    }
    stack.push(node);
  });
  parser.on("text", (t) => {
    const top = stack[stack.length - 1];
    if (!top) return;
    // whitespace between a container's children (trimmed away at its end anyway) does not count
    // against the text limit: a group listing thousands of subgroups is not one long text
    if (top.children.length > 0 && t.trim() === "") return;
    if (top.text.length + t.length > FET_LIMITS.textPerElement) {
      throw new ProblemError({ path: stack.map((n) => n.name), message: `element text longer than ${FET_LIMITS.textPerElement} characters`, line: parser.line, column: parser.column });
    }
    top.text += t;
  });
  parser.on("cdata", (t) => {
    const top = stack[stack.length - 1];
    if (top && top.text.length + t.length <= FET_LIMITS.textPerElement) top.text += t;
  });
  parser.on("closetag", () => {
    const node = stack.pop();
    // FET keeps a name's spaces ("5 C " and "5 C" are two rooms); only container elements are trimmed.
    if (node && node.children.length > 0) node.text = node.text.trim();
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (e instanceof ProblemError) throw e;
    const msg = String((e as Error).message ?? e).replace(/^[^:]*:\d+:\d+: /, "");
    throw new ProblemError({ path: stack.map((n) => n.name), message: `not well-formed XML: ${msg}`, line: parser.line, column: parser.column + 1 });
  }
  if (!root) throw new ProblemError({ path: [], message: "not a FET file: no XML element found", line: 1, column: 1 });
  if (root.name !== "fet") {
    throw new ProblemError({ path: [root.name], message: `not a FET file: the root element is <${root.name}>, expected <fet>`, line: root.line, column: root.column });
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// Typed extraction

/** Helpers over one element, raising ProblemErrors that name `path` and the element's line. */
export class Fields {
  constructor(
    readonly node: FetNode,
    readonly path: string,
  ) {}

  all(name: string): FetNode[] {
    return this.node.children.filter((c) => c.name === name);
  }
  first(name: string): FetNode | undefined {
    return this.node.children.find((c) => c.name === name);
  }
  error(message: string, child?: FetNode | string): ProblemError {
    const at = typeof child === "object" ? child : undefined;
    const name = typeof child === "string" ? child : child?.name;
    return new ProblemError({ path: [name ? `${this.path}/${name}` : this.path], message, line: (at ?? this.node).line, column: (at ?? this.node).column });
  }
  /** Required text of a child. */
  text(name: string): string {
    const c = this.first(name);
    if (!c) throw this.error(`<${name}> is missing`, name);
    return c.text;
  }
  optText(name: string): string | undefined {
    return this.first(name)?.text;
  }
  texts(name: string): string[] {
    return this.all(name).map((c) => c.text);
  }
  /** Required integer child within [min, max]. */
  int(name: string, min: number, max: number, fallback?: number): number {
    const c = this.first(name);
    if (!c) {
      if (fallback !== undefined) return fallback;
      throw this.error(`<${name}> is missing`, name);
    }
    return intOf(c, `${this.path}/${name}`, min, max);
  }
  /** A number (FET weights are reals such as 95 or 99.5). */
  num(name: string, min: number, max: number, fallback?: number): number {
    const c = this.first(name);
    if (!c) {
      if (fallback !== undefined) return fallback;
      throw this.error(`<${name}> is missing`, name);
    }
    const t = c.text.trim();
    const v = Number(t);
    if (t === "" || !Number.isFinite(v) || v < min || v > max) throw this.error(`must be a number from ${min} to ${max}, got "${short(c.text)}"`, c);
    return v;
  }
  bool(name: string, fallback: boolean): boolean {
    const c = this.first(name);
    if (!c) return fallback;
    const t = c.text.trim();
    if (t === "true" || t === "1") return true;
    if (t === "false" || t === "0") return false;
    throw this.error(`must be true or false, got "${short(c.text)}"`, c);
  }
}

export function intOf(node: FetNode, path: string, min: number, max: number): number {
  const t = node.text.trim();
  const v = Number(t);
  if (!/^[+-]?\d+$/.test(t) || v < min || v > max) {
    throw new ProblemError({ path: [path], message: `must be an integer from ${min} to ${max}, got "${short(node.text)}"`, line: node.line, column: node.column });
  }
  return v;
}

const short = (s: string) => (s.length > 40 ? s.slice(0, 40) + "…" : s);

/** `.fet` text → FetInput. Throws ProblemError (path, line, column) for anything not FET-shaped. */
export function readFet(text: string): FetInput {
  const root = parseFetXml(text);
  const top = new Fields(root, "fet");
  const warnings: string[] = [];
  const list = (name: string) => top.first(name);
  const names = (listName: string, item: string): string[] => {
    const l = list(listName);
    if (!l) return [];
    const out: string[] = [];
    const seen = new Set<string>();
    let i = 0;
    for (const c of l.children) {
      if (c.name !== item) continue;
      i++;
      const f = new Fields(c, `${listName}/${item}[${i}]`);
      // Old FET files write <Day>Monday</Day>; newer ones <Day><Name>Monday</Name></Day>.
      const name = f.first("Name") ? f.text("Name") : c.text;
      // FET itself reads such files: a repeated name is the same item (kept once), with a warning.
      if (seen.has(name)) {
        warnings.push(`line ${c.line}: ${listName}/${item}[${i}]: duplicate name "${short(name)}" (kept once)`);
        continue;
      }
      seen.add(name);
      out.push(name);
    }
    return out;
  };
  const days = names("Days_List", "Day");
  const hours = names("Hours_List", "Hour");
  if (!list("Days_List") || days.length === 0) throw top.error("not a FET timetable: <Days_List> with at least one <Day> is required", "Days_List");
  if (!list("Hours_List") || hours.length === 0) throw top.error("not a FET timetable: <Hours_List> with at least one <Hour> is required", "Hours_List");
  const subjects = names("Subjects_List", "Subject");
  const activityTags = names("Activity_Tags_List", "Activity_Tag");
  const teachers = names("Teachers_List", "Teacher");
  const buildings = names("Buildings_List", "Building");

  const years: FetYear[] = [];
  const studentsList = list("Students_List");
  // distinct subgroup names (a subgroup repeated in several groups is one subgroup, as in FET)
  const subgroupNames = new Set<string>();
  if (studentsList) {
    let yi = 0;
    for (const y of studentsList.children) {
      if (y.name !== "Year") continue;
      yi++;
      const yp = `Students_List/Year[${yi}]`;
      const yf = new Fields(y, yp);
      const year: FetYear = { name: yf.text("Name"), students: yf.int("Number_of_Students", 0, 1e7, 0), groups: [] };
      let gi = 0;
      for (const g of yf.all("Group")) {
        gi++;
        const gf = new Fields(g, `${yp}/Group[${gi}]`);
        const group = { name: gf.text("Name"), students: gf.int("Number_of_Students", 0, 1e7, 0), subgroups: [] as { name: string; students: number }[] };
        let si = 0;
        for (const s of gf.all("Subgroup")) {
          si++;
          const sf = new Fields(s, `${yp}/Group[${gi}]/Subgroup[${si}]`);
          const name = sf.text("Name");
          subgroupNames.add(name);
          if (subgroupNames.size > FET_LIMITS.studentSets) throw tooBig("subgroups", FET_LIMITS.studentSets, s.line, s.column, [`${yp}/Group[${gi}]/Subgroup[${si}]`]);
          group.subgroups.push({ name, students: sf.int("Number_of_Students", 0, 1e7, 0) });
        }
        year.groups.push(group);
      }
      years.push(year);
    }
  }

  const rooms: FetRoom[] = [];
  const roomsList = list("Rooms_List");
  if (roomsList) {
    let i = 0;
    const seen = new Set<string>();
    for (const r of roomsList.children) {
      if (r.name !== "Room") continue;
      i++;
      const f = new Fields(r, `Rooms_List/Room[${i}]`);
      const name = f.text("Name");
      if (seen.has(name)) {
        warnings.push(`line ${r.line}: Rooms_List/Room[${i}]: duplicate room "${short(name)}" (kept once)`);
        continue;
      }
      seen.add(name);
      const virtual = f.bool("Virtual", false);
      const room: FetRoom = { name, building: f.optText("Building") ?? "", capacity: f.int("Capacity", 0, 1e7, 30000), virtual, line: r.line, column: r.column };
      if (virtual) {
        const setNodes = f.all("Set_of_Real_Rooms");
        if (setNodes.length === 0) throw f.error("a virtual room needs at least one <Set_of_Real_Rooms>", "Set_of_Real_Rooms");
        if (setNodes.length > FET_LIMITS.realRoomSets)
          throw tooBig("sets of real rooms in one virtual room", FET_LIMITS.realRoomSets, setNodes[FET_LIMITS.realRoomSets].line, setNodes[FET_LIMITS.realRoomSets].column, [`Rooms_List/Room[${i}]`]);
        room.sets = setNodes.map((sn, k) => {
          const sf = new Fields(sn, `Rooms_List/Room[${i}]/Set_of_Real_Rooms[${k + 1}]`);
          const names = [...new Set(sf.texts("Real_Room"))];
          if (names.length === 0) throw sf.error("a set of real rooms needs at least one <Real_Room>", "Real_Room");
          return names;
        });
      }
      rooms.push(room);
    }
  }

  const activities: FetActivity[] = [];
  const actList = list("Activities_List");
  if (actList) {
    let i = 0;
    for (const a of actList.children) {
      if (a.name !== "Activity") continue;
      i++;
      const path = `Activities_List/Activity[${i}]`;
      const f = new Fields(a, path);
      const nos = f.first("Number_Of_Students");
      activities.push({
        id: f.int("Id", 0, 2_000_000_000),
        groupId: f.int("Activity_Group_Id", 0, 2_000_000_000, 0),
        teachers: f.texts("Teacher"),
        subject: f.text("Subject"),
        tags: f.texts("Activity_Tag"),
        students: f.texts("Students"),
        duration: f.int("Duration", 1, FET_LIMITS.hoursPerDay),
        totalDuration: f.int("Total_Duration", 1, 1_000_000, 0) || 0,
        active: f.bool("Active", true),
        ...(nos ? { numberOfStudents: intOf(nos, `${path}/Number_Of_Students`, 0, 1e7) } : {}),
        path,
        line: a.line,
        column: a.column,
      });
    }
  }

  const constraints = (listName: string, kind: "time" | "space"): FetConstraint[] => {
    const l = list(listName);
    if (!l) return [];
    const perType = new Map<string, number>();
    return l.children.map((c, index) => {
      const k = (perType.get(c.name) ?? 0) + 1;
      perType.set(c.name, k);
      const path = `${listName}/${c.name}[${k}]`;
      const f = new Fields(c, path);
      return { type: c.name, list: kind, index, weight: f.num("Weight_Percentage", 0, 100), active: f.bool("Active", true), node: c, path };
    });
  };

  return {
    version: "",
    institution: top.optText("Institution_Name") ?? "",
    days,
    hours,
    subjects,
    activityTags,
    teachers,
    years,
    buildings,
    rooms,
    activities,
    warnings,
    timeConstraints: constraints("Time_Constraints_List", "time"),
    spaceConstraints: constraints("Space_Constraints_List", "space"),
  };
}

export type { InputIssue };
