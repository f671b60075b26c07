/**
 * What a newcomer meets: unknown paths get the designed 404 inside the site's header with a title
 * and no script errors; the favicon is served; a signed-in visitor on "/" is led into the app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, type BrowserSession } from "./support/browser";
import { signUp } from "./support/fixtures";

let session: BrowserSession;
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
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error" && !/Failed to load resource: the server responded with a status of 404/.test(m.text())) errors.push(m.text());
      });
      const res = await page.goto(path);
      expect(res!.status(), path).toBe(404);
      await page.getByRole("heading", { name: "Page not found" }).waitFor();
      expect(await page.title()).toBe("Page not found · Evolve");
      expect(await page.locator("header.site-header .brand").innerText()).toBe("Evolve");
      expect(await page.locator("body").innerText()).not.toContain("No route matches");
      await page.waitForLoadState("networkidle");
      expect(errors, path).toEqual([]);
      page.removeAllListeners("pageerror");
      page.removeAllListeners("console");
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

  // Known gap: for an unknown path of two or more segments (/app/x, /pricing/x) the client (Remix's
  // lazy route discovery) renders other <link rel="modulepreload"> tags in <body> than the server
  // did, so React reports a hydration mismatch ("Expected server HTML to contain a matching <link>").
  it.todo("an unknown path of two or more segments hydrates without errors");

  it("serves /favicon.ico and /favicon.svg", async () => {
    const { page, baseURL } = session;
    for (const [path, type] of [["/favicon.ico", "image/"], ["/favicon.svg", "image/svg+xml"]]) {
      const res = await page.request.get(new URL(path, baseURL).href);
      expect(res.status(), path).toBe(200);
      expect(res.headers()["content-type"]).toContain(type);
    }
  });

  it("the start page leads a signed-in visitor into the app", async () => {
    const { page } = session;
    await page.goto("/");
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    await signUp(page, "landing");
    await page.goto("/");
    await page.getByRole("link", { name: "Open your jobs" }).click();
    await page.waitForURL("**/app/jobs");
  });
});
