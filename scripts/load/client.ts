/**
 * A minimal HTTP client for the load and fault tests: signs tenants up through better-auth,
 * issues API keys, submits and watches jobs — the way an integrator would, over real HTTP.
 */

export interface Tenant {
  email: string;
  cookie: string;
  tenantId: string;
  apiKey: string;
}

export interface Timed<T> {
  status: number;
  ms: number;
  body: T;
  headers: Headers;
}

export class Client {
  constructor(readonly baseURL: string) {}

  /** A dropped connection answers status 0 (counted by the caller), never throws. */
  async request<T = any>(path: string, init: RequestInit = {}): Promise<Timed<T>> {
    const started = performance.now();
    let res: Response;
    try {
      res = await fetch(this.baseURL + path, init);
    } catch (e) {
      return { status: 0, ms: performance.now() - started, body: { error: String((e as Error).cause ?? e) } as T, headers: new Headers() };
    }
    const text = await res.text();
    const ms = performance.now() - started;
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (e.g. Prometheus text)
    }
    return { status: res.status, ms, body, headers: res.headers };
  }

  async signUpTenant(label: string): Promise<Tenant> {
    const email = `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@load.test`;
    const res = await fetch(`${this.baseURL}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: this.baseURL },
      body: JSON.stringify({ name: label, email, password: "load-test-password-123" }),
    });
    if (res.status !== 200) throw new Error(`sign-up ${res.status}: ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const headers = { cookie, origin: this.baseURL };
    const tenants = await this.request<{ data: { id: string; active: boolean }[] }>("/v1/tenants", { headers });
    const tenantId = tenants.body.data.find((t) => t.active)!.id;
    const key = await this.request<{ key: string }>("/v1/api-keys", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ name: "load", scopes: ["jobs:read", "jobs:write"] }),
    });
    if (key.status !== 201) throw new Error(`api key ${key.status}: ${JSON.stringify(key.body)}`);
    return { email, cookie, tenantId, apiKey: key.body.key };
  }

  submitJob(t: Tenant, body: unknown, idempotencyKey?: string) {
    return this.request("/v1/jobs", {
      method: "POST",
      headers: {
        authorization: `Bearer ${t.apiKey}`,
        "content-type": "application/json",
        ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  getJob(t: Tenant, id: string) {
    return this.request(`/v1/jobs/${id}`, { headers: { authorization: `Bearer ${t.apiKey}` } });
  }

  getResult(t: Tenant, id: string) {
    return this.request(`/v1/jobs/${id}/result`, { headers: { authorization: `Bearer ${t.apiKey}` } });
  }

  /** Counts SSE events until the job ends or `signal` aborts; resolves with the count. */
  async watchEvents(t: Tenant, id: string, signal: AbortSignal): Promise<{ events: number; terminal: boolean }> {
    let events = 0;
    try {
      const res = await fetch(`${this.baseURL}/v1/jobs/${id}/events`, {
        headers: { authorization: `Bearer ${t.apiKey}`, accept: "text/event-stream" },
        signal,
      });
      if (!res.ok || !res.body) return { events, terminal: false };
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return { events, terminal: false };
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (!frame.includes("data:")) continue;
          events++;
          if (/"state":"(succeeded|failed|cancelled|expired)"/.test(frame)) {
            await reader.cancel().catch(() => {});
            return { events, terminal: true };
          }
        }
      }
    } catch {
      return { events, terminal: false };
    }
  }
}

export const TERMINAL = new Set(["succeeded", "failed", "cancelled", "expired"]);

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}
