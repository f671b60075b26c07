/**
 * What a newcomer meets: unknown paths get the designed 404 inside the site's header with a title
 * and no script errors; the favicon is served; a signed-in visitor on "/" is led into the app.
 */
import type { ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, type BrowserSession } from "./support/browser";
import { signUp } from "./support/fixtures";

let session: BrowserSession;

/** Collects the page's uncaught exceptions and console errors (a 404 page's own status line aside) until stop(). */
function scriptErrors(page: Page): { stop(): string[] } {
  const errors: string[] = [];
  const onError = (e: Error) => errors.push(e.message);
  const onConsole = (m: ConsoleMessage) => {
    if (m.type() === "error" && !/Failed to load resource: the server responded with a status of 404/.test(m.text())) errors.push(m.text());
  };
  page.on("pageerror", onError);
  page.on("console", onConsole);
  return {
    stop() {
      page.off("pageerror", onError);
      page.off("console", onConsole);
      return errors;
    },
  };
}
beforeAll(async () => {
  session = await openBrowser();
});
afterAll(async () => {
  await session?.close();
});

describe("pages", () => {
  it("an unknown path is a designed 404 with a title, the header and no script errors", async () => {
    const { page } = session;
    for (const path of ["/no-such-page", "/pricing-plans"]) {
      const errors = scriptErrors(page);
      const res = await page.goto(path);
      expect(res!.status(), path).toBe(404);
      await page.getByRole("heading", { name: "Page not found" }).waitFor();
      expect(await page.title()).toBe("Page not found · Evolve");
      expect(await page.locator("header.site-header .brand").innerText()).toBe("Evolve");
      expect(await page.locator("body").innerText()).not.toContain("No route matches");
      await page.waitForLoadState("networkidle");
      expect(errors.stop(), path).toEqual([]);
    }
  });

  it("an unknown path under /app is the designed 404 with its title and header", async () => {
    const { page } = session;
    const res = await page.goto("/app/settings/usage-nope");
    expect(res!.status()).toBe(404);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    expect(await page.title()).toBe("Page not found · Evolve");
    expect(await page.locator("header.site-header .brand").innerText()).toBe("Evolve");
  });

  it("an unknown path of two or more segments hydrates without errors (no React #418/#423)", async () => {
    // Signed out, and signed in (another profile, so later tests start signed out).
    const member = await session.openProfile();
    await signUp(member.page, "deep-404");
    for (const [signedIn, page] of [
      [false, session.page],
      [true, member.page],
    ] as const) {
      for (const path of ["/app/nothing/here", "/pricing/nothing", "/app/jobs/x/y/z", "/nothing/here/either"]) {
        const errors = scriptErrors(page);
        const res = await page.goto(path);
        expect(res!.status(), path).toBe(404);
        await page.getByRole("heading", { name: "Page not found" }).waitFor();
        await page.waitForLoadState("networkidle");
        // Hydrated: React attached its handlers to the page (a client-side link click works).
        await page.waitForFunction(() => Object.keys(document.querySelector("main") ?? {}).some((k) => k.startsWith("__react")));
        expect(errors.stop(), `${path} (signed ${signedIn ? "in" : "out"})`).toEqual([]);
      }
    }
    await member.context.close();
  });

  it("serves /favicon.ico and /favicon.svg", async () => {
    const { page, baseURL } = session;
    for (const [path, type] of [
      ["/favicon.ico", "image/"],
      ["/favicon.svg", "image/svg+xml"],
    ]) {
      const res = await page.request.get(new URL(path, baseURL).href);
      expect(res.status(), path).toBe(200);
      expect(res.headers()["content-type"]).toContain(type);
    }
  });

  it("the start page and the price list lead a signed-in visitor into the app", async () => {
    const { page } = session;
    await page.goto("/");
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    await signUp(page, "landing");
    // The price list (where every upgrade link lands) offers the visitor's plan and jobs, not sign-in.
    await page.goto("/pricing");
    await page.getByRole("link", { name: "Your plan" }).waitFor();
    expect(await page.getByRole("link", { name: "Sign in" }).count()).toBe(0);
    await page.goto("/");
    await page.getByRole("link", { name: "Open your jobs" }).click();
    await page.waitForURL("**/app/jobs");
  });
});
