import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, withoutBuildTable } from "./local-stack";

describe("withoutBuildTable", () => {
  it("drops the [build] table of the real wrangler.toml and keeps the rest", () => {
    const original = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
    const stripped = withoutBuildTable(original);
    expect(original).toMatch(/^\[build\]$/m);
    expect(stripped).not.toMatch(/^\[build\]$/m);
    expect(stripped).not.toContain('command = "npx tsx scripts/dev-build.ts"');
    expect(stripped).not.toMatch(/^watch_dir/m);
    for (const kept of ['main = "worker/index.ts"', "[assets]", 'directory = "./web/build/client"', 'migrations_dir = "migrations"', "[[queues.consumers]]", "[[rules]]"]) {
      expect(stripped).toContain(kept);
    }
    const headers = (text: string) => text.split("\n").filter((l) => l.startsWith("["));
    expect(headers(stripped)).toEqual(headers(original).filter((h) => h !== "[build]"));
  });

  it("stops at the next table or array-of-tables header, drops [build.*] subtables, keeps [builder]", () => {
    const text = ['name = "x"', "[build]", 'command = "make"', "[[rules]]", 'type = "Text"', "[build.upload]", "a = 1", "[builder]", "b = 2"].join("\n");
    expect(withoutBuildTable(text)).toBe(['name = "x"', "[[rules]]", 'type = "Text"', "[builder]", "b = 2"].join("\n"));
  });
});
