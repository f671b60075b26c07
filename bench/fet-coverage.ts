/**
 * Which official FET examples does core/school support completely?
 * `npx tsx bench/fet-coverage.ts [folder]` (default: $FET_EXAMPLES or
 * /usr/share/doc/fet-data/examples/FET-5-official, read in place: AGPL data, never copied here).
 *
 * Each .fet is compiled with compileSchool(ignoreUnsupported); a file is "supported" when it
 * compiles and nothing was ignored. Prints the count, the files refused with the reason, and the
 * unsupported constraint types left (elements and files), most frequent first. No files written.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ProblemError } from "../core/engine/errors";
import { compileSchool } from "../core/school/index";

const root = process.argv[2] ?? process.env.FET_EXAMPLES ?? "/usr/share/doc/fet-data/examples/FET-5-official";

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (e.toLowerCase().endsWith(".fet")) out.push(p);
  }
  return out;
}

const files = walk(root);
let supported = 0;
const refused: string[] = [];
const types = new Map<string, { elements: number; files: number }>();
const blockers = new Map<string, number>(); // files whose ONLY missing type is this one
for (const file of files) {
  const name = relative(root, file);
  try {
    const p = compileSchool({ kind: "timetabling", format: "fet", text: readFileSync(file, "utf8"), ignoreUnsupported: true });
    if (p.ignored.length === 0) supported++;
    for (const { type, count } of p.ignored) {
      const t = types.get(type) ?? { elements: 0, files: 0 };
      t.elements += count;
      t.files++;
      types.set(type, t);
    }
    if (p.ignored.length === 1) blockers.set(p.ignored[0].type, (blockers.get(p.ignored[0].type) ?? 0) + 1);
  } catch (e) {
    const why = e instanceof ProblemError ? e.issues.map((i) => `${i.path.join("/")}: ${i.message}${i.line ? ` (line ${i.line})` : ""}`).join("; ") : String(e);
    refused.push(`${name}: ${why}`);
  }
}

console.log(`# FET examples fully supported: ${supported} of ${files.length} (${root})\n`);
if (refused.length) console.log(`## Refused while compiling (${refused.length})\n\n${refused.map((r) => `- ${r}`).join("\n")}\n`);
console.log("## Unsupported types left\n\n| type | elements | files | files missing only this type |\n|---|---:|---:|---:|");
for (const [type, t] of [...types].sort((a, b) => b[1].files - a[1].files || b[1].elements - a[1].elements)) {
  console.log(`| ${type} | ${t.elements} | ${t.files} | ${blockers.get(type) ?? 0} |`);
}
