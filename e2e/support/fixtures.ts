/**
 * Small steps the flows share, done the way a person does them (through the pages, not the API),
 * so each flow also tests the forms it passes through.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";

export interface Account {
  name: string;
  email: string;
  password: string;
  tenantName: string;
}

/** Sign up a brand-new user (and their organization) and land on the jobs list. */
export async function signUp(page: Page, label = "e2e"): Promise<Account> {
  const id = randomUUID().slice(0, 8);
  const account = { name: `Ada ${label}`, email: `${label}-${id}@example.test`, password: `pw-${randomUUID()}`, tenantName: `${label} University ${id}` };
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByLabel("Organization name").fill(account.tenantName);
  await Promise.all([page.waitForURL("**/app/jobs"), page.getByRole("button", { name: "Sign up" }).click()]);
  return account;
}

/** Sign in an existing account through the form. */
export async function signIn(page: Page, account: Pick<Account, "email" | "password">): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await Promise.all([page.waitForURL("**/app/**"), page.getByRole("button", { name: "Sign in" }).click()]);
}

/**
 * Create a job from one of the demo problems with a small evaluation budget (keeps tests fast),
 * and land on its live page. Returns the job id from the URL.
 */
export async function createJobFromDemo(page: Page, demo: string, budget: { evaluations: number }): Promise<string> {
  await page.goto(`/app/jobs/new?demo=${encodeURIComponent(demo)}`);
  await page.getByLabel("Evaluation budget").fill(String(budget.evaluations));
  await Promise.all([page.waitForURL(/\/app\/jobs\/(?!new)[^/]+$/), page.getByRole("button", { name: "Start job" }).click()]);
  return new URL(page.url()).pathname.split("/").pop()!;
}
