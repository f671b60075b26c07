// `npm run dev` output, one line per request: the Worker logs each request itself
// (worker/http/request-context.ts: request id, tenant, job, the path with tokens redacted), and
// wrangler dev's proxy logs it again ("[wrangler:info] GET /path 200 OK (12ms)", the full path).
// wrangler has no switch for its request lines alone (its log level would hide the Worker's logs
// too), so scripts/dev.mjs pipes wrangler's output through `forwardWithoutRequestLines`.
import { createInterface } from "node:readline";
import { stripVTControlCharacters } from "node:util";

const WRANGLER_REQUEST_LINE = /^\[wrangler:info\] (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|CONNECT|TRACE) \/\S* \d{3}\b/;

/** Is this output line wrangler's own request log (colours ignored)? */
export function isWranglerRequestLine(line) {
  return WRANGLER_REQUEST_LINE.test(stripVTControlCharacters(line));
}

/** Copies `input` to `output` line by line, leaving out wrangler's request lines. */
export function forwardWithoutRequestLines(input, output) {
  createInterface({ input, crlfDelay: Infinity }).on("line", (line) => {
    if (!isWranglerRequestLine(line)) output.write(`${line}\n`);
  });
}
