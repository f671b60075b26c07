// scripts/dev-log.mjs: `npm run dev` shows one line per request (the Worker's own), not wrangler's copy too.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { forwardWithoutRequestLines, isWranglerRequestLine } from "./dev-log.mjs";

const WORKER_LINE = '{"level":"info","msg":"request","time":"2026-12-02T10:51:04.831Z","requestId":"req_55db","method":"GET","path":"/pricing","status":200,"ms":41}';

describe("dev server output", () => {
  it("recognises wrangler's request lines, coloured or not, and nothing else", () => {
    expect(isWranglerRequestLine("[wrangler:info] GET /v1/health 200 OK (11ms)")).toBe(true);
    // As wrangler prints it with FORCE_COLOR (copied from a run).
    expect(
      isWranglerRequestLine("\u001b[32m[wrangler:info]\u001b[39m \u001b[0m\u001b[1mGET\u001b[22m /pricing \u001b[32m\u001b[1m200\u001b[22m OK \u001b[39m\u001b[90m(42ms)\u001b[39m\u001b[0m"),
    ).toBe(true);
    expect(isWranglerRequestLine("[wrangler:info] GET /share/shr_abc 404 Not Found (3ms)")).toBe(true);
    expect(isWranglerRequestLine("[wrangler:info] Ready on http://127.0.0.1:8787")).toBe(false);
    expect(isWranglerRequestLine(WORKER_LINE)).toBe(false);
    expect(isWranglerRequestLine("[wrangler:warn] Unable to fetch the `Request.cf` object!")).toBe(false);
  });

  it("forwards everything but wrangler's request lines, in order", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const lines: string[] = [];
    output.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean)));
    forwardWithoutRequestLines(input, output);
    input.end(["[wrangler:info] Ready on http://127.0.0.1:8787", WORKER_LINE, "[wrangler:info] GET /pricing 200 OK (49ms)", "done"].join("\n"));
    await new Promise((r) => setTimeout(r, 20));
    expect(lines).toEqual(["[wrangler:info] Ready on http://127.0.0.1:8787", WORKER_LINE, "done"]);
  });
});
