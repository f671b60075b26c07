/**
 * Does a `.fet` survive the JSON school model? `npx tsx bench/fet-roundtrip.ts [folder]`
 * (default: $FET_EXAMPLES or /usr/share/doc/fet-data/examples, read in place: AGPL data, never
 * copied here). For each file x it compiles readFet(x) and
 * readFet(fetInputToText(modelToFet(JSON round trip of fetToModel(readFet(x))))) with
 * ignoreUnsupported and compares the compiled problems (core/school/model/compare.ts: every array,
 * plus evaluateSchool's verdicts on two random timetables), every constraint element (so types
 * the compiler does not support are checked too), and the model compiled directly
 * (compileSchool, format "school"). Prints one line per file and the count. Files our compiler
 * refuses as read are listed apart, each with the input-level check (inputDifferences). No files written.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ProblemError } from "../core/engine/errors";
import {
  compileSchool,
  compileInput,
  fetInputToText,
  fetToModel,
  modelToFet,
  problemDifferences,
  readFet,
  verdictDifferences,
  constraintDifferences,
  inputDifferences,
  type SchoolProblem,
} from "../core/school/index";

const root = process.argv[2] ?? process.env.FET_EXAMPLES ?? "/usr/share/doc/fet-data/examples";

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (e.toLowerCase().endsWith(".fet")) out.push(p);
  }
  return out;
}

const why = (e: unknown) =>
  e instanceof ProblemError
    ? e.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")
    : String(e);
const files = walk(root);
let same = 0;
let differ = 0;
const refused: string[] = [];
/** Files readFet itself refuses (beyond FET_LIMITS): there is no model to make. */
const unreadable: string[] = [];
let typed = 0;
let inputSame = 0;
let inputDiffer = 0;
let generic = 0;
const t0 = performance.now();
for (const file of files) {
  const name = relative(root, file);
  const text = readFileSync(file, "utf8");
  try {
    readFet(text);
  } catch (e) {
    unreadable.push(`${name}: ${why(e)}`);
    continue;
  }
  let original: SchoolProblem;
  try {
    original = compileInput(readFet(text), text, { ignoreUnsupported: true });
  } catch (e) {
    // the compiler refuses the file as read: the round trip can still be checked on what it states
    let same = "input not checked";
    try {
      const input = readFet(text);
      const back = readFet(fetInputToText(modelToFet(JSON.parse(JSON.stringify(fetToModel(input))))));
      const d = inputDifferences(input, back, 3);
      same = d.length ? `input DIFFERS: ${d.join("; ")}` : "same input through the model";
      if (d.length) inputDiffer++;
      else inputSame++;
    } catch (e2) {
      same = `model FAILS: ${why(e2)}`;
      inputDiffer++;
    }
    refused.push(`${name}: ${why(e)} (${same})`);
    continue;
  }
  try {
    const model = JSON.parse(JSON.stringify(fetToModel(readFet(text))));
    for (const c of [...model.timeConstraints, ...model.spaceConstraints]) c.fields ? generic++ : typed++;
    const written = fetInputToText(modelToFet(model));
    const reread = readFet(written);
    const back = compileInput(reread, written, { ignoreUnsupported: true });
    const direct = compileSchool({ ...model, ignoreUnsupported: true });
    const diffs = [
      ...problemDifferences(original, back, 3),
      ...problemDifferences(original, direct, 3).map((d) => `direct ${d}`),
      ...verdictDifferences(original, back, 2),
      ...constraintDifferences([...original.input.timeConstraints, ...original.input.spaceConstraints], [...reread.timeConstraints, ...reread.spaceConstraints], 3),
    ];
    if (diffs.length === 0) {
      same++;
      console.log(`same    ${name}`);
    } else {
      differ++;
      console.log(`DIFFERS ${name}: ${diffs.join("; ")}`);
    }
  } catch (e) {
    differ++;
    console.log(`FAILS   ${name}: ${why(e)}`);
  }
}
const compiled = files.length - refused.length - unreadable.length;
console.log(
  `\n# .fet → model → .fet: ${same} of ${compiled} compile to identical problems (${differ} differ; ${refused.length} refused by our compiler as read, ${unreadable.length} beyond readFet's limits; ${root}; ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
);
console.log(`constraints in the typed form: ${typed}, in the generic form: ${generic}`);
if (unreadable.length) console.log(`\n## Beyond readFet's limits (no model to make)\n\n${unreadable.map((r) => `- ${r}`).join("\n")}`);
if (refused.length) {
  console.log(
    `the ${refused.length} files the compiler refuses as read: ${inputSame} state the same school after the round trip (names, students, rooms, activities, every constraint element), ${inputDiffer} do not`,
  );
  console.log(`\n## Refused by compile as read\n\n${refused.map((r) => `- ${r}`).join("\n")}`);
}
