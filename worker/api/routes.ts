/**
 * The public REST resources, assembled in one typed router so the TypeScript client
 * (`worker/api/client.ts`, `hc<ApiRoutes>`) gets every path, body and response type from the
 * same zod schemas that validate requests and produce the OpenAPI document.
 */
import type { MiddlewareHandler } from "hono";
import { createApiRouter } from "../http/openapi";
import { algorithmRoutes } from "../problems/algorithm-routes";
import { typedJobRoutes } from "../jobs/routes";
import { feedRoutes, jobLinkRoutes, shareRoutes } from "../links/routes";
import { problemRoutes } from "../problems/routes";
import { webhookRoutes } from "../webhooks/routes";
import { idempotency } from "./idempotency";
import { contributeJobRoutes, contributeSettingsRoutes } from "../contribute/routes";

const idempotentPosts = idempotency();
const onlyPosts: MiddlewareHandler = async (c, next) => (c.req.method === "POST" ? idempotentPosts(c, next) : next());

export const apiRoutes = createApiRouter()
  .use("/webhooks/*", onlyPosts)
  .use("/jobs/*", onlyPosts)
  .route("/jobs", typedJobRoutes)
  .route("/jobs", jobLinkRoutes)
  .route("/feeds", feedRoutes)
  .route("/share", shareRoutes)
  .route("/algorithms", algorithmRoutes)
  .route("/problems", problemRoutes)
  .route("/webhooks", webhookRoutes)
  .route("/jobs", contributeJobRoutes)
  .route("/contribute", contributeSettingsRoutes);

export type ApiRoutes = typeof apiRoutes;
