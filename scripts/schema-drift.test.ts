import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Regenerates migrations from worker/db/schema.ts into a copy of migrations/: if drizzle-kit
// writes a new migration, the schema changed without `npm run db:generate` being committed.
const root = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "evolve-drift-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("D1 schema and migrations", () => {
  it("generated migrations match worker/db/schema.ts", () => {
    const out = join(work, "migrations");
    cpSync(join(root, "migrations"), out, { recursive: true });
    const before = readdirSync(out).filter((f) => f.endsWith(".sql"));
    const config = join(work, "drizzle.config.mjs");
    writeFileSync(config, `export default { dialect: "sqlite", schema: ${JSON.stringify(join(root, "worker/db/schema.ts"))}, out: ${JSON.stringify(out)} };`);
    const log = execFileSync(join(root, "node_modules/.bin/drizzle-kit"), ["generate", "--config", config], {
      cwd: root,
      encoding: "utf8",
      // No terminal to answer drizzle-kit's questions (a rename it cannot tell from a drop), and never more than 2 minutes.
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
      killSignal: "SIGKILL",
    });
    const after = readdirSync(out).filter((f) => f.endsWith(".sql"));
    expect(after, `schema drifted from migrations; run npm run db:generate\n${log}`).toEqual(before);
  });
});
