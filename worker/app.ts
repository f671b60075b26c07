/**
 * The Worker's HTTP surface: /v1/* (public REST API), /api/* (auth, billing webhooks) and
 * everything else to the Remix UI. Errors anywhere under /v1 and /api are problem+json.
 */
import { Hono } from "hono";
import type { Env } from "./env";
import "./http/vars";
import { limitBodySize, requireKnownContentType } from "./http/body";
import { ApiError, problemResponse } from "./http/problem";
import { createApiRouter } from "./http/openapi";
import { requestContext } from "./http/request-context";
import { apiCors, csrfGuard, securityHeaders, webOriginGuard } from "./http/security";
import { publicRateLimit } from "./http/public-limits";
import { apiMetrics } from "./ops/record";
import { opsRoutes } from "./ops/routes";
import { healthRoutes } from "./ops/health";
import { jobEventsRoutes } from "./jobs/stream-routes";
import { mountPublicApi } from "./api/mount";
import { authenticate } from "./auth/authenticate";
import { getAuth } from "./auth/auth";
import { apiKeyRoutes } from "./api-keys/routes";
import { devRoutes } from "./dev/routes";
import { mountDevMail } from "./dev/mail-page";
import { invitationRoutes, memberRoutes } from "./members/routes";
import { tenantRoutes } from "./tenancy/tenant-routes";
import { usageRoutes } from "./tenancy/usage-routes";
import { billingRoutes, billingWebhookRoutes } from "./billing/routes";
import { handleWebRequest } from "./web";
import { registerWebhookListener } from "./webhooks/index";
import { registerMailListener } from "./mail/notices";
import type { AppVariables } from "./http/vars";

export function createApp() {
  // Tenant webhooks listen to job finish and progress (idempotent; worker/index.ts calls it too).
  registerWebhookListener();
  registerMailListener();
  const app = new Hono<{ Bindings: Env; Variables: AppVariables }>();
  app.use("*", requestContext(), securityHeaders());
  app.use("/v1/*", apiCors(), csrfGuard(), apiMetrics());
  app.use("/api/*", csrfGuard());
  // Every body is capped (413 problem+json; /api/auth and the Stripe webhook lower), and the web
  // app's actions must come from our own origin, signed in or not (worker/http/).
  app.use("*", limitBodySize(), webOriginGuard());
  app.onError((err, c) => problemResponse(c, err));

  const v1 = createApiRouter();
  v1.use("*", requireKnownContentType());
  // Anonymous public paths (health, docs, feeds, share links): per-client-IP rate limits.
  v1.use("*", publicRateLimit());
  // Sets c.get("auth") for session cookies and API keys (worker/auth/authenticate.ts).
  v1.use("*", authenticate());
  v1.route("/health", healthRoutes);
  v1.route("/api-keys", apiKeyRoutes);
  v1.route("/members", memberRoutes);
  v1.route("/invitations", invitationRoutes);
  v1.route("/tenants", tenantRoutes);
  v1.route("/usage", usageRoutes);
  v1.route("/billing", billingRoutes);
  // Live progress streams of a job: SSE /jobs/:id/events and WebSocket /jobs/:id/ws.
  v1.route("/jobs", jobEventsRoutes);
  // Jobs, problems, algorithms, webhooks, exports, links + /v1/openapi.json and /v1/docs (worker/api/routes.ts).
  mountPublicApi(v1);
  app.route("/v1", v1);
  app.route("/api/ops", opsRoutes);

  // better-auth: sign-up/in/out, sessions, password reset, organizations and invitations.
  app.on(["GET", "POST"], "/api/auth/*", (c) => getAuth(c.env).handler(c.req.raw));
  // Local development only (DEV_SEED): the demo seed and plan changes without Stripe (worker/dev/routes.ts).
  app.route("/api/dev", devRoutes);
  // Stripe's signed events (raw body verified in worker/billing/webhook.ts).
  app.route("/api/billing/webhook", billingWebhookRoutes);

  const notFound = (c: { req: { method: string; path: string } }) => {
    throw new ApiError(404, "not-found", "Not found", `No route for ${c.req.method} ${c.req.path}.`);
  };
  app.all("/v1/*", notFound);
  app.all("/api/*", notFound);

  // Local development only: the captured mail (worker/dev/mail-page.ts); elsewhere the web app's 404.
  mountDevMail(app);

  app.all("*", (c) => {
    // The UI's actions log (and start jobs) under the same request id as this request's own line.
    const request = new Request(c.req.raw);
    request.headers.set("x-request-id", c.get("requestId"));
    return handleWebRequest(request, c.env, c.executionCtx as ExecutionContext);
  });
  return app;
}

export const app = createApp();
