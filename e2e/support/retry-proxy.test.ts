/**
 * The browser tests' proxy in front of wrangler dev (retry-proxy.ts), against a plain Node server
 * standing in for wrangler dev that answers as its proxy Worker does: a POST it failed is sent again
 * with the same body; everything else passes through as it came.
 */
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { gzipSync } from "node:zlib";
import { type AddressInfo, connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "../../scripts/local-stack";
import { isRestartedMidRequest, RESTARTED_MID_REQUEST, type RetryProxy, rawWithoutHopByHop, startRetryProxy } from "./retry-proxy";

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = "";
    req.on("data", (c) => {
      text += c;
    });
    req.on("end", () => resolve(text));
  });

describe("the e2e retry proxy", () => {
  let upstream: Server;
  let proxy: RetryProxy;
  const lines: string[] = [];
  /** How many more times /flaky answers the restarted 503 before it answers for real. */
  let failures = 0;
  const received: string[] = [];
  const upgraded: { destroy(): void }[] = [];

  beforeAll(async () => {
    upstream = createServer(async (req, res) => {
      const text = await body(req);
      received.push(`${req.method} ${req.url} ${text}`);
      if (req.url === "/flaky" && failures > 0) {
        failures--;
        const answer = `${RESTARTED_MID_REQUEST}. Please try sending the request again.`;
        // Compressed when the client accepts it, as wrangler dev's local server sends it to a browser.
        if (req.headers["accept-encoding"]?.includes("gzip")) {
          res.writeHead(503, { "retry-after": "0", "content-encoding": "gzip" });
          res.end(gzipSync(answer));
        } else {
          res.writeHead(503, { "retry-after": "0" });
          res.end(answer);
        }
        return;
      }
      if (req.url === "/down") {
        res.writeHead(503, { "content-type": "text/plain" });
        res.end("billing is not available");
        return;
      }
      res.writeHead(
        200,
        [
          ["content-type", "text/plain"],
          ["set-cookie", "a=1"],
          ["set-cookie", "b=2"],
        ].flat(),
      );
      res.end(`got ${req.method} ${text} for ${req.headers.host}`);
    });
    // An upgrade (as a WebSocket's) switches protocols and then echoes raw bytes.
    upstream.on("upgrade", (req, socket) => {
      upgraded.push(socket);
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: ${req.headers.upgrade}\r\nConnection: Upgrade\r\n\r\n`);
      socket.on("data", (d) => socket.write(`echo ${d}`));
    });
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", () => r()));
    const port = (upstream.address() as AddressInfo).port;
    proxy = await startRetryProxy(new URL(`http://127.0.0.1:${port}`), await findFreePort(), (l) => lines.push(l));
  });
  afterAll(async () => {
    await proxy.close();
    for (const s of upgraded) s.destroy();
    upstream.closeAllConnections();
    await new Promise((r) => upstream.close(r));
  });

  it("sends a POST that wrangler dev failed again, with its body, and passes on the real answer", async () => {
    failures = 2;
    received.length = 0;
    const res = await fetch(`${proxy.url}/flaky`, { method: "POST", body: "form=1" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`got POST form=1 for ${new URL(proxy.url).host}`);
    expect(received).toEqual(["POST /flaky form=1", "POST /flaky form=1", "POST /flaky form=1"]);
    expect(proxy.retries()).toBe(2);
    expect(lines.at(-1)).toMatch(/POST \/flaky: wrangler dev answered 503 .*sent again \(attempt 3\)/);
  });

  it("recognises the 503 when it comes compressed, as wrangler dev sends it to a browser", async () => {
    failures = 1;
    const before = proxy.retries();
    // fetch() would decode the body itself; a plain request shows what the proxy passes on.
    const res = await new Promise<IncomingMessage>((done, fail) =>
      request(`${proxy.url}/flaky`, { method: "POST", headers: { "accept-encoding": "gzip, deflate, br" } }, done)
        .on("error", fail)
        .end("z"),
    );
    expect([res.statusCode, await body(res)]).toEqual([200, `got POST z for ${new URL(proxy.url).host}`]);
    expect(proxy.retries() - before).toBe(1);
  });

  it("passes the 503 on after three attempts, and never retries another 503 or a GET", async () => {
    failures = 5;
    const before = proxy.retries();
    const res = await fetch(`${proxy.url}/flaky`, { method: "POST", body: "x" });
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/^Your worker restarted mid-request/);
    expect(proxy.retries() - before).toBe(2);

    const down = await fetch(`${proxy.url}/down`, { method: "POST", body: "y" });
    expect([down.status, await down.text()]).toEqual([503, "billing is not available"]);
    failures = 1;
    const get = await fetch(`${proxy.url}/flaky`);
    expect(get.status).toBe(503);
    expect(proxy.retries() - before).toBe(2);
    failures = 0;
  });

  it("keeps every Set-Cookie header and the Host the browser used", async () => {
    const res = await fetch(`${proxy.url}/cookies`);
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await res.text()).toContain(new URL(proxy.url).host);
  });

  it("passes upgrades (the live pages' WebSockets) through, byte for byte both ways", async () => {
    const socket = connect(Number(new URL(proxy.url).port), "127.0.0.1");
    let seen = "";
    socket.on("data", (d) => {
      seen += d;
      if (seen.includes("\r\n\r\n") && !seen.includes("echo")) socket.write("hello");
    });
    socket.write("GET /live HTTP/1.1\r\nHost: example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (!seen.includes("echo hello")) return;
        clearInterval(timer);
        resolve();
      }, 20);
      socket.on("error", reject);
    });
    socket.destroy();
    expect(seen).toMatch(/^HTTP\/1.1 101 Switching Protocols\r\n[\s\S]*\r\n\r\necho hello$/);
  });

  it("answers each request on a connection of its own upstream, and drops only the connection headers", async () => {
    const ports = new Set<number>();
    upstream.on("request", (req) => ports.add(req.socket.remotePort ?? 0));
    for (let i = 0; i < 3; i++) expect((await fetch(`${proxy.url}/again`)).status).toBe(200);
    expect(ports.size).toBe(3);
    expect(rawWithoutHopByHop(["Connection", "keep-alive", "Set-Cookie", "a=1", "Keep-Alive", "timeout=5", "set-cookie", "b=2"])).toEqual(["Set-Cookie", "a=1", "set-cookie", "b=2"]);
  });

  it("recognises wrangler dev's answer by status, Retry-After and text together", () => {
    expect(isRestartedMidRequest(503, "0", `${RESTARTED_MID_REQUEST}. Please try…`)).toBe(true);
    expect(isRestartedMidRequest(503, undefined, `${RESTARTED_MID_REQUEST}.`)).toBe(false);
    expect(isRestartedMidRequest(500, "0", `${RESTARTED_MID_REQUEST}.`)).toBe(false);
    expect(isRestartedMidRequest(503, "0", "Service Unavailable")).toBe(false);
  });
});
