/**
 * Benchmark children run from one esbuild bundle of their entry file, as the Worker's code runs
 * bundled (wrangler bundles with esbuild) instead of module by module through tsx's loader, which
 * measured about 12 % fewer timetabling moves per CPU-second (comp10, 20 M evaluations, seed 1: 3.48
 * M through tsx, 3.93 M bundled; the same soft cost). The bundle is written once per bench run to
 * the system's temporary folder and named by a hash of its text, so concurrent benches share it.
 */
import { createHash } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";

/** Path of an ES-module bundle of `entry` (a .ts file) that `node <path> …` runs with no loader. */
export function childBundle(entry: string): string {
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
  const file = join(tmpdir(), `evolve-bench-${createHash("sha256").update(text).digest("hex").slice(0, 16)}.mjs`);
  if (!existsSync(file)) writeFileSync(file, text);
  return file;
}
