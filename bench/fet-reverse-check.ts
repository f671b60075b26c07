/**
 * The reverse of FET-verifying our timetables: FET generates, our evaluator judges FET's timetable.
 * `npx tsx bench/fet-reverse-check.ts [--seconds N] [FILE…]` (files relative to $FET_EXAMPLES or
 * /usr/share/doc/fet-data/examples/FET-5-official, read in place: AGPL data, never copied here;
 * default: every example, smallest first).
 *
 * For each file fet-cl runs with the time limit; when it succeeds, its `…_data_and_timetable.fet`
 * (the input plus every activity locked to FET's starting time and room) is compiled with
 * compileFet(ignoreUnsupported) and evaluated with evaluateSchool at FET's placement. FET only
 * reports success when every 100% constraint holds, so every hard violation we count there is a
 * disagreement on a constraint's meaning: they are listed by type. Temporary files are removed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { evaluateSchool } from "../core/school/evaluate";
import type { FetConstraint } from "../core/school/fet/types";
import { compileFet } from "../core/school/problem";

const FET_CL = "/usr/bin/fet-cl";
const root = process.env.FET_EXAMPLES ?? "/usr/share/doc/fet-data/examples/FET-5-official";
const args = process.argv.slice(2);
let seconds = 20;
const named: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--seconds") seconds = Number(args[++i]);
  else named.push(args[i]);
}
if (!Number.isFinite(seconds) || seconds <= 0) throw new Error("--seconds must be a positive number");
if (!existsSync(FET_CL)) {
  console.log(`fet-cl is not installed (${FET_CL}): nothing to compare with`);
  process.exit(0);
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (e.toLowerCase().endsWith(".fet")) out.push(p);
  }
  return out;
}

const files = named.length ? named.map((f) => join(root, f)) : walk(root).sort((a, b) => statSync(a).size - statSync(b).size);
const field = (c: FetConstraint, name: string) => c.node.children.find((x) => x.name === name)?.text ?? "";

console.log(`# Our verdict on FET's own timetables (fet-cl, ${seconds} s limit)\n`);
console.log("| file | FET | our hard violations at FET's placement |\n|---|---|---|");
let agreed = 0;
let judged = 0;
for (const file of files) {
  const name = relative(root, file);
  const dir = mkdtempSync(join(tmpdir(), "fet-reverse-"));
  try {
    const t0 = Date.now();
    let log = "";
    try {
      log = execFileSync(
        FET_CL,
        [
          `--inputfile=${file}`,
          `--outputdir=${dir}`,
          `--timelimitseconds=${seconds}`,
          "--writetimetablesdayshorizontal=false",
          "--writetimetablesdaysvertical=false",
          "--writetimetablestimehorizontal=false",
          "--writetimetablestimevertical=false",
          "--writetimetablesstatistics=false",
        ],
        {
          encoding: "utf8",
          // fet-cl does not always stop at its own limit
          timeout: (seconds + 10) * 1000,
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
    } catch (e) {
      log = String((e as { stdout?: string }).stdout ?? "");
    }
    const fetSeconds = ((Date.now() - t0) / 1000).toFixed(1);
    if (!/Simulation successful/.test(log)) {
      console.log(`| ${name} | no timetable in ${seconds} s | – |`);
      continue;
    }
    const tdir = join(dir, "timetables");
    const sub = readdirSync(tdir)[0];
    const out = readdirSync(join(tdir, sub)).find((f) => f.endsWith("_data_and_timetable.fet"));
    if (!out) {
      console.log(`| ${name} | ${fetSeconds} s, but no _data_and_timetable.fet | – |`);
      continue;
    }
    let p: ReturnType<typeof compileFet>;
    try {
      p = compileFet(readFileSync(join(tdir, sub, out), "utf8"), { ignoreUnsupported: true });
    } catch (e) {
      console.log(`| ${name} | ${fetSeconds} s | we refuse FET's output: ${String((e as Error).message).slice(0, 200)} |`);
      continue;
    }
    const start = new Int32Array(p.nActivities).fill(-1);
    const room = new Int32Array(p.nActivities).fill(-1);
    const index = new Map<number, number>();
    for (let a = 0; a < p.nActivities; a++) index.set(p.actId[a], a);
    // FET appends one locked starting time (and room) per activity: the last one per activity wins.
    for (const c of p.input.timeConstraints) {
      if (c.type !== "ConstraintActivityPreferredStartingTime" || !c.active || c.weight < 100) continue;
      const a = index.get(Number(field(c, "Activity_Id")));
      const d = p.input.days.indexOf(field(c, "Preferred_Day"));
      const h = p.input.hours.indexOf(field(c, "Preferred_Hour"));
      if (a !== undefined && d >= 0 && h >= 0) start[a] = d * p.nHours + h;
    }
    for (const c of p.input.spaceConstraints) {
      if (c.type !== "ConstraintActivityPreferredRoom" || !c.active || c.weight < 100) continue; // FET writes Permanently_Locked true or false
      const a = index.get(Number(field(c, "Activity_Id")));
      const r = p.rooms.indexOf(field(c, "Room"));
      if (a !== undefined && r >= 0) room[a] = r;
    }
    const e = evaluateSchool(p, { start, room });
    judged++;
    const byType = new Map<string, number>();
    for (const v of e.constraints) if (v.weight >= 100 && v.violations > 0) byType.set(v.type, (byType.get(v.type) ?? 0) + v.violations);
    if (e.unplaced) byType.set("unplaced", e.unplaced);
    if (e.noRoom) byType.set("no room", e.noRoom);
    if (byType.size === 0) agreed++;
    const ignored = p.ignored.length ? ` (ignored: ${p.ignored.map((i) => i.type).join(", ")})` : "";
    const verdict = byType.size ? [...byType].map(([t, n]) => `${t} ${n}`).join(", ") : "none";
    console.log(`| ${name} | ${fetSeconds} s | ${verdict}${ignored} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`\nFET timetables we judge valid: ${agreed} of ${judged} generated (${files.length} files tried).`);
