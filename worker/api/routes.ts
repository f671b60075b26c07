/**
 * The public REST resources of issue #8, assembled in one typed router so the TypeScript client
 * (`worker/api/client.ts`, `hc<ApiRoutes>`) gets every path, body and response type from the
 * same zod schemas that validate requests and produce the OpenAPI document.
 */
import type { MiddlewareHandler } from "hono";
import { createApiRouter } from "../http/openapi";
import { algorithmRoutes } from "../routes/algorithms";
import { typedJobRoutes } from "../routes/jobs";
import { feedRoutes, jobLinkRoutes, shareRoutes } from "../routes/links";
import { problemRoutes } from "../routes/problems";
import { webhookRoutes } from "../routes/webhooks";
import "../webhooks/index";
import { idempotency } from "./idempotency";

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
  .route("/webhooks", webhookRoutes);

export type ApiRoutes = typeof apiRoutes;
