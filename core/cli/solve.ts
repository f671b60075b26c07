/**
 * npm run solve -- <problem-file> [--algorithm NAME] [--seconds N | --evaluations N] [--seed N]
 *                  [--out FILE] [--param name=value ...] [--params JSON] [--parallel N]
 *
 * Reads .tsp, .json (any kind's document) and whatever other kinds registered (.ctt, .xlsx, .csv),
 * and FET's .fet (core/school; --ignore-unsupported solves without the types it does not support);
 * prints progress to stderr and ONE final JSON line to stdout. With --evaluations and --seed the
 * answer is reproducible bit for bit. `--parallel N` (timetabling files) runs N searches with
 * different seeds in worker threads that exchange their best timetables at fixed evaluation counts,
 * and keeps the best (core/timetabling/parallel.ts); with --evaluations the answer is reproducible
 * for a given seed and N. Exit code 2 for usage errors,
 * 1 for bad input.
 */
import { ParameterError, ProblemError } from "../index";
import { solveFileParallel } from "../timetabling/cli";
import { MAX_PARALLEL } from "../timetabling/parallel";
import { solveFile, type SolveOptions } from "./run-file";

const USAGE =
  "usage: npm run solve -- <problem-file> [--algorithm NAME] [--seconds N | --evaluations N] [--seed N] [--out FILE] [--param name=value] [--params JSON] [--parallel N (timetabling)] [--ignore-unsupported (.fet)]";

function parseArgs(argv: string[]): { file: string; options: SolveOptions; parallel?: number } {
  let file: string | undefined;
  let parallel: number | undefined;
  const options: SolveOptions = { params: {} };
  const number = (flag: string, v: string | undefined) => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) throw new UsageError(`${flag} needs a non-negative number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    switch (a) {
      case "--algorithm":
        options.algorithm = next();
        break;
      case "--seconds":
        options.seconds = number(a, next());
        break;
      case "--evaluations":
        options.evaluations = Math.floor(number(a, next()));
        if (options.evaluations < 1) throw new UsageError("--evaluations must be at least 1");
        break;
      case "--seed":
        options.seed = Math.floor(number(a, next()));
        break;
      case "--out":
        options.out = next();
        break;
      case "--param": {
        const [k, ...rest] = (next() ?? "").split("=");
        const v = rest.join("=");
        options.params![k] = v === "true" ? true : v === "false" ? false : v;
        break;
      }
      case "--parallel":
        parallel = number(a, next());
        if (!Number.isInteger(parallel) || parallel < 1 || parallel > MAX_PARALLEL) throw new UsageError(`--parallel needs an integer from 1 to ${MAX_PARALLEL}`);
        break;
      case "--ignore-unsupported":
        options.ignoreUnsupported = true;
        break;
      case "--params":
        Object.assign(options.params!, JSON.parse(next() ?? "{}"));
        break;
      case "-h":
      case "--help":
        throw new UsageError(USAGE);
      default:
        if (a.startsWith("--")) throw new UsageError(`unknown option ${a}\n${USAGE}`);
        if (file) throw new UsageError(`only one problem file, got ${file} and ${a}`);
        file = a;
    }
  }
  if (!file) throw new UsageError(USAGE);
  if (parallel !== undefined && /\.fet$/i.test(file)) throw new UsageError("--parallel is not available for .fet files");
  return { file, options, parallel };
}

class UsageError extends Error {}

try {
  const { file, options, parallel } = parseArgs(process.argv.slice(2));
  const result = parallel === undefined ? solveFile(file, { ...options, log: (line) => process.stderr.write(line + "\n") }) : await solveFileParallel(file, { ...options, workers: parallel });
  process.stdout.write(JSON.stringify(result) + "\n");
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(e.message + "\n");
    process.exit(2);
  }
  if (e instanceof ProblemError || e instanceof ParameterError) {
    process.stderr.write(`${e.name}: ${e.message}\n`);
    process.stdout.write(JSON.stringify({ error: e.name, issues: e.issues }) + "\n");
    process.exit(1);
  }
  throw e;
}
