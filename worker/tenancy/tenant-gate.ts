/**
 * TenantGate: one Durable Object per tenant, the single writer for its concurrency slots,
 * daily quota and request rate (DESIGN.md §5). Limits arrive with the tenancy issue.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

export class TenantGate extends DurableObject<Env> {
  async ping(): Promise<string> {
    return "pong";
  }
}
