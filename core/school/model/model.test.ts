import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { MAX_ISSUES, ProblemError } from "../../engine/errors";
import { CONSTRAINTS } from "../constraints/index";
import { readFet } from "../fet/read";
import { fetInputToText } from "../fet/serialize";
import { FET_LIMITS } from "../fet/types";
import { writeFet } from "../fet/write";
import { compileSchool, schoolDocSchema } from "../index";
import { compileFet, type SchoolProblem } from "../problem";
import { constraint, fetText, times } from "../test/fet";
import { FETCL } from "../test/harness";
import { runFetCl } from "../cli/fetcl";
import { constraintDifferences, inputDifferences, problemDifferences, verdictDifferences } from "./compare";
import { fetToModel } from "./from-fet";
import { schoolModelJsonSchema } from "./schema";
import { modelToFet } from "./to-fet";
import type { SchoolModel } from "./types";
import { CONSTRAINT_TYPES } from "./vocabulary";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");
const smallJson = (): SchoolModel => JSON.parse(fixture("small-school.json"));
const smallFet = fixture("small-school.fet");

/** The issues of the ProblemError `f` throws. */
function issuesOf(f: () => unknown): ProblemError["issues"] {
  try {
    f();
  } catch (e) {
    if (e instanceof ProblemError) return e.issues;
    throw e;
  }
  throw new Error("expected a ProblemError");
}
const errorOf = (f: () => unknown): ProblemError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ProblemError) return e;
    throw e;
  }
  throw new Error("expected a ProblemError");
};

function expectSame(a: SchoolProblem, b: SchoolProblem) {
  expect(problemDifferences(a, b)).toEqual([]);
  expect(verdictDifferences(a, b, 5)).toEqual([]);
  expect(constraintDifferences([...a.input.timeConstraints, ...a.input.spaceConstraints], [...b.input.timeConstraints, ...b.input.spaceConstraints])).toEqual([]);
}

/** A tiny school using many constraint shapes, an unsupported type and an element we have no typed form for. */
const TINY = fetText({
  days: ["Mon", "Tue", "Wed", "Thu"],
  hours: ["h1", "h2", "h3", "h4", "h5"],
  teachers: ["T1", "T2", "T3"],
  subjects: ["Math", "Art", "Gym"],
  tags: ["Lab", "Big"],
  years: [{ name: "Y1", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, { name: "G2" }] }, { name: "Y2" }],
  rooms: [
    { name: "R1", capacity: 30, building: "" },
    { name: "R2", capacity: 12 },
  ],
  activities: [
    { id: 1, teachers: ["T1"], students: ["G1"], subject: "Math", duration: 2, groupId: 1 },
    { id: 2, teachers: ["T1"], students: ["G1"], subject: "Math", duration: 1, groupId: 1 },
    { id: 3, teachers: ["T2", "T3"], students: ["S2", "Y2"], subject: "Art", tags: ["Lab", "Big"] },
    { id: 4, teachers: [], students: ["Y2"], subject: "Gym", active: false },
    { id: 5, teachers: ["T3"], students: ["G2"], subject: "Gym" },
  ],
  time: [
    constraint(
      "ConstraintTeacherNotAvailableTimes",
      100,
      `\t<Teacher>T1</Teacher>\n\t<Number_of_Not_Available_Times>2</Number_of_Not_Available_Times>\n${times("Not_Available_Time", [
        ["Mon", "h1"],
        ["Tue", "h5"],
      ])}`,
    ),
    constraint(
      "ConstraintMinDaysBetweenActivities",
      95,
      "\t<Consecutive_If_Same_Day>true</Consecutive_If_Same_Day>\n\t<Number_of_Activities>2</Number_of_Activities>\n\t<Activity_Id>1</Activity_Id>\n\t<Activity_Id>2</Activity_Id>\n\t<MinDays>1</MinDays>",
    ),
    constraint("ConstraintTeachersMaxGapsPerWeek", 99.5, "\t<Max_Gaps>2</Max_Gaps>"),
    constraint("ConstraintStudentsSetMaxHoursDaily", 100, "\t<Maximum_Hours_Daily>4</Maximum_Hours_Daily>\n\t<Students>G1</Students>"),
    constraint(
      "ConstraintActivityPreferredStartingTime",
      100,
      "\t<Activity_Id>5</Activity_Id>\n\t<Preferred_Day>Wed</Preferred_Day>\n\t<Preferred_Hour>h3</Preferred_Hour>\n\t<Permanently_Locked>false</Permanently_Locked>",
    ),
    constraint(
      "ConstraintActivitiesPreferredStartingTimes",
      80,
      `\t<Teacher_Name></Teacher_Name>\n\t<Students_Name>Y2</Students_Name>\n\t<Subject_Name></Subject_Name>\n\t<Activity_Tag_Name></Activity_Tag_Name>\n\t<Duration></Duration>\n\t<Number_of_Preferred_Starting_Times>2</Number_of_Preferred_Starting_Times>\n${times(
        "Preferred_Starting_Time",
        [
          ["Mon", "h2"],
          ["Thu", "h2"],
        ],
        "Preferred_Starting_Day",
        "Preferred_Starting_Hour",
      )}`,
    ),
    constraint("ConstraintTwoActivitiesOrdered", 100, "\t<First_Activity_Id>3</First_Activity_Id>\n\t<Second_Activity_Id>5</Second_Activity_Id>", false),
    // supported nowhere: FET's mornings/afternoons mode type
    constraint("ConstraintTeacherMaxAfternoonsPerWeek", 100, "\t<Teacher_Name>T2</Teacher_Name>\n\t<Max_Afternoons_Per_Week>2</Max_Afternoons_Per_Week>"),
    // no typed form: kept whole in the generic form
    constraint("ConstraintStudentsSetMaxDaysPerWeek", 100, "\t<Students>Y2</Students>\n\t<Max_Days_Per_Week>3</Max_Days_Per_Week>\n\t<Deeper>\n\t\t<A>1</A>\n\t\t<A>2</A>\n\t</Deeper>"),
    // a known type whose count does not match its list stays generic (so nothing is lost)
    constraint("ConstraintActivitiesSameStartingHour", 100, "\t<Number_of_Activities>3</Number_of_Activities>\n\t<Activity_Id>3</Activity_Id>\n\t<Activity_Id>5</Activity_Id>"),
  ],
  space: [
    constraint(
      "ConstraintActivityPreferredRooms",
      100,
      "\t<Activity_Id>3</Activity_Id>\n\t<Number_of_Preferred_Rooms>2</Number_of_Preferred_Rooms>\n\t<Preferred_Room>R1</Preferred_Room>\n\t<Preferred_Room>R2</Preferred_Room>",
    ),
    constraint("ConstraintRoomNotAvailableTimes", 70, `\t<Room>R2</Room>\n\t<Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>\n${times("Not_Available_Time", [["Thu", "h4"]])}`),
    constraint("ConstraintTeacherHomeRoom", 100, "\t<Teacher>T3</Teacher>\n\t<Room>R1</Room>"),
    // typed although no FET example uses it (fields checked with fet-cl, vocabulary.ts); not solved yet
    constraint("ConstraintTeacherMinGapsBetweenRoomChanges", 90, "\t<Teacher>T2</Teacher>\n\t<Min_Gaps_Between_Room_Changes>1</Min_Gaps_Between_Room_Changes>"),
    // a time type in the space list: kept as it is, in the generic form
    constraint("ConstraintTeacherMaxGapsPerWeek", 100, "\t<Teacher_Name>T1</Teacher_Name>\n\t<Max_Gaps>3</Max_Gaps>"),
  ],
});

describe("fetToModel", () => {
  it("reads the fixture into the documented JSON (typed fields, names, the generic form)", () => {
    expect(fetToModel(readFet(smallFet))).toEqual(smallJson());
  });

  it("writes typed constraints with camelCase names, arrays of names and {day, hour} slots", () => {
    const m = fetToModel(readFet(TINY));
    expect(m.timeConstraints![1]).toEqual({
      type: "TeacherNotAvailableTimes",
      weight: 100,
      teacher: "T1",
      notAvailable: [
        { day: "Mon", hour: "h1" },
        { day: "Tue", hour: "h5" },
      ],
    });
    expect(m.timeConstraints![2]).toEqual({ type: "MinDaysBetweenActivities", weight: 95, consecutiveIfSameDay: true, activityIds: [1, 2], minDays: 1 });
    expect(m.timeConstraints![3]).toEqual({ type: "TeachersMaxGapsPerWeek", weight: 99.5, maxGaps: 2 });
    expect(m.timeConstraints![7]).toEqual({ type: "TwoActivitiesOrdered", weight: 100, active: false, firstActivityId: 3, secondActivityId: 5 });
    expect(m.timeConstraints![6]).toMatchObject({
      students: "Y2",
      teacher: "",
      duration: "",
      preferredStartingTimes: [
        { day: "Mon", hour: "h2" },
        { day: "Thu", hour: "h2" },
      ],
    });
    expect(m.spaceConstraints![1]).toEqual({ type: "ActivityPreferredRooms", weight: 100, activityId: 3, preferredRooms: ["R1", "R2"] });
    expect(m.spaceConstraints![4]).toEqual({ type: "TeacherMinGapsBetweenRoomChanges", weight: 90, teacher: "T2", minGapsBetweenRoomChanges: 1 });
  });

  it("keeps elements without a typed form, and typed ones that do not fit, in the generic form", () => {
    const m = fetToModel(readFet(TINY));
    expect(m.timeConstraints![9]).toEqual({ type: "StudentsSetMaxDaysPerWeek", weight: 100, fields: { Students: "Y2", Max_Days_Per_Week: "3", Deeper: { A: ["1", "2"] } } });
    expect(m.timeConstraints![10]).toEqual({ type: "ActivitiesSameStartingHour", weight: 100, fields: { Number_of_Activities: "3", Activity_Id: ["3", "5"] } });
    expect(m.spaceConstraints![5]).toEqual({ type: "TeacherMaxGapsPerWeek", weight: 100, fields: { Teacher_Name: "T1", Max_Gaps: "3" } });
  });

  it("states activities, split lessons and students as FET does", () => {
    const m = fetToModel(readFet(TINY));
    // test/fet.ts writes each lesson's own duration as Total_Duration, not the split activity's sum: kept as stated
    expect(m.activities![0]).toEqual({ id: 1, groupId: 1, subject: "Math", teachers: ["T1"], students: ["G1"], duration: 2, totalDuration: 2 });
    expect(m.activities![3]).toEqual({ id: 4, subject: "Gym", students: ["Y2"], duration: 1, active: false });
    expect(m.students![0]).toEqual({
      name: "Y1",
      numberOfStudents: 10,
      groups: [
        {
          name: "G1",
          numberOfStudents: 10,
          subgroups: [
            { name: "S1", numberOfStudents: 10 },
            { name: "S2", numberOfStudents: 10 },
          ],
        },
        { name: "G2", numberOfStudents: 10 },
      ],
    });
    expect(m.rooms).toEqual([
      { name: "R1", capacity: 30 },
      { name: "R2", capacity: 12 },
    ]);
  });
});

describe("round trip", () => {
  it(".fet → model → .fet compiles to the identical problem (tiny school with every shape)", () => {
    const original = compileFet(TINY, { ignoreUnsupported: true });
    const model = JSON.parse(JSON.stringify(fetToModel(readFet(TINY))));
    const text = fetInputToText(modelToFet(model));
    expectSame(original, compileFet(text, { ignoreUnsupported: true }));
    expectSame(original, compileSchool({ ...model, ignoreUnsupported: true }));
    // unsupported types are skipped alike on both sides (problemDifferences compares `ignored` too)
    expect(original.ignored).toContainEqual({ type: "ConstraintTeacherMaxAfternoonsPerWeek", count: 1 });
  });

  it("the fixture: the JSON document and its .fet compile to the identical problem", () => {
    const fromFet = compileFet(smallFet, { ignoreUnsupported: true });
    const fromModel = compileSchool({ ...smallJson(), ignoreUnsupported: true });
    expectSame(fromFet, fromModel);
    expect(fromModel.nActivities).toBe(4);
    expect(fromModel.inactiveConstraints).toBe(1);
    expect(fromModel.name).toBe("Hillside Primary");
    // model → .fet → model is the identity
    expect(fetToModel(readFet(fetInputToText(modelToFet(smallJson()))))).toEqual(smallJson());
    // and the JSON states what the .fet states
    expect(inputDifferences(readFet(smallFet), modelToFet(smallJson()))).toEqual([]);
    const changed = smallJson();
    changed.rooms![1].capacity = 26;
    const diffs = inputDifferences(readFet(smallFet), modelToFet(changed));
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toMatch(/^rooms: \[1\] .*"capacity":25.* vs .*"capacity":26/);
  });

  it("refuses unsupported types unless ignoreUnsupported, like a .fet", () => {
    const issues = issuesOf(() => compileSchool(smallJson()));
    expect(issues.map((i) => i.path)).toEqual([["ConstraintSchoolTripDays"]]);
    expect(issues[0].message).toMatch(/unsupported/);
  });

  it("the result .fet of a model problem is the written model plus the locked timetable, and FET opens it", () => {
    const p = compileSchool({ ...smallJson(), ignoreUnsupported: true });
    const start = Int32Array.from([1, 5, 2, 10]);
    const room = Int32Array.from([0, 0, 1, 2]);
    const out = writeFet(p, { start, room });
    const back = readFet(out);
    const locks = back.timeConstraints.filter((c) => c.type === "ConstraintActivityPreferredStartingTime");
    expect(locks).toHaveLength(4);
    expect(back.activities.map((a) => a.id)).toEqual([1, 2, 3, 4, 5]);
    if (!FETCL) return console.warn("fet-cl not installed: skipped opening the written model with FET");
    const r = runFetCl(p.text, 5, { name: "school-model" });
    expect(r.message).toMatch(/successful/i);
  });
});

describe("modelToFet errors: JSON paths, before anything is built", () => {
  const withActivities = (activities: unknown[]) => ({ ...smallJson(), activities });

  it("names an unknown teacher at its place in the activity", () => {
    const acts = smallJson().activities!.map((a) => ({ ...a }));
    acts[3].teachers = ["Cho", "Zed"];
    const issues = issuesOf(() => compileSchool(withActivities(acts)));
    expect(issues).toEqual([{ path: ["activities", 3, "teachers", 1], message: 'unknown teacher "Zed"' }]);
  });

  it("reports several mistakes at once: unknown subject, students set, tag, repeated id, bad duration", () => {
    const a = { id: 9, subject: "Latin", students: ["Y9"], tags: ["Nope"], duration: 5 };
    const issues = issuesOf(() => modelToFet(withActivities([a, { ...a, subject: "Art", students: [], tags: [], duration: 1 }])));
    expect(issues).toEqual([
      { path: ["activities", 0, "subject"], message: 'unknown subject "Latin"' },
      { path: ["activities", 0, "students", 0], message: 'unknown students set "Y9"' },
      { path: ["activities", 0, "tags", 0], message: 'unknown activity tag "Nope"' },
      { path: ["activities", 0, "duration"], message: "must be an integer from 1 to 4" },
      { path: ["activities", 1, "id"], message: "repeated activity id 9" },
    ]);
  });

  it("maps the compiler's errors about constraint fields back to JSON paths", () => {
    const m = smallJson();
    m.timeConstraints![2] = {
      type: "TeacherNotAvailableTimes",
      weight: 100,
      teacher: "Bob",
      notAvailable: [
        { day: "Mon", hour: "08:00" },
        { day: "Sun", hour: "08:00" },
      ],
    };
    m.timeConstraints!.pop();
    const [issue] = issuesOf(() => compileSchool(m));
    expect(issue.path.slice(0, 4)).toEqual(["timeConstraints", 2, "notAvailable", 1]);
    expect(issue.message).toBe('unknown day "Sun"');
    expect(issue.line).toBeUndefined();
    m.timeConstraints![2] = { type: "TeacherMaxGapsPerWeek", weight: 100, teacher: "Bob" };
    expect(issuesOf(() => compileSchool(m))).toEqual([{ path: ["timeConstraints", 2, "maxGaps"], message: "<Max_Gaps> is missing" }]);
    m.timeConstraints![2] = { type: "TeacherMaxGapsPerWeek", weight: 100, teacher: "Zed", maxGaps: 1 };
    expect(issuesOf(() => compileSchool(m))).toEqual([{ path: ["timeConstraints", 2, "teacher"], message: 'unknown teacher "Zed"' }]);
  });

  it("checks constraint shapes: type, list, fields, kinds, weight", () => {
    const m = smallJson();
    m.timeConstraints = [
      { type: "NoSuchType", weight: 100 },
      { type: "RoomNotAvailableTimes", weight: 100, room: "R1", notAvailable: [] },
      { type: "TeacherMaxGapsPerWeek", weight: 100, teacher: "Bob", maxGaps: 1, colour: "red" },
      { type: "TeacherMaxGapsPerWeek", weight: 120, teacher: "Bob", maxGaps: -1 },
      { type: "BreakTimes", weight: 100, breaks: [{ day: "Mon" }] },
      { type: "StudentsSetMaxDaysPerWeek", weight: 100, fields: { "bad name": "x", Ok: 3 as unknown as string, A: { B: { C: { D: { E: "too deep" } } } } } },
    ];
    const issues = issuesOf(() => modelToFet(m));
    expect(issues.map((i) => [i.path.join("."), i.message.split(":")[0]])).toEqual([
      ["timeConstraints.0.type", 'unknown constraint type "NoSuchType"'],
      ["timeConstraints.1.type", "RoomNotAvailableTimes is a space constraint"],
      ["timeConstraints.2.colour", "unknown field of TeacherMaxGapsPerWeek (its fields"],
      ["timeConstraints.3.weight", "must be a number from 0 to 100 (Weight_Percentage)"],
      ["timeConstraints.3.maxGaps", "must be an integer from 0 to 2000000000"],
      ["timeConstraints.4.breaks.0.hour", "must be a string"],
      ["timeConstraints.5.fields.bad name", "is not an XML element name"],
      ["timeConstraints.5.fields.Ok", "must be a string, an object or an array of those"],
      ["timeConstraints.5.fields.A.B.C.D", "nested deeper than 4 levels"],
    ]);
  });

  it("checks the document: object, format, names, rooms' buildings, characters XML cannot hold", () => {
    expect(issuesOf(() => modelToFet(null))).toEqual([{ path: [], message: "must be an object (a school model)" }]);
    expect(issuesOf(() => modelToFet([]))).toEqual([{ path: [], message: "must be an object (a school model)" }]);
    // " Bob" is a name of its own: FET keeps spaces at either end (fet-cl refuses an activity naming "Y1" for a year " Y1")
    const m = { ...smallJson(), format: "fet", teachers: ["Ann", "Ann", " Bob", "C\u0001", "D\rE"], rooms: [{ name: "R1", building: "Annex" }], extra: 1 } as unknown;
    const issues = issuesOf(() => modelToFet(m));
    expect(issues).toEqual([
      { path: ["extra"], message: "unknown field of a school model" },
      { path: ["format"], message: 'must be "school"' },
      { path: ["teachers", 1], message: 'repeated name "Ann"' },
      { path: ["teachers", 3], message: "contains a character a .fet (XML) file cannot hold" },
      { path: ["teachers", 4], message: "must not contain a carriage return (\\r)" },
      { path: ["rooms", 0, "building"], message: 'unknown building "Annex"' },
    ]);
    expect(issuesOf(() => modelToFet({ format: "school" }))).toEqual([
      { path: ["days"], message: "is required: the names of the days" },
      { path: ["hours"], message: "is required: the names of the hours of a day" },
    ]);
  });

  it("refuses sizes beyond FET_LIMITS with the limit, from array lengths (nothing allocated first)", () => {
    const days = Array.from({ length: FET_LIMITS.days + 1 }, (_, i) => `D${i}`);
    const e1 = errorOf(() => modelToFet({ format: "school", days, hours: ["h"] }));
    expect(e1.status).toBe(422);
    expect(e1.limit).toMatchObject({ name: "FET_LIMITS.days", maximum: FET_LIMITS.days, actual: FET_LIMITS.days + 1 });
    expect(e1.issues[0].path).toEqual(["days"]);
    // a sparse array of 10 million holes: refused by its length, without visiting the holes
    const holes = new Array(10_000_000);
    const t0 = performance.now();
    const e2 = errorOf(() => modelToFet({ format: "school", days: ["d"], hours: ["h"], timeConstraints: holes }));
    expect(performance.now() - t0).toBeLessThan(100);
    expect(e2.limit).toMatchObject({ name: "FET_LIMITS.constraints", actual: 10_000_000 });
    expect(e2.issues[0].path).toEqual(["timeConstraints"]);
    const e3 = errorOf(() => modelToFet({ format: "school", days: ["d"], hours: ["h"], students: [{ name: "Y", groups: new Array(FET_LIMITS.studentSets + 1) }] }));
    expect(e3.limit?.name).toBe("FET_LIMITS.studentSets");
    expect(e3.issues[0].path).toEqual(["students", 0, "groups"]);
  });

  it("reports at most MAX_ISSUES issues, each quoting a short part of the value", () => {
    const long = "x".repeat(200);
    const activities = Array.from({ length: FET_LIMITS.activities }, (_, i) => ({ id: i, subject: long, duration: 1 }));
    const issues = issuesOf(() => modelToFet({ format: "school", days: ["d"], hours: ["h"], subjects: ["Math"], activities }));
    expect(issues).toHaveLength(MAX_ISSUES);
    expect(issues[0]).toEqual({ path: ["activities", 0, "subject"], message: `unknown subject "${"x".repeat(40)}…"` });
  });

  it("bounds what the model would write: characters of the .fet in total", () => {
    const ids = Array.from({ length: 300_000 }, (_, i) => i + 1);
    const m = { format: "school", days: ["d"], hours: ["h"], timeConstraints: Array.from({ length: 6 }, () => ({ type: "ActivitiesNotOverlapping", weight: 100, activityIds: ids })) };
    const e = errorOf(() => modelToFet(m));
    expect(e.limit).toMatchObject({ name: "FET_LIMITS.textChars", maximum: FET_LIMITS.textChars, unit: "characters" });
    expect(e.issues[0].path[0]).toBe("timeConstraints");
  });
});

describe("schoolModelJsonSchema", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(schoolModelJsonSchema);

  it("is a valid 2020-12 schema with a description for every constraint type, and no $ref (it can be embedded)", () => {
    expect(schoolModelJsonSchema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(JSON.stringify(schoolModelJsonSchema)).not.toContain("$ref");
    type Branches = { items: { else: { allOf: { then: { description: string } }[] } } };
    const { timeConstraints, spaceConstraints } = schoolModelJsonSchema.properties as unknown as Record<string, Branches>;
    const branches = [...timeConstraints.items.else.allOf, ...spaceConstraints.items.else.allOf];
    expect(branches).toHaveLength(CONSTRAINT_TYPES.size);
    for (const b of branches) expect(b.then.description.length).toBeGreaterThan(20);
  });

  it("accepts the fixture and the model of every tiny school", () => {
    expect(validate(smallJson()), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(JSON.parse(JSON.stringify(fetToModel(readFet(TINY))))), JSON.stringify(validate.errors)).toBe(true);
  });

  it("embeds in schoolKind's document schema beside the .fet form", () => {
    const both = ajv.compile(schoolDocSchema);
    expect(both(smallJson()), JSON.stringify(both.errors)).toBe(true);
    expect(both({ kind: "timetabling", format: "fet", text: smallFet })).toBe(true);
    expect(both({ format: "school", days: ["Mon"] })).toBe(false);
  });

  it("refuses what modelToFet refuses: unknown fields, wrong kinds, a typed constraint in the wrong shape", () => {
    const bad = (patch: (m: SchoolModel) => void) => {
      const m = smallJson();
      patch(m);
      return validate(m);
    };
    expect(bad((m) => ((m as unknown as Record<string, unknown>).extra = 1))).toBe(false);
    expect(bad((m) => (m.timeConstraints![4] = { type: "TeacherMaxGapsPerWeek", weight: 100, teacher: "Bob", maxGaps: "1" }))).toBe(false);
    expect(bad((m) => (m.timeConstraints![4] = { type: "TeacherMaxGapsPerWeek", weight: 100, teacher: "Bob", colour: "red" }))).toBe(false);
    expect(bad((m) => (m.timeConstraints![4] = { type: "NoSuchType", weight: 100 }))).toBe(false);
    expect(bad((m) => (m.timeConstraints![4] = { type: "TeacherMaxGapsPerWeek", weight: 101, teacher: "Bob", maxGaps: 1 }))).toBe(false);
    expect(bad((m) => (m.activities![0] = { id: 1, subject: "Math", duration: 0 }))).toBe(false);
    expect(bad((m) => (m.teachers = ["Ann", "Ann"]))).toBe(false);
    // spaces at either end belong to the name in FET (" Ann" is not "Ann"), so both accept it
    expect(bad((m) => (m.teachers = [" Ann", "Ann"]))).toBe(true);
    expect(bad((m) => (m.teachers = ["A\rnn"]))).toBe(false);
    expect(bad((m) => (m.teachers = ["A n\nn", ""]))).toBe(true);
    expect(bad((m) => (m.timeConstraints![4] = { type: "Anything", weight: 100, fields: { A: { B: ["1", "2"] } } }))).toBe(true);
    expect(bad((m) => (m.timeConstraints![4] = { type: "Anything", weight: 100, fields: { A: { B: { C: { D: { E: "too deep" } } } } } }))).toBe(false);
  });
});

describe("vocabulary", () => {
  it("has a typed form for every type core/school/constraints compiles, in the right list", () => {
    for (const [element, def] of Object.entries(CONSTRAINTS)) {
      const spec = CONSTRAINT_TYPES.get(element.replace(/^Constraint/, ""));
      expect(spec, `${element}: add its fields to core/school/model/vocabulary.ts TYPES`).toBeDefined();
      expect(spec!.list, element).toBe(def.list);
    }
  });
});
