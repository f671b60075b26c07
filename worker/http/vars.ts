/** Hono context variables, typed once for every route (c.get("requestId") etc.). */
import type { Logger } from "./request-context";

export interface AppVariables {
  requestId: string;
  log: Logger;
  /** Set by authentication (tenancy issue): the tenant the request acts for. */
  tenantId?: string;
  userId?: string;
  apiKeyId?: string;
}

declare module "hono" {
  interface ContextVariableMap extends AppVariables {}
}
