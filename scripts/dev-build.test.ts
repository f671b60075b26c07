/** scripts/dev-build.ts: `wrangler dev` builds the web app only when it is stale; every other command always builds. */
import { describe, expect, it } from "vitest";
import { shouldBuild } from "./dev-build";

describe("shouldBuild", () => {
  it("under wrangler dev: only when a source is newer than the build", () => {
    expect(shouldBuild("dev", () => false)).toBe(false);
    expect(shouldBuild("dev", () => true)).toBe(true);
  });

  it("deploy, a dry run or no wrangler at all: always, without looking at the build", () => {
    const never = () => {
      throw new Error("staleness must not decide a deploy");
    };
    expect(shouldBuild("deploy", never)).toBe(true);
    expect(shouldBuild(undefined, never)).toBe(true);
  });
});
