/**
 * The web app's build as wrangler runs it (wrangler.toml [build] command). `wrangler dev` runs it at
 * start, again when its file watcher is ready (wrangler's BundlerController: "The initial custom build
 * is always done in getEntry()", then one more on the watcher's "ready"), and on every change under
 * web/app. Under `wrangler dev` (wrangler sets WRANGLER_COMMAND=dev) the build runs only when a source
 * is newer than web/build (webBuildIsStale, scripts/local-stack.ts), so `npm run dev` builds once at
 * start and again after each edit. Every other command (`wrangler deploy`, its dry run) always builds.
 */
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { ROOT, webBuildIsStale } from "./local-stack";

/** Whether to build: always, except under `wrangler dev` with a build newer than every source. */
export function shouldBuild(wranglerCommand: string | undefined, stale: () => boolean): boolean {
  return wranglerCommand !== "dev" || stale();
}

function main(): void {
  if (!shouldBuild(process.env.WRANGLER_COMMAND, webBuildIsStale)) {
    console.log("web app build is up to date (web/build is newer than its sources): not rebuilt");
    return;
  }
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit", timeout: 600_000, killSignal: "SIGKILL" });
  if (build.error) console.error(`npm run build could not run: ${build.error.message}`);
  process.exit(build.status ?? 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
