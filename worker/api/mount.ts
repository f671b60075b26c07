/** Mounts the public API resources and their documentation on the /v1 router (called from app.ts). */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiBindings } from "../http/openapi";
import { mountApiDocs } from "./docs";
import { apiRoutes } from "./routes";

export function mountPublicApi(v1: OpenAPIHono<ApiBindings>): void {
  v1.route("/", apiRoutes);
  mountApiDocs(v1);
}
