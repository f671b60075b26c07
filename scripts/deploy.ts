/**
 * Deploy to Cloudflare: `npx tsx scripts/deploy.ts [--dry-run]` (docs/deploy.md, step by step).
 *
 * 1. Checks (and without --dry-run creates) the D1 database, the R2 bucket and both queues
 *    (jobs and dead letters) named in wrangler.toml, with wrangler's own commands.
 * 2. Applies the D1 migrations remotely.
 * 3. Lists the Worker secrets still missing and refuses to deploy while any is missing, or while
 *    DEV_SEED is set (the demo seed must never run in production).
 * 4. Deploys. With --dry-run nothing is created, applied or deployed: it prints the plan and the
 *    bundle size from `wrangler deploy --dry-run --outdir`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { ensureWebBuild, writeConfigWithoutBuild } from "./local-stack";

export const ROOT = resolve(import.meta.dirname, "..");

/** Secrets a production deployment needs (README "Configuration"). */
export const REQUIRED_SECRETS = ["BETTER_AUTH_SECRET", "OPS_TOKEN", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_PRO", "STRIPE_PRICE_ENTERPRISE", "RESEND_API_KEY", "MAIL_FROM"];
/** Secrets that must not be set in production. */
export const FORBIDDEN_SECRETS = ["DEV_SEED"];

export interface Resources {
  d1: string;
  r2: string;
  queues: string[];
}

/** The resource names wrangler.toml binds (D1 database, R2 bucket, producer and consumer queues). */
export function resourcesOf(toml: string): Resources {
  const d1 = /\[\[d1_databases\]\][^[]*?database_name\s*=\s*"([^"]+)"/.exec(toml)?.[1];
  const r2 = /\[\[r2_buckets\]\][^[]*?bucket_name\s*=\s*"([^"]+)"/.exec(toml)?.[1];
  const queues = new Set<string>();
  for (const m of toml.matchAll(/^\s*(?:queue|dead_letter_queue)\s*=\s*"([^"]+)"/gm)) queues.add(m[1]);
  if (!d1 || !r2) throw new Error("wrangler.toml must name a D1 database_name and an R2 bucket_name");
  return { d1, r2, queues: [...queues] };
}

/** Which required secrets are missing and which forbidden ones are set, from `wrangler secret list`. */
export function secretProblems(present: string[]): { missing: string[]; forbidden: string[] } {
  return { missing: REQUIRED_SECRETS.filter((s) => !present.includes(s)), forbidden: FORBIDDEN_SECRETS.filter((s) => present.includes(s)) };
}

/** Total and gzip size of a `wrangler deploy --dry-run --outdir` folder (what Cloudflare limits). */
export function bundleSize(outdir: string): { bytes: number; gzipBytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const parts: Buffer[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.endsWith(".map")) {
        const b = readFileSync(p);
        bytes += b.length;
        files++;
        parts.push(b);
      }
    }
  };
  walk(outdir);
  return { bytes, gzipBytes: gzipSync(Buffer.concat(parts)).length, files };
}

/**
 * Build the production bundle without deploying; returns its size. The web app is built once here
 * (only when stale) and wrangler runs from the config without [build]: its own `npm run build`
 * would empty web/build under a running local stack (the browser tests run beside this check).
 */
export function dryRunBundle(): { bytes: number; gzipBytes: number; files: number; outdir: string } {
  const outdir = mkdtempSync(join(tmpdir(), "evolve-bundle-"));
  ensureWebBuild();
  const config = writeConfigWithoutBuild();
  // A synchronous child without a limit would freeze the caller's timers for good (deploy.test.ts): 5 minutes at most.
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir, "--config", config], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], timeout: 300_000, killSignal: "SIGKILL" });
  return { ...bundleSize(outdir), outdir };
}

function wrangler(args: string[]): { ok: boolean; out: string } {
  const r = spawnSync("npx", ["wrangler", ...args], { cwd: ROOT, encoding: "utf8" });
  return { ok: r.status === 0, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

function step(dry: boolean, what: string, args: string[]): void {
  console.log(`${dry ? "would run" : "running"}: wrangler ${args.join(" ")}  (${what})`);
  if (dry) return;
  const r = wrangler(args);
  if (!r.ok) throw new Error(`wrangler ${args.join(" ")} failed:\n${r.out}`);
}

async function main(): Promise<void> {
  const dry = process.argv.includes("--dry-run");
  const res = resourcesOf(readFileSync(join(ROOT, "wrangler.toml"), "utf8"));
  console.log(`Plan (${dry ? "dry run: nothing is changed" : "deploying"}):`);

  const d1 = wrangler(["d1", "list", "--json"]);
  const haveD1 = d1.ok && d1.out.includes(`"${res.d1}"`);
  if (!haveD1) step(dry, `D1 database ${res.d1} ${d1.ok ? "is missing" : "could not be listed (not logged in?)"}`, ["d1", "create", res.d1]);
  else console.log(`ok: D1 database ${res.d1} exists (put its id in wrangler.toml database_id)`);

  const r2 = wrangler(["r2", "bucket", "list"]);
  if (!(r2.ok && r2.out.includes(res.r2))) step(dry, `R2 bucket ${res.r2} is missing`, ["r2", "bucket", "create", res.r2]);
  else console.log(`ok: R2 bucket ${res.r2} exists`);

  const q = wrangler(["queues", "list"]);
  for (const name of res.queues) {
    if (!(q.ok && q.out.includes(name))) step(dry, `queue ${name} is missing`, ["queues", "create", name]);
    else console.log(`ok: queue ${name} exists`);
  }

  step(dry, "D1 migrations", ["d1", "migrations", "apply", res.d1, "--remote"]);

  const list = wrangler(["secret", "list", "--format", "json"]);
  const present = list.ok ? (JSON.parse(list.out.slice(list.out.indexOf("["))) as { name: string }[]).map((s) => s.name) : [];
  const { missing, forbidden } = secretProblems(present);
  if (!list.ok) console.log("secrets: could not be listed (first deploy, or not logged in)");
  for (const s of missing) console.log(`missing secret: ${s}  (wrangler secret put ${s})`);
  for (const s of forbidden) console.log(`refused: ${s} is set; remove it with wrangler secret delete ${s}`);
  if (/^\s*DEV_SEED\s*=\s*"?true/m.test(readFileSync(join(ROOT, "wrangler.toml"), "utf8"))) forbidden.push("DEV_SEED (wrangler.toml [vars])");

  const size = dryRunBundle();
  console.log(
    `bundle: ${(size.bytes / 1024 / 1024).toFixed(2)} MiB in ${size.files} files, ${(size.gzipBytes / 1024 / 1024).toFixed(2)} MiB gzip (Cloudflare's Worker limit: 10 MiB gzip on paid plans, 3 MiB free)`,
  );
  if (dry) return;
  if (forbidden.length) throw new Error(`refusing to deploy with ${forbidden.join(", ")} set in production`);
  if (missing.length) throw new Error(`set the missing secrets first: ${missing.join(", ")}`);
  step(false, "deploy", ["deploy"]);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
