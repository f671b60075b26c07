/**
 * The served OpenAPI document validates against the official OpenAPI 3.1 schema. Runs in Node
 * against the app started as `npm run dev` starts it: the validator compiles JSON Schemas to code
 * (Ajv), which workerd forbids, so it cannot run in the worker project.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, inject, it } from "vitest";

describe("/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const res = await fetch(new URL("/v1/openapi.json", inject("baseURL")));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)?.slice(0, 4000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // The fork operation documents its weights (a spot check that this is the current document).
    const fork = (doc.paths as any)["/jobs/{id}/fork"].post.requestBody.content["application/json"].schema;
    const forkSchema = fork.$ref ? (doc.components as any).schemas[fork.$ref.split("/").pop()] : fork;
    expect(Object.keys(forkSchema.properties)).toContain("weights");
  });
});

describe("/v1/docs", () => {
  it("renders the interactive reference from this origin only (works offline, pinned)", async () => {
    const { openBrowser, SCREENSHOTS } = await import("./support/browser");
    const session = await openBrowser();
    try {
      const { page, baseURL } = session;
      const origin = new URL(baseURL).origin;
      const elsewhere: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) elsewhere.push(r.url());
      });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto("/v1/docs");
      await page
        .getByRole("heading", { name: /Evolve API/ })
        .first()
        .waitFor();
      await expect(page.getByText("/jobs/{id}/fork").first().isVisible()).resolves.toBe(true);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await page.screenshot({ path: `${SCREENSHOTS}/19-api-reference.png` });
      expect(elsewhere).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it("opened operations pass axe too (labelled parameters, example bodies, syntax colours; web/api-docs/)", async () => {
    const { openBrowser } = await import("./support/browser");
    const { readFileSync } = await import("node:fs");
    const { createRequire } = await import("node:module");
    const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    const session = await openBrowser();
    try {
      const { page } = session;
      await page.goto("/v1/docs");
      const summaries = page.locator(".opblock-summary-control");
      await summaries.first().waitFor();
      // GET /jobs (filters, an enum among them) and POST /jobs (a request body and long examples).
      for (const name of [/^GET\s*\/jobs\s*List jobs/, /^POST\s*\/jobs\s*Submit a job/]) {
        const operation = page.getByRole("button", { name }).first();
        await operation.click();
        await expect(operation.getAttribute("aria-expanded")).resolves.toBe("true");
      }
      await page.locator(".opblock-body .parameters").first().waitFor();
      await page.locator(".opblock-body .microlight").first().waitFor();
      await page.evaluate(axeSource);
      const findings = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { resultTypes: ["violations"] });
        return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`);
      });
      expect(findings).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
