// The worker projects' console set-up (worker/test/fixtures.ts `quietInfoLogs`): the Worker's info lines are left
// out of the test output, every other line is passed on as it was written.
import { describe, expect, it } from "vitest";
import { createLogger } from "../http/request-context";
import { withoutInfoLines } from "./fixtures";

describe("withoutInfoLines", () => {
  it("drops the logger's info lines and passes warnings, errors and other output on unchanged", () => {
    const written: unknown[][] = [];
    const log = withoutInfoLines((...args) => written.push(args));
    const original = { log: console.log, warn: console.warn, error: console.error };
    // The logger writes info with console.log, warnings and errors with console.warn and console.error.
    console.log = console.warn = console.error = log;
    try {
      const logger = createLogger({ requestId: "req_test" });
      logger.info("request", { status: 200 });
      logger.warn("chunk failed", { failures: 1 });
      logger.error("storage unavailable");
    } finally {
      Object.assign(console, original);
    }
    log("a plain line", 42);
    expect(written.slice(0, 2).map((args) => JSON.parse(String(args[0])).level)).toEqual(["warn", "error"]);
    expect(written[2]).toEqual(["a plain line", 42]);
    expect(written).toHaveLength(3);
  });
});
