/**
 * One esbuild bundle of a TypeScript entry file, for code that runs long in plain Node: the
 * timetabling bench's runs (bench/timetabling.ts) and `npm run solve` (scripts/solve.ts). Bundled,
 * the code runs as the Worker's does (wrangler bundles with esbuild) instead of module by module
 * through tsx's loader, which measured about 12 % fewer timetabling moves per CPU-second (comp10,
 * 20 M evaluations, seed 1: 3.48 M through tsx, 3.93 M bundled; the same soft cost). The bundle is
 * written to the system's temporary folder and named by a hash of its text, so concurrent runs
 * share it and a changed source gets a new file.
 */
import { createHash } from "node:crypto";
import { existsSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";

/** Path of an ES-module bundle of `entry` (a .ts file) that `node <path> …` (or a worker thread) runs with no loader. */
export function nodeBundle(entry: string): string {
  const built = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "warning",
    // CommonJS dependencies inside an ES-module bundle may still call require() for Node's modules.
    banner: { js: 'import { createRequire as __evolveCreateRequire } from "node:module"; const require = __evolveCreateRequire(import.meta.url);' },
  });
  const text = built.outputFiles[0].text;
  const file = join(tmpdir(), `evolve-bundle-${createHash("sha256").update(text).digest("hex").slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    // Written aside and renamed, so a concurrent run never starts from half a file.
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, text);
    renameSync(part, file);
  }
  return file;
}
