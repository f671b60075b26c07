#!/usr/bin/env node
// `npm run dev`: the whole product locally in workerd. Creates .dev.vars on first run, applies
// D1 migrations to the local state (.wrangler/state, kept between runs), starts `wrangler dev`
// (which builds the Remix app first), waits for /v1/health and seeds the demo tenant.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { forwardWithoutRequestLines } from "./dev-log.mjs";

const PORT = Number(process.env.PORT ?? 8787);
const BASE = `http://localhost:${PORT}`;
const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
const wrangler = "node_modules/.bin/wrangler";

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  const vars = readFileSync(".dev.vars", "utf8").replace("BETTER_AUTH_SECRET=change-me-to-a-long-random-string", `BETTER_AUTH_SECRET=${randomBytes(32).toString("hex")}`);
  writeFileSync(".dev.vars", vars);
  console.log("Created .dev.vars from .dev.vars.example (local secrets, git-ignored).");
}

const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local"], { stdio: "inherit", env });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

// One log line per request: wrangler's own request lines are left out (scripts/dev-log.mjs). Its
// output is piped for that, so colours are asked for when this terminal shows them.
const dev = spawn(wrangler, ["dev", "--port", String(PORT), "--ip", "127.0.0.1", ...process.argv.slice(2)], {
  stdio: ["inherit", "pipe", "pipe"],
  env: process.stdout.isTTY && !env.NO_COLOR ? { ...env, FORCE_COLOR: "1" } : env,
});
forwardWithoutRequestLines(dev.stdout, process.stdout);
forwardWithoutRequestLines(dev.stderr, process.stderr);
const stop = () => dev.kill("SIGINT");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code) => process.exit(code ?? 0));

const started = Date.now();
while (Date.now() - started < 120_000) {
  await new Promise((r) => setTimeout(r, 1000));
  try {
    const res = await fetch(`${BASE}/v1/health`);
    if (res.status !== 200) continue;
    const seed = await fetch(`${BASE}/api/dev/seed`, { method: "POST" });
    const info = seed.ok ? await seed.json() : null;
    console.log(`\n  Evolve is running at ${BASE}  (health: ${BASE}/v1/health)`);
    if (info?.email) {
      console.log(`  Demo tenant "${info.tenant}": sign in at ${BASE}/sign-in as ${info.email} / ${info.password}`);
      if (info.apiKey) console.log(`  Demo API key (shown once per seed): ${info.apiKey}`);
    } else {
      console.log(`  (demo seed unavailable: ${seed.status})`);
    }
    console.log(`  Stop with Ctrl+C; data persists in .wrangler/state (wipe it with npm run reset).\n`);
    break;
  } catch {
    // not up yet
  }
}
