/**
 * The shared part of the local API fakes (stripe-fake.ts, resend-fake.ts): a Node HTTP server on
 * 127.0.0.1 at a free port that hands each request, its parsed URL and a JSON `send` to the
 * fake's handler. Started by worker/test/vitest-project.ts (workerd tests cannot listen on sockets).
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export type SendJson = (status: number, body: unknown) => void;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk) => {
      data += chunk;
    });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

export async function startJsonFake(handle: (req: IncomingMessage, url: URL, send: SendJson) => unknown): Promise<{ port: number; baseUrl: string; close(): void }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send: SendJson = (status, body) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    await handle(req, url, send);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // Never keep a test run alive just for the fake.
  server.unref();
  const port = (server.address() as AddressInfo).port;
  return { port, baseUrl: `http://127.0.0.1:${port}`, close: () => server.close() };
}
