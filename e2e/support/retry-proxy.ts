/**
 * A pass-through HTTP proxy between the browser tests and `wrangler dev` (e2e/global-setup.ts) that
 * sends a request again when wrangler dev's own proxy answered it with 503 "Your worker restarted
 * mid-request" without our Worker ever seeing it.
 *
 * Why: wrangler dev puts a proxy Worker in front of ours
 * (node_modules/wrangler/templates/startDevWorker/ProxyWorker.ts). When its kept-alive connection
 * to our Worker is closed under it (an idle connection timing out just as it is reused), that fetch
 * fails; the proxy sends a GET or HEAD again itself but answers anything else with that 503, though
 * the Worker never restarted. Browser tests met it on about one POST in a few hundred (a sign-in, a
 * form's Validate), with no line from our Worker for the request, and then waited in vain for the
 * page. Every request of the browser tests, the page's and their own API calls alike, goes through
 * here, so a test fails only on what our Worker answers.
 * Every retry is printed. Deployed Workers have no such proxy.
 *
 * Everything else passes through unchanged: status, headers (each Set-Cookie), streamed bodies
 * (server-sent events) and WebSocket upgrades. Request bodies are kept in memory for the retry.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { connect, type Socket } from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

export interface RetryProxy {
  /** The proxy's origin, e.g. http://127.0.0.1:18123: the browser's base URL. */
  url: string;
  /** How many requests were sent again. */
  retries(): number;
  close(): Promise<void>;
}

/** The text of wrangler dev's answer (ProxyWorker.ts). */
export const RESTARTED_MID_REQUEST = "Your worker restarted mid-request";
/** How often one request is sent before the 503 is passed on. */
const ATTEMPTS = 3;

/** True for wrangler dev's "restarted mid-request" answer: 503, `Retry-After: 0`, and its text. */
export function isRestartedMidRequest(status: number, retryAfter: string | string[] | undefined, body: string): boolean {
  return status === 503 && retryAfter === "0" && body.startsWith(RESTARTED_MID_REQUEST);
}

/**
 * The start of a body as text, decoded first when it came compressed: wrangler dev's local server
 * compresses text answers as Cloudflare does (node_modules/miniflare/dist/src/workers/core/entry.worker.js)
 * when the browser accepts it, the 503 above included. Empty when it cannot be decoded.
 */
export function bodyText(body: Buffer, contentEncoding: string | undefined): string {
  try {
    const coding = (contentEncoding ?? "").trim().toLowerCase();
    const plain = coding === "gzip" ? gunzipSync(body) : coding === "br" ? brotliDecompressSync(body) : coding === "deflate" ? inflateSync(body) : body;
    return plain.toString("utf8", 0, 200);
  } catch {
    return "";
  }
}

/** Headers about one connection, not the message: each side of the proxy sets its own. */
const HOP_BY_HOP = new Set(["connection", "keep-alive"]);

function withoutHopByHop(headers: IncomingMessage["headers"]): IncomingMessage["headers"] {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k)));
}

/** `rawHeaders` (name, value, name, value…) without the hop-by-hop pairs; repeated names (Set-Cookie) kept. */
export function rawWithoutHopByHop(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!HOP_BY_HOP.has(raw[i].toLowerCase())) out.push(raw[i], raw[i + 1]);
  return out;
}

export async function startRetryProxy(target: URL, port: number, log: (line: string) => void = (l) => console.log(l)): Promise<RetryProxy> {
  // A fresh connection per request: a kept-alive one can be closed by wrangler dev's side just as it is
  // reused (the very race this proxy is for), and Node's agent would fail that request too.
  const agent = new Agent({ keepAlive: false });
  let retried = 0;
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer, attempt: number) => {
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: withoutHopByHop(req.headers), agent }, (up) => {
      const mayRetry = up.statusCode === 503 && attempt < ATTEMPTS && req.method !== "GET" && req.method !== "HEAD";
      if (!mayRetry) {
        res.writeHead(up.statusCode ?? 502, up.statusMessage, rawWithoutHopByHop(up.rawHeaders));
        up.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      up.on("data", (c: Buffer) => chunks.push(c));
      up.on("end", () => {
        const text = Buffer.concat(chunks);
        if (isRestartedMidRequest(up.statusCode ?? 0, up.headers["retry-after"], bodyText(text, up.headers["content-encoding"]))) {
          retried++;
          log(`[e2e retry-proxy] ${new Date().toISOString().slice(11, 23)} ${req.method} ${req.url}: wrangler dev answered 503 "${RESTARTED_MID_REQUEST}"; sent again (attempt ${attempt + 1})`);
          forward(req, res, body, attempt + 1);
          return;
        }
        res.writeHead(up.statusCode ?? 502, up.statusMessage, rawWithoutHopByHop(up.rawHeaders));
        res.end(text);
      });
    });
    upstream.on("error", (e) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`e2e retry-proxy: ${e.message}`);
    });
    // The browser gave up (a tab closed, a navigation replaced the load): so does the proxy.
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => forward(req, res, Buffer.concat(chunks), 1));
    req.on("error", () => res.destroy());
  });
  // WebSockets (the live job pages): the upgrade request and then both directions, byte for byte.
  server.on("upgrade", (req: IncomingMessage, client: Socket, head: Buffer) => {
    const up = connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      up.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length) up.write(head);
      client.pipe(up).pipe(client);
    });
    sockets.add(up);
    const end = () => {
      client.destroy();
      up.destroy();
      sockets.delete(up);
    };
    up.on("error", end);
    client.on("error", end);
    client.on("close", end);
    up.on("close", end);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    retries: () => retried,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
