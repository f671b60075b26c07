/**
 * GET /v1/usage — this period's usage (calendar month, UTC) per day and in total, today's figures,
 * the slots in use and the tier's limits. Any member or key of the tenant may read it.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { createApiRouter } from "../http/openapi";
import { authOf } from "../auth/authenticate";
import { getUsageOverview } from "./usage-overview";

const get = createRoute({
  method: "get",
  path: "/",
  tags: ["Usage"],
  summary: "This period's usage and the tier's limits",
  responses: { 200: { description: "Usage", content: { "application/json": { schema: z.object({}).passthrough().openapi("Usage") } } } },
});

export const usageRoutes = createApiRouter().openapi(get, async (c) => {
  return c.json(await getUsageOverview(c.env, authOf(c).tenantId), 200);
});
