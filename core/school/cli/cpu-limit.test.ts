// core/school/cli/cpu-limit.pl: a command stopped at a CPU budget (or a wall-clock limit), its own exit status otherwise.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CPU_LIMIT = fileURLToPath(new URL("./cpu-limit.pl", import.meta.url));
const limited = (cpu: number, wall: number, code: string) => spawnSync("perl", [CPU_LIMIT, String(cpu), String(wall), process.execPath, "-e", code], { encoding: "utf8", timeout: 60_000 });

describe.skipIf(process.platform !== "linux")("cpu-limit", () => {
  it("stops a command that spins once it has used its CPU budget", () => {
    const r = limited(0.3, 60, "for (;;) {}");
    expect(r.status).toBe(124);
    expect(r.stderr).toMatch(/cpu-limit: stopped .* after 0\.[3-9]\d CPU-s \(limit 0\.3\)/);
  });

  it("stops a command that waits without using CPU at the wall-clock limit", () => {
    const r = limited(5, 1, "setTimeout(() => {}, 30_000)");
    expect(r.status).toBe(124);
    expect(r.stderr).toMatch(/after 1 s of wall-clock time/);
  });

  it("passes on the output and exit status of a command that ends by itself", () => {
    const r = limited(5, 60, "console.log('out'); console.error('err'); process.exit(3)");
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("out\n");
    expect(r.stderr).toBe("err\n");
  });

  it("says so when the command cannot be started", () => {
    const r = spawnSync("perl", [CPU_LIMIT, "1", "1", "/nonexistent/command"], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(127);
    expect(r.stderr).toMatch(/cannot run \/nonexistent\/command/);
  });
});
