/**
 * Editing a finished FET school timetable inside workerd (worker/jobs/school-edit.ts): POST
 * /v1/jobs/{id}/school/check answers what a move breaks (and fixes) with the evaluator's costs,
 * refuses bad edits with field paths, and a fork with `edit` re-solves from the edited timetable
 * with the pinned lessons locked, so its result keeps them; rooms are chosen (real rooms of a
 * virtual room too), checked and pinned the same way. The tiny schools are
 * core/school/test/tiny-school.ts and core/school/test/rooms-school.ts (hand-written).
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { compileSchool, evaluateSchool, fetToModel, readFet, type SchoolProblem } from "@core/school/index";
import { ROOMS_SCHOOL_FET } from "@core/school/test/rooms-school";
import { TINY_SCHOOL_FET } from "@core/school/test/tiny-school";
import { getJson } from "../storage/blobs";
import { bearer, call, json, createTenant, type TestTenant } from "../test/fixtures";
import { waitFor } from "../runtime/test-helpers";
import { createJob, getJob, isTerminal } from "./index";
import { pinnedDocument, readSchoolEdit, schoolEditVerdict } from "./school-edit";

const FET = { kind: "timetabling", format: "fet", text: TINY_SCHOOL_FET };
const problem = compileSchool(FET);
const slotName = (p: SchoolProblem, s: number) => ({ day: p.days[Math.floor(s / p.nHours)], hour: p.hours[s % p.nHours] });

async function finishedJob(t: TestTenant, body: Record<string, unknown>): Promise<{ id: string; start: number[]; room: number[] }> {
  const res = await call("/v1/jobs", json(body, bearer(t.apiKey)));
  const job = (await res.json()) as { id: string };
  expect(res.status, JSON.stringify(job)).toBe(202);
  await waitFor(`job ${job.id}`, async () => isTerminal((await getJob(env, t.tenantId, job.id)).state));
  const result = (await (await call(`/v1/jobs/${job.id}/result`, { headers: bearer(t.apiKey) })).json()) as { best: { solution: { start: number[]; room: number[] }; hard: number } };
  expect(result.best.hard).toBe(0);
  return { id: job.id, ...result.best.solution };
}

const check = (t: TestTenant, id: string, edit: unknown) => call(`/v1/jobs/${id}/school/check`, json(edit, bearer(t.apiKey)));

/** A slot where activity 7 (Bob, Y2, one hour) is free of every other lesson, other than its own. */
function freeSlotFor7(start: number[]): number {
  const a7 = problem.actId.indexOf(7);
  const busy = new Set<number>();
  start.forEach((s, a) => {
    if (a !== a7 && s >= 0) for (let k = 0; k < problem.actDuration[a]; k++) busy.add(s + k);
  });
  for (let s = problem.nSlots - 1; s >= 0; s--) if (s !== start[a7] && !busy.has(s)) return s;
  throw new Error("no free slot");
}

describe("POST /v1/jobs/{id}/school/check", () => {
  it("lists the constraint a move breaks, with the evaluator's costs before and after; an empty edit breaks nothing", async () => {
    const t = await createTenant();
    const job = await finishedJob(t, { problem: FET, seed: 4, budget: { evaluations: 30_000 } });
    const a6 = problem.actId.indexOf(6);
    const a7 = problem.actId.indexOf(7);
    // Activity 7 (Bob, Y2) onto activity 6's hour (Ann and Bob, Y2): a clash of Bob and of Y2.
    const target = slotName(problem, job.start[a6]);
    const res = await check(t, job.id, { moves: [{ activity: 7, ...target }], pins: [7] });
    const body = (await res.json()) as any;
    expect(res.status, JSON.stringify(body)).toBe(200);
    const edited = { start: Int32Array.from(job.start), room: Int32Array.from(job.room) };
    edited.start[a7] = job.start[a6];
    const e = evaluateSchool(problem, edited);
    expect(e.hard).toBeGreaterThan(0);
    expect(body).toMatchObject({ hard: e.hard, soft: e.soft, before: { hard: 0 }, moved: [7], pins: [7] });
    expect(body.broken.length).toBeGreaterThan(0);
    expect(body.broken[0]).toMatchObject({ hard: true, before: 0, type: expect.stringMatching(/^Constraint/) });
    expect(body.broken[0].violations).toBeGreaterThan(0);
    expect(body.broken[0].activities).toEqual(expect.arrayContaining([6, 7]));
    expect(body.violated.map((c: { path: string }) => c.path)).toEqual(expect.arrayContaining(body.broken.map((c: { path: string }) => c.path)));

    const none = (await (await check(t, job.id, {})).json()) as any;
    expect(none).toMatchObject({ hard: 0, broken: [], fixed: [], moved: [], pins: [] });
  });

  it("refuses bad edits with the field path: unknown activity, day, a double lesson past the day's end, a second move of one lesson, too many moves", async () => {
    const t = await createTenant();
    const job = await finishedJob(t, { problem: FET, seed: 4, budget: { evaluations: 30_000 } });
    const bad = await check(t, job.id, {
      moves: [
        { activity: 99, day: "Mon", hour: "08:00" },
        { activity: 5, day: "Sunday", hour: "08:00" },
        { activity: 4, day: "Tue", hour: "11:00" },
        { activity: 7, day: "Mon", hour: "09:00" },
        { activity: 7, day: "Tue", hour: "09:00" },
      ],
      pins: [42],
    });
    const body = (await bad.json()) as any;
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    expect(body.errors).toEqual([
      { path: "moves.0.activity", message: "no active activity has id 99" },
      { path: "moves.1.day", message: expect.stringContaining("must be one of the days: Mon, Tue, Wed") },
      { path: "moves.2.hour", message: "a lesson of 2 hours cannot start at 11:00 on Tue (it would run past the end of the day)" },
      { path: "moves.4.activity", message: "activity 7 is moved twice in one edit" },
      { path: "pins.0", message: "no active activity has id 42" },
    ]);
    const many = await check(t, job.id, { moves: Array.from({ length: 2001 }, () => ({ activity: 7, day: "Mon", hour: "08:00" })) });
    expect(many.status).toBe(422);
    expect(((await many.json()) as any).errors[0].path).toMatch(/^moves/);
    const extra = await check(t, job.id, { moves: [{ activity: 7, day: "Mon", hour: "08:00", teacher: "Ann" }] });
    expect(extra.status).toBe(422);
  });

  it("answers 422 for a job that is not a school timetable and 404 for another tenant's job", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const sphere = await call("/v1/jobs", json({ problem: { kind: "continuous", function: "sphere", dimension: 3 }, budget: { evaluations: 500 } }, bearer(t.apiKey)));
    const sphereId = ((await sphere.json()) as { id: string }).id;
    await waitFor("sphere job", async () => isTerminal((await getJob(env, t.tenantId, sphereId)).state));
    const res = await check(t, sphereId, { moves: [] });
    expect(res.status).toBe(422);
    expect(((await res.json()) as any).type).toContain("not-a-school-job");
    expect((await check(other, sphereId, {})).status).toBe(404);
  });
});

describe("fork with an edit (re-solve from here)", () => {
  it("refuses an edit on a non-fork and bad edits before anything exists", async () => {
    const t = await createTenant();
    await expect(createJob(env, { tenantId: t.tenantId }, { problem: FET, edit: { pins: [7] } })).rejects.toMatchObject({
      status: 422,
      extra: { errors: [{ path: "edit", message: "only a fork of a finished FET school job takes an edit" }] },
    });
    const job = await finishedJob(t, { problem: FET, seed: 4, budget: { evaluations: 30_000 } });
    const fork = await call(`/v1/jobs/${job.id}/fork`, json({ edit: { moves: [{ activity: 4, day: "Wed", hour: "11:00" }] }, budget: { evaluations: 1_000 } }, bearer(t.apiKey)));
    const body = (await fork.json()) as any;
    expect(fork.status, JSON.stringify(body)).toBe(422);
    expect(body.errors).toEqual([{ path: "edit.moves.0.hour", message: expect.stringContaining("cannot start at 11:00 on Wed") }]);
  });

  it("re-solves from the edited timetable; the result keeps the pinned lesson, the child's input locks it, and it does not replay", async () => {
    const t = await createTenant();
    const job = await finishedJob(t, { problem: FET, seed: 4, budget: { evaluations: 30_000 } });
    const a7 = problem.actId.indexOf(7);
    const slot = freeSlotFor7(job.start);
    const res = await call(`/v1/jobs/${job.id}/fork`, json({ edit: { moves: [{ activity: 7, ...slotName(problem, slot) }], pins: [7] }, budget: { evaluations: 20_000 } }, bearer(t.apiKey)));
    const child = (await res.json()) as any;
    expect(res.status, JSON.stringify(child)).toBe(202);
    expect(child.parentJobId).toBe(job.id);
    const row = await waitFor(`fork ${child.id}`, async () => {
      const r = await getJob(env, t.tenantId, child.id);
      return isTerminal(r.state) && r.resultKey ? r : null;
    });
    expect(row.state).toBe("succeeded");
    const result = (await (await call(`/v1/jobs/${child.id}/result`, { headers: bearer(t.apiKey) })).json()) as any;
    expect(result.best.hard).toBe(0);
    expect(result.best.solution.start[a7]).toBe(slot);

    // The child's stored input: the parent's .fet plus the lock, so its own problem keeps the pin.
    const input = (await getJson<{ text: string }>(env.BLOBS, row.inputKey!))!;
    const pinnedProblem = compileSchool(input);
    const at = slotName(problem, slot);
    expect(input.text).toContain(
      `<Activity_Id>7</Activity_Id>\n\t<Preferred_Day>${at.day}</Preferred_Day>\n\t<Preferred_Hour>${at.hour}</Preferred_Hour>\n\t<Permanently_Locked>true</Permanently_Locked>`,
    );
    const moved = { start: Int32Array.from(result.best.solution.start), room: Int32Array.from(result.best.solution.room) };
    expect(evaluateSchool(pinnedProblem, moved).hard).toBe(0);
    moved.start[a7] = job.start[a7];
    expect(evaluateSchool(pinnedProblem, moved).hard).toBeGreaterThan(0);

    const replay = await call(`/v1/jobs/${child.id}/replay`, { method: "POST", headers: bearer(t.apiKey) });
    expect(replay.status).toBe(409);
  });

  it("pins a JSON school model with its own constraint form: the pinned problem refuses the lesson anywhere else", () => {
    const model = fetToModel(readFet(TINY_SCHOOL_FET));
    const modelProblem = compileSchool(model);
    const base = { start: new Int32Array(modelProblem.nActivities).fill(-1), room: new Int32Array(modelProblem.nActivities).fill(-1) };
    const edit = readSchoolEdit({ moves: [{ activity: 7, day: "Wed", hour: "10:00" }], pins: [7] }, modelProblem, base);
    const pinned = compileSchool(pinnedDocument(model, modelProblem, edit));
    const a7 = pinned.actId.indexOf(7);
    const only7 = (slot: number) => {
      const start = new Int32Array(pinned.nActivities).fill(-1);
      start[a7] = slot;
      return evaluateSchool(pinned, { start, room: new Int32Array(pinned.nActivities).fill(-1) });
    };
    const wed10 = 2 * pinned.nHours + 2;
    expect(only7(wed10).hard).toBeLessThan(only7(0).hard);
    expect((pinnedDocument(model, modelProblem, edit) as { timeConstraints: unknown[] }).timeConstraints).toContainEqual(
      expect.objectContaining({ type: "ActivityPreferredStartingTime", weight: 100, activityId: 7, day: "Wed", hour: "10:00", permanentlyLocked: true }),
    );
  });
});

describe("rooms in an edit: chosen, checked, pinned", () => {
  // core/school/test/rooms-school.ts: activity 1 may be in Room A (preferred at 90%) or Room B (not
  // available Mon h1); 2 is in Room A; 3 and 4 are in the virtual room Labs ({Lab 1, Lab 2} and {Lab 3, Lab 4}); 5 takes no room.
  const RFET = { kind: "timetabling", format: "fet", text: ROOMS_SCHOOL_FET };
  const rp = compileSchool(RFET);
  const ix = (name: string) => rp.rooms.indexOf(name);
  const act = (id: number) => rp.actId.indexOf(id);
  // 1 Tue h1 Room A, 2 Mon h1 Room A, 3 and 4 Mon h2 in Labs, 5 Wed h1 without a room
  const base = { start: Int32Array.of(4, 0, 1, 1, 8), room: Int32Array.of(ix("Room A"), ix("Room A"), ix("Labs"), ix("Labs"), -1) };
  const verdict = (edit: unknown) => schoolEditVerdict(rp, base, readSchoolEdit(edit, rp, base));
  const realOf = (t: { real?: Int32Array }, id: number) =>
    Array.from(t.real!.subarray(act(id) * rp.maxRealRooms, (act(id) + 1) * rp.maxRealRooms))
      .filter((r) => r >= 0)
      .map((r) => rp.rooms[r])
      .sort();

  it("a room change alone (no day and hour) is checked: a room against a 90% preference, a room not available then, two lessons in one room", () => {
    expect(evaluateSchool(rp, base).hard).toBe(0);
    const other = verdict({ moves: [{ activity: 1, room: "Room B" }] });
    expect(other).toMatchObject({ hard: 0, moved: [1] });
    expect(other.broken).toEqual([expect.objectContaining({ type: "ConstraintActivityPreferredRoom", hard: false, weight: 90, before: 0, violations: 1, activities: [1] })]);

    const closed = verdict({ moves: [{ activity: 1, day: "Mon", hour: "h1", room: "Room B" }] });
    expect(closed.broken.map((c) => [c.type, c.hard])).toEqual(
      expect.arrayContaining([
        ["ConstraintRoomNotAvailableTimes", true],
        ["ConstraintActivityPreferredRoom", false],
      ]),
    );

    const shared = verdict({ moves: [{ activity: 1, day: "Mon", hour: "h1" }] });
    expect(shared.hard).toBeGreaterThan(0);
    expect(shared.broken[0]).toMatchObject({ type: "ConstraintBasicCompulsorySpace", hard: true, activities: expect.arrayContaining([1, 2]) });
  });

  it("real rooms of a virtual room: named in any order, the other lessons in it take the rest; the same real room twice at once is a clash", () => {
    const named = readSchoolEdit({ moves: [{ activity: 3, realRooms: ["Lab 4", "Lab 1"] }] }, rp, base);
    expect(realOf(named.timetable, 3)).toEqual(["Lab 1", "Lab 4"]);
    expect(realOf(named.timetable, 4)).toEqual(["Lab 2", "Lab 3"]);
    expect(named.chosenReal).toEqual([act(3)]);
    const ok = schoolEditVerdict(rp, base, named);
    expect(ok).toMatchObject({ hard: 0, moved: [3], broken: [] });

    const clash = verdict({
      moves: [
        { activity: 3, realRooms: ["Lab 1", "Lab 4"] },
        { activity: 4, realRooms: ["Lab 1", "Lab 3"] },
      ],
    });
    expect(clash.hard).toBeGreaterThan(0);
    expect(clash.broken[0]).toMatchObject({ type: "ConstraintBasicCompulsorySpace", activities: expect.arrayContaining([3, 4]) });
  });

  it("refuses rooms that do not fit with the field path: unknown room, a room for a lesson that takes none, real rooms of a real room or outside the sets, a room pin without a room", () => {
    let caught: any;
    try {
      readSchoolEdit(
        {
          moves: [
            { activity: 1, room: "Attic" },
            { activity: 5, room: "Room A" },
            { activity: 2, realRooms: ["Lab 1", "Lab 3"] },
            { activity: 3, realRooms: ["Lab 1", "Lab 2"] },
            { activity: 4, realRooms: ["Lab 1"] },
            { activity: 1 },
          ],
          roomPins: [5],
        },
        rp,
        base,
      );
    } catch (e) {
      caught = e;
    }
    expect(caught?.status).toBe(422);
    expect(caught.extra.errors).toEqual([
      { path: "edit.moves.0.room", message: "must be a room of the school or null" },
      { path: "edit.moves.1.room", message: "activity 5 takes no room: no space constraint names it, so it must stay without one (null)" },
      { path: "edit.moves.5", message: "must give a day and an hour, a room, or real rooms" },
      { path: "edit.moves.2.realRooms", message: "only a lesson in a virtual room has real rooms (activity 2 is in Room A, a real room)" },
      { path: "edit.moves.3.realRooms", message: "Lab 2 does not fit a set left: must name 2 different real rooms of virtual room Labs, one of each set: Lab 1 or Lab 2; Lab 3 or Lab 4" },
      { path: "edit.moves.4.realRooms", message: "must name 2 different real rooms of virtual room Labs, one of each set: Lab 1 or Lab 2; Lab 3 or Lab 4" },
      { path: "edit.roomPins.0", message: "activity 5 has no room: choose its room before pinning it" },
    ]);
  });

  it("room pins lock the room (and the named real rooms) in the child's .fet and JSON model; time pins stay separate", () => {
    const edit = readSchoolEdit(
      {
        moves: [
          { activity: 1, room: "Room B" },
          { activity: 3, realRooms: ["Lab 2", "Lab 4"] },
        ],
        pins: [2],
        roomPins: [1, 3],
      },
      rp,
      base,
    );
    const doc = pinnedDocument(RFET, rp, edit) as { text: string };
    expect(doc.text).toContain(
      "<ConstraintActivityPreferredRoom>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Activity_Id>1</Activity_Id>\n\t<Room>Room B</Room>\n\t<Permanently_Locked>true</Permanently_Locked>",
    );
    expect(doc.text).toContain("\t<Room>Labs</Room>\n\t<Number_of_Real_Rooms>2</Number_of_Real_Rooms>\n\t<Real_Room>Lab 2</Real_Room>\n\t<Real_Room>Lab 4</Real_Room>");
    // a time pin for 2 only: no start lock for the room-pinned lessons, no room lock for 2
    const locks = readFet(doc.text);
    const startLocks = locks.timeConstraints.filter((c) => c.type === "ConstraintActivityPreferredStartingTime" && c.weight === 100);
    expect(startLocks.map((c) => c.node.children.find((n) => n.name === "Activity_Id")?.text)).toEqual(["2"]);
    const pinned = compileSchool({ ...RFET, text: doc.text });
    const R = pinned.rooms.length;
    expect(pinned.roomHard[act(1) * R + ix("Room A")]).toBeGreaterThan(0);
    expect(pinned.roomHard[act(1) * R + ix("Room B")]).toBe(0);
    // the locked real rooms count: 3 in Labs with Lab 1 instead of Lab 2 breaks its lock
    const keep = { ...edit.timetable };
    expect(evaluateSchool(pinned, keep).hard).toBe(0);
    const swapped = Int32Array.from(keep.real!);
    swapped[act(3) * pinned.maxRealRooms] = ix("Lab 1");
    swapped[act(4) * pinned.maxRealRooms] = ix("Lab 2");
    expect(evaluateSchool(pinned, { ...keep, real: swapped }).hard).toBeGreaterThan(0);

    const model = fetToModel(readFet(ROOMS_SCHOOL_FET));
    const mp = compileSchool(model);
    const mdoc = pinnedDocument(model, mp, readSchoolEdit({ moves: [{ activity: 3, realRooms: ["Lab 2", "Lab 4"] }], roomPins: [1, 3] }, mp, base)) as { spaceConstraints: unknown[] };
    expect(mdoc.spaceConstraints).toContainEqual(expect.objectContaining({ type: "ActivityPreferredRoom", weight: 100, activityId: 1, room: "Room A", permanentlyLocked: true }));
    expect(mdoc.spaceConstraints).toContainEqual(expect.objectContaining({ type: "ActivityPreferredRoom", weight: 100, activityId: 3, room: "Labs", realRooms: ["Lab 2", "Lab 4"] }));
    const mpinned = compileSchool(mdoc);
    expect(mpinned.roomHard[act(1) * R + ix("Room B")]).toBeGreaterThan(0);
  });

  it("through the API: the check takes a room move and real rooms; a fork with a room pin keeps the room the 90% preference is against", async () => {
    const t = await createTenant();
    const job = await finishedJob(t, { problem: RFET, seed: 3, budget: { evaluations: 30_000 } });
    expect(job.room[act(1)]).toBe(ix("Room A"));
    const res = await check(t, job.id, {
      moves: [
        { activity: 1, room: "Room B" },
        { activity: 3, realRooms: ["Lab 2", "Lab 3"] },
      ],
      roomPins: [1],
    });
    const body = (await res.json()) as any;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ moved: [1, 3], roomPins: [1], pins: [] });
    expect(body.broken).toContainEqual(expect.objectContaining({ type: "ConstraintActivityPreferredRoom", weight: 90, violations: 1 }));

    const fork = await call(`/v1/jobs/${job.id}/fork`, json({ edit: { moves: [{ activity: 1, room: "Room B" }], roomPins: [1] }, budget: { evaluations: 20_000 } }, bearer(t.apiKey)));
    const child = (await fork.json()) as any;
    expect(fork.status, JSON.stringify(child)).toBe(202);
    const row = await waitFor(`fork ${child.id}`, async () => {
      const r = await getJob(env, t.tenantId, child.id);
      return isTerminal(r.state) && r.resultKey ? r : null;
    });
    expect(row.state).toBe("succeeded");
    const result = (await (await call(`/v1/jobs/${child.id}/result`, { headers: bearer(t.apiKey) })).json()) as any;
    expect(result.best.hard).toBe(0);
    // Without the pin the solver would take Room A back (the 90% preference); with it, Room B stays.
    expect(result.best.solution.room[act(1)]).toBe(ix("Room B"));
    expect(result.best.soft).toBeGreaterThan(0);
  });
});
