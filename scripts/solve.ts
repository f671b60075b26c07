/**
 * `npm run solve -- <problem-file> …` (options: core/cli/solve.ts): runs the solve CLI from one
 * esbuild bundle under plain node (scripts/node-bundle.ts), as the bench runs its searches: through
 * tsx's loader the engines run about 12 % fewer moves per CPU-second. With `--parallel`, the
 * searches' worker threads start from a bundle of core/timetabling/parallel-worker.ts, named to
 * the CLI by PARALLEL_WORKER_ENV (core/timetabling/parallel.ts). Arguments, standard streams and the
 * exit code are the CLI's own.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PARALLEL_WORKER_ENV } from "../core/timetabling/parallel";
import { nodeBundle } from "./node-bundle";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export function solveCommand(args: readonly string[]): { file: string; args: string[]; env: NodeJS.ProcessEnv } {
  const env = { ...process.env };
  if (args.includes("--parallel")) env[PARALLEL_WORKER_ENV] = nodeBundle(source("../core/timetabling/parallel-worker.ts"));
  return { file: nodeBundle(source("../core/cli/solve.ts")), args: [...args], env };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { file, args, env } = solveCommand(process.argv.slice(2));
  const r = spawnSync(process.execPath, [file, ...args], { stdio: "inherit", env });
  if (r.error) throw r.error;
  process.exit(r.status ?? 1);
}
