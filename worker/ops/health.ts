/**
 * GET /v1/health — exercises every platform component for real: a D1 query, an R2 write/read/
 * delete, an RPC to a Durable Object, and a message sent to the jobs queue. 200 when all answer,
 * 503 naming the ones that failed. That full check is for operators only (see healthRoutes).
 */
import { Hono } from "hono";
import type { Env } from "../env";
import { sameSecret } from "./routes";

type Check = { status: "ok" | "error"; ms: number; error?: string };

async function timed(fn: () => Promise<void>): Promise<Check> {
  const started = Date.now();
  try {
    await fn();
    return { status: "ok", ms: Date.now() - started };
  } catch (e) {
    return { status: "error", ms: Date.now() - started, error: (e as Error).message ?? String(e) };
  }
}

export async function checkHealth(env: Env, probeId: string): Promise<Record<string, Check>> {
  const [d1, r2, durableObjects, queue] = await Promise.all([
    timed(async () => {
      const row = await env.DB.prepare("select count(*) as n from d1_migrations").first<{ n: number }>();
      if (!row || row.n < 1) throw new Error("migrations are not applied");
    }),
    timed(async () => {
      const key = `_health/${probeId}`;
      await env.BLOBS.put(key, probeId);
      const back = await env.BLOBS.get(key);
      if ((await back?.text()) !== probeId) throw new Error("R2 read-back mismatch");
      await env.BLOBS.delete(key);
    }),
    timed(async () => {
      const stub = env.JOB_RUNNER.get(env.JOB_RUNNER.idFromName("_health"));
      const answer = await stub.ping();
      if (answer !== "pong") throw new Error(`unexpected answer ${answer}`);
    }),
    timed(async () => {
      await env.JOBS_QUEUE.send({ type: "health-ping", at: Date.now() });
    }),
  ]);
  return { d1, r2, durableObjects, queue };
}

/** True when the request carries the operator token (Authorization: Bearer <OPS_TOKEN>). */
async function isOperator(env: Env, authorization: string | undefined): Promise<boolean> {
  const given = (authorization ?? "").replace(/^Bearer\s+/i, "");
  return !!env.OPS_TOKEN && !!given && (await sameSecret(given, env.OPS_TOKEN));
}

/**
 * Anonymous callers get a cheap, vague answer: one D1 read, no writes, no queue message, no
 * component names or error text (200 {status:"ok"} or 503 {status:"unavailable"}). Operators
 * (Authorization: Bearer <OPS_TOKEN>) get the full check above with each component's result.
 */
export const healthRoutes = new Hono<{ Bindings: Env }>().get("/", async (c) => {
  if (!(await isOperator(c.env, c.req.header("authorization")))) {
    const up = await c.env.DB.prepare("select 1 as ok")
      .first<{ ok: number }>()
      .then(
        (r) => r?.ok === 1,
        () => false,
      );
    return c.json({ status: up ? "ok" : "unavailable" }, up ? 200 : 503, { "cache-control": "no-store" });
  }
  const components = await checkHealth(c.env, c.get("requestId"));
  const ok = Object.values(components).every((v) => v.status === "ok");
  return c.json({ status: ok ? "ok" : "degraded", failed: Object.keys(components).filter((k) => components[k].status !== "ok"), components }, ok ? 200 : 503, { "cache-control": "no-store" });
});
