/** Hono context variables, typed once for every route (c.get("requestId") etc.). */
import type { Logger } from "./request-context";

/** Who a request acts for, set by authentication (docs/decisions/001-platform-seams.md). */
export interface AuthContext {
  tenantId: string;
  userId?: string;
  apiKeyId?: string;
  role: "owner" | "admin" | "member" | "apikey";
  scopes: string[];
  /** The web app's request id (set by requireUser from the Worker's x-request-id), for log lines. */
  requestId?: string;
}

export interface AppVariables {
  requestId: string;
  log: Logger;
  /** Set by authentication: the caller and the tenant the request acts for. */
  auth?: AuthContext;
  tenantId?: string;
  userId?: string;
  apiKeyId?: string;
  /** The answer carries a one-time secret: idempotency stores it redacted (worker/api/idempotency.ts). */
  oneTimeSecret?: boolean;
}

declare module "hono" {
  interface ContextVariableMap extends AppVariables {}
}
