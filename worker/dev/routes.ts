/**
 * /api/dev/* — local development only: every route here answers 404 unless DEV_SEED is "true"
 * (.dev.vars; never in production, scripts/deploy.ts refuses it). One gate for all of them.
 */
import { Hono } from "hono";
import type { Env } from "../env";
import { ApiError } from "../http/problem";
import { devPlanRoutes } from "./plan";
import { devSeedRoutes } from "./seed";

export const devRoutes = new Hono<{ Bindings: Env }>()
  .use("*", async (c, next) => {
    if (c.env.DEV_SEED !== "true") throw new ApiError(404, "not-found", "Not found", `No route for ${c.req.method} ${c.req.path}.`);
    await next();
  })
  .route("/seed", devSeedRoutes)
  .route("/plan", devPlanRoutes);
