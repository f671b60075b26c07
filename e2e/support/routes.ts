/**
 * The route audit the e2e/routes-*.e2e.ts files share: a path visited at desktop (1280 px) and phone
 * (390 px) width fails on horizontal page overflow, a console error or uncaught exception, or an
 * axe-core finding of serious or critical impact (axe-core injected from node_modules); and the
 * API calls that prepare what they visit (jobs solved, share links, invitations).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

/**
 * Limit of a route sweep: it waits for its preparation (sign-ups, jobs of every kind solved) and then
 * visits every route at two widths with axe, work that grows with the routes and the machine's speed,
 * not a hang. On a slower 2-core machine with the other steps beside them sweeps passed 120 s
 * (bench/results/test-suite.md); hangs are still caught by the watchdog and the runner's step limit.
 */
export const ROUTE_SWEEP_TIMEOUT_MS = 300_000;

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const DEMO = new URL("../../web/app/demo/", import.meta.url);
export const demoText = (file: string) => readFileSync(new URL(file, DEMO), "utf8");
export const demoJson = (file: string) => JSON.parse(demoText(file)) as Record<string, unknown>;

export const WIDTHS = [
  { name: "desktop", width: 1280, height: 860 },
  { name: "phone", width: 390, height: 844 },
] as const;

/** Paths audited at the same time (each in two tabs, one per width): the visits mostly wait for the network and React. */
const AUDITS_AT_ONCE = 3;

export interface Finding {
  path: string;
  width: string;
  problems: string[];
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function axeFindings(page: Page): Promise<string[]> {
  // Run as a script through the DevTools protocol: pages with a strict CSP (the share page allows no
  // inline script) are checked too, and V8 compiles axe-core once per renderer process instead of once
  // per page (`page.evaluate` would eval it in each page's context).
  const cdp = await page.context().newCDPSession(page);
  try {
    const injected = await cdp.send("Runtime.evaluate", { expression: AXE_SOURCE });
    if (injected.exceptionDetails) throw new Error(`axe-core did not load: ${injected.exceptionDetails.text}`);
  } finally {
    await cdp.detach();
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.impact} ${v.id}: ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => JSON.stringify(n.target))
            .join(" ")}`,
      );
  });
  return violations.map((v) => `axe: ${v}`);
}

/**
 * Visits `path` at each width and returns what is wrong there (empty when all is well). `axe: false`
 * only for a page whose markup is a third party's (named where it is used). The widths are visited
 * at once, each with a full navigation in a fresh tab of `page`'s profile (same session), so a
 * hydration error at either width is seen as when the page is opened at that width.
 */
export async function audit(page: Page, path: string, { expectedStatus = 200, axe = true } = {}): Promise<Finding[]> {
  const visits = await Promise.all(
    WIDTHS.map(async (size) => {
      const tab = await page.context().newPage();
      try {
        return await visit(tab, path, size, { expectedStatus, axe });
      } finally {
        await tab.close();
      }
    }),
  );
  return visits.filter((f): f is Finding => f !== null);
}

/** `audit` of each path, `AUDITS_AT_ONCE` paths at a time; the findings in the order of `paths`. */
export async function auditPaths(page: Page, paths: string[]): Promise<Finding[]> {
  const results: Finding[][] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      results[i] = await audit(page, paths[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AUDITS_AT_ONCE, paths.length) }, worker));
  return results.flat();
}

/** One width of `audit`: the page's status, console errors and exceptions, horizontal overflow and axe. */
async function visit(page: Page, path: string, size: (typeof WIDTHS)[number], { expectedStatus, axe }: { expectedStatus: number; axe: boolean }): Promise<Finding | null> {
  await page.setViewportSize({ width: size.width, height: size.height });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text().slice(0, 300)}`);
  });
  page.on("pageerror", (e) => problems.push(`exception: ${e.message.slice(0, 300)}`));
  const res = await page.goto(path);
  if (res?.status() !== expectedStatus) problems.push(`status ${res?.status()} (expected ${expectedStatus})`);
  await page.waitForLoadState("networkidle");
  // Hydration errors surface after load; give React a moment.
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= doc.clientWidth + 1) return null;
    // The widest elements sticking out on the right, to name the culprit.
    const culprits = Array.from(document.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1)
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} (right ${Math.round(el.getBoundingClientRect().right)})`,
      );
    return `page is ${doc.scrollWidth} px wide in a ${doc.clientWidth} px viewport: ${culprits.join(", ")}`;
  });
  if (overflow) problems.push(`overflow: ${overflow}`);
  if (axe) problems.push(...(await axeFindings(page)));
  return problems.length ? { path, width: size.name, problems } : null;
}

export function report(findings: Finding[]): string {
  return findings.map((f) => `${f.path} @ ${f.width}:\n  ${f.problems.join("\n  ")}`).join("\n");
}

/**
 * POST to the API with the page's session cookie (same origin, as the web app sends it), with an
 * Idempotency-Key. A POST that wrangler dev's proxy failed is sent again by e2e/support/retry-proxy.ts.
 */
export async function api<T>(page: Page, baseURL: string, path: string, body: unknown): Promise<T> {
  const headers = { origin: new URL(baseURL).origin, "idempotency-key": `e2e-${crypto.randomUUID()}` };
  const res = await page.request.post(new URL(path, baseURL).href, { data: body, headers });
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits until the job is finished (the free plan runs one at a time). */
export async function finished(page: Page, baseURL: string, id: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const job = (await (await page.request.get(new URL(`/v1/jobs/${id}`, baseURL).href)).json()) as { state: string };
    if (["succeeded", "failed", "cancelled", "expired"].includes(job.state)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`job ${id} did not finish`);
}

export async function submit(page: Page, baseURL: string, name: string, problem: Record<string, unknown>, evaluations: number): Promise<string> {
  const job = await api<{ id: string }>(page, baseURL, "/v1/jobs", { problem, budget: { evaluations }, name });
  await finished(page, baseURL, job.id);
  return job.id;
}

/** Starts `work` now; the test that needs it awaits it (a failure is reported there, not as an unhandled rejection). */
export function started<T>(work: () => Promise<T>): Promise<T> {
  const p = work();
  p.catch(() => {});
  return p;
}
