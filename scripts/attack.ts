/**
 * `npm run attack` — known attacks against the local stack (started like `npm run dev` by
 * scripts/local-stack.ts), each with the answer a safe Worker gives. Prints a markdown table:
 * attack, expected answer, actual answer, time, worker memory (RSS of the stack's workerd
 * processes after the attack). Exits 1 when any answer differs from the expected one.
 *
 *   npm run attack                 # start a fresh local stack, attack it, stop it
 *   npm run attack -- --url http://127.0.0.1:8787   # attack a running `npm run dev` instead
 *   npm run attack -- --keep       # keep the stack's state folder (and its log) afterwards
 *
 * Each attack is a row of ATTACKS: `{ name, expected, send(ctx) }`, where `send` returns the
 * actual answer as a short string compared with `expected`. Add rows to attack/accounts.ts or
 * attack/entry-points.ts; `ctx` holds a signed-up tenant (session cookie and an admin key) and
 * helpers (attack/support.ts). The fix behind each row has a test next
 * to its code (named in `where`).
 */
import { parseArgs } from "node:util";
import { ACCOUNT_ATTACKS } from "./attack/accounts";
import { ENTRY_POINT_ATTACKS } from "./attack/entry-points";
import { type Attack, type Ctx, cookieOf, createKey, json, PASSWORD } from "./attack/support";
import { workerMemoryMiB } from "./attack/worker-memory";
import { removeState, startLocalStack, type LocalStack } from "./local-stack";

const { values: args } = parseArgs({ options: { url: { type: "string" }, keep: { type: "boolean", default: false } } });

// In this order: the last entry-point row must run last (its comment in attack/entry-points.ts).
const ATTACKS: Attack[] = [...ACCOUNT_ATTACKS, ...ENTRY_POINT_ATTACKS];

async function main() {
  let stack: LocalStack | undefined;
  const base = args.url ?? (stack = await startLocalStack()).baseURL;
  const req = (path: string, init?: RequestInit) => fetch(base + path, init);
  let n = 0;
  const ctx: Ctx = {
    base,
    logPath: stack?.logPath,
    req,
    async tenant() {
      n += 1;
      const email = `attack-${n}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@attack.test`;
      const res = await req("/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ name: "Attacker", email, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-up ${res.status}: ${await res.text()}`);
      const cookie = cookieOf(res);
      const tenants = await json(await req("/v1/tenants", { headers: { cookie, origin: base } }));
      const tenantId = tenants.data.find((x: { active: boolean }) => x.active).id;
      const admin = await createKey(ctx, { cookie, origin: base }, ["jobs:read", "jobs:write", "admin"]);
      return { email, cookie, tenantId, adminKey: admin.key, adminKeyId: admin.id };
    },
  };
  const rows: string[] = [];
  let failed = 0;
  try {
    for (const attack of ATTACKS) {
      const started = performance.now();
      let actual: string;
      try {
        actual = await attack.send(ctx);
      } catch (e) {
        actual = `error: ${(e as Error).message.slice(0, 120)}`;
      }
      const ms = performance.now() - started;
      const ok = actual.startsWith(attack.expected);
      if (!ok) failed += 1;
      rows.push(`| ${attack.name} | ${attack.expected} | ${ok ? "" : "**"}${actual}${ok ? "" : "**"} | ${ms.toFixed(0)} ms | ${workerMemoryMiB(stack?.stateDir)} | \`${attack.where}\` |`);
    }
  } finally {
    await stack?.stop();
    if (stack && !args.keep) removeState(stack.stateDir);
    else if (stack) console.error(`state and log kept in ${stack.stateDir}`);
  }
  console.log(["| attack | expected | actual | time | worker memory | test |", "|---|---|---|---|---|---|", ...rows].join("\n"));
  console.log(`\n${ATTACKS.length - failed} of ${ATTACKS.length} attacks answered as expected.`);
  if (failed) process.exitCode = 1;
}

await main();
