/**
 * npm run verify:fet -- <result.fet> [--seconds N] [--keep DIR]
 *
 * Independent check of a timetable we wrote (core/school/fet/write.ts): FET's own generator
 * (`fet-cl`) opens the file, in which every activity is locked at our start (and room), and must
 * generate at once. Prints one JSON line {file, success, seconds, message}; exit code 0 when FET
 * generated ("Simulation successful"), 1 when it did not, 2 for usage errors or fet-cl missing.
 */
import { readFileSync } from "node:fs";
import { FET_CL, fetClAvailable, runFetCl } from "../core/school/cli/fetcl";

const USAGE = "usage: npm run verify:fet -- <result.fet> [--seconds N] [--keep DIR]";
const args = process.argv.slice(2);
let file: string | undefined;
let seconds = 30;
let keep: string | undefined;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--seconds") seconds = Number(args[++i]);
  else if (a === "--keep") keep = args[++i];
  else if (a.startsWith("--") || file) {
    console.error(USAGE);
    process.exit(2);
  } else file = a;
}
if (!file || !Number.isFinite(seconds) || seconds <= 0) {
  console.error(USAGE);
  process.exit(2);
}
if (!fetClAvailable()) {
  console.error(`fet-cl is not installed (looked for ${FET_CL}): install FET ("apt-get install fet") or set FET_CL to its path`);
  process.exit(2);
}
const text = readFileSync(file, "utf8");
const r = runFetCl(text, seconds, { name: (file.split(/[\\/]/).pop() ?? "result").replace(/\.fet$/i, ""), keep });
process.stdout.write(JSON.stringify({ file, success: r.success, seconds: Number(r.seconds.toFixed(2)), message: r.message, ...(keep ? { outputDir: keep } : {}) }) + "\n");
if (!r.success) process.stderr.write(`FET did not generate the timetable: ${r.message}\n`);
process.exit(r.success ? 0 : 1);
