/**
 * /api/ops/* — operator endpoints, protected by the OPS_TOKEN bearer token (constant-time
 * compare): Prometheus metrics, tenants, recent jobs, dead letters with requeue / fail.
 */
import { Hono, type MiddlewareHandler } from "hono";
import type { Env } from "../env";
import { ApiError } from "../http/problem";
import { computeGauges, failDeadLetter, GAUGE_HELP, listDeadLetters, listRecentJobsForOps, listTenantsForOps, requeueDeadLetter } from "./console";
import { renderPrometheus } from "./metric-registry";
import { metricsStub } from "./record";

/** Constant-time comparison of two secrets (hashes first, so lengths do not leak). */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [ha, hb] = await Promise.all([crypto.subtle.digest("SHA-256", enc.encode(a)), crypto.subtle.digest("SHA-256", enc.encode(b))]);
  return crypto.subtle.timingSafeEqual(ha, hb);
}

function requireOpsToken(): MiddlewareHandler<{ Bindings: Env }> {
  return async function requireOpsToken(c, next) {
    const expected = c.env.OPS_TOKEN;
    const given = (c.req.header("authorization") ?? "").replace(/^Bearer\s+/i, "");
    if (!expected || !given || !(await sameSecret(given, expected))) {
      throw new ApiError(401, "unauthorized", "Operator token required", "Send Authorization: Bearer <OPS_TOKEN>.", {
        headers: { "www-authenticate": 'Bearer realm="evolve-ops"' },
      });
    }
    await next();
  };
}

export async function renderMetrics(env: Env): Promise<string> {
  const [registry, gauges] = await Promise.all([metricsStub(env).snapshot(), computeGauges(env)]);
  return renderPrometheus(registry, gauges, GAUGE_HELP);
}

export const opsRoutes = new Hono<{ Bindings: Env }>()
  .use("*", requireOpsToken())
  .get("/metrics", async (c) => c.body(await renderMetrics(c.env), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }))
  .get("/tenants", async (c) => c.json({ data: await listTenantsForOps(c.env) }))
  .get("/jobs", async (c) => c.json({ data: await listRecentJobsForOps(c.env, { state: c.req.query("state") || undefined }) }))
  .get("/dead-letters", async (c) => {
    const status = (c.req.query("status") ?? "open") as "open" | "requeued" | "failed" | "all";
    if (!["open", "requeued", "failed", "all"].includes(status)) {
      throw new ApiError(422, "validation-error", "Validation failed", "status must be open, requeued, failed or all.", {
        errors: [{ path: "status", message: "must be one of open, requeued, failed, all" }],
      });
    }
    return c.json({ data: await listDeadLetters(c.env, status) });
  })
  .post("/dead-letters/:id/requeue", async (c) => {
    await requeueDeadLetter(c.env, c.req.param("id"));
    return c.json({ id: c.req.param("id"), status: "requeued" });
  })
  .post("/dead-letters/:id/fail", async (c) => {
    await failDeadLetter(c.env, c.req.param("id"));
    return c.json({ id: c.req.param("id"), status: "failed" });
  });
