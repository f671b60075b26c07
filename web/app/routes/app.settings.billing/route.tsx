/** Billing: the plan, its limits, usage this period, and Stripe Checkout / customer portal buttons. */
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import { data, redirect } from "@remix-run/server-runtime";
import { getBillingOverview } from "@worker/billing/overview";
import { ApiError } from "@worker/http/problem";
import { createCheckoutSession, createPortalSession } from "@worker/billing/sessions";
import { FormMessage } from "../../components/field";
import { formatCount, formatDuration } from "../../components/format";
import { invariantResponse, toFormProblem } from "../../server/responses.server";
import { requireUser } from "../../server/session.server";

export const meta: MetaFunction = () => [{ title: "Billing · Evolve" }];

/** What a person sees when this deployment has no Stripe set-up (README "Billing with Stripe"). */
const BILLING_UNAVAILABLE = "Billing is not available here, so the plan cannot be changed on this site right now. Please try again later or contact the people who run it.";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  return { overview: await getBillingOverview(env, auth.tenantId), canManage: auth.role === "owner" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const env = context.cloudflare.env;
  // Owners only, as in the API: createCheckoutSession / createPortalSession check it (worker/billing/sessions.ts).
  const { auth } = await requireUser(request, env);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "portal") throw redirect((await createPortalSession(env, auth, request)).url);
    const tier = String(form.get("tier") ?? "");
    invariantResponse(intent === "upgrade" && (tier === "pro" || tier === "enterprise"), 400, "Choose a paid plan.");
    throw redirect((await createCheckoutSession(env, auth, tier, request)).url);
  } catch (err) {
    if (err instanceof Response) throw err;
    if (err instanceof ApiError && err.type === "billing-unavailable") {
      // The operator's detail (which secret is missing) goes to the log, one line, no stack.
      console.warn(JSON.stringify({ level: "warn", msg: "billing unavailable", tenantId: auth.tenantId, detail: err.message }));
      return data({ error: BILLING_UNAVAILABLE }, { status: 503 });
    }
    const problem = toFormProblem(err);
    return data({ error: problem.detail }, { status: problem.status });
  }
}

export default function Billing() {
  const { overview, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { plan, limits, usage } = overview;
  return (
    <>
      <h1>Billing</h1>
      {result?.error ? <FormMessage tone="error">{result.error}</FormMessage> : null}
      <div className="split">
        <section className="card" aria-labelledby="plan-title">
          <h2 id="plan-title">Plan: {plan.tier}</h2>
          <dl className="kv">
            <dt>Status</dt>
            <dd>{plan.status}</dd>
            {plan.currentPeriodEnd ? (
              <>
                <dt>Renews</dt>
                <dd>{new Date(plan.currentPeriodEnd).toLocaleDateString()}</dd>
              </>
            ) : null}
            <dt>Jobs per day</dt>
            <dd>{formatCount(limits.jobsPerDay)}</dd>
            <dt>Concurrent jobs</dt>
            <dd>{limits.concurrentJobs}</dd>
            <dt>Compute per job</dt>
            <dd>{formatDuration(limits.computeSecondsPerJob * 1000)}</dd>
            <dt>Largest problem</dt>
            <dd>
              {limits.maxSize.lectures} lectures · {limits.maxSize.cities} cities · {limits.maxSize.dimensions} dimensions · {limits.maxSize.elements} ordered elements
            </dd>
            <dt>Islands</dt>
            <dd>{limits.islands || "—"}</dd>
            <dt>Data kept</dt>
            <dd>{limits.retentionDays} days</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="usage-title">
          <h2 id="usage-title">Usage this period</h2>
          <dl className="kv">
            <dt>Jobs</dt>
            <dd>{formatCount(usage.jobs)}</dd>
            <dt>Compute</dt>
            <dd>{formatDuration(usage.computeMs)}</dd>
            <dt>API requests</dt>
            <dd>{formatCount(usage.apiRequests)}</dd>
            <dt>Storage</dt>
            <dd>{(usage.storageBytes / 1e6).toFixed(1)} MB</dd>
            <dt>Contributed compute</dt>
            <dd data-testid="usage-contributed">
              {formatCount(usage.contributed.evaluations)} evaluations from {formatCount(usage.contributed.contributors)} contributors (not counted as compute)
            </dd>
            <dt>Today</dt>
            <dd>
              {usage.today.jobsAdmitted} of {usage.today.jobsPerDay} jobs · {usage.today.activeJobs} of {usage.today.concurrentJobs} running
            </dd>
          </dl>
        </section>
      </div>
      {canManage ? (
        <section aria-labelledby="change-title" style={{ marginTop: 20 }}>
          <h2 id="change-title">Change plan</h2>
          <Form method="post" className="button-row">
            {overview.plans
              .filter((p) => p.tier !== "free" && p.tier !== plan.tier)
              .map((p) => (
                <button type="submit" key={p.tier} className="button primary" name="tier" value={p.tier} disabled={busy}>
                  Upgrade to {p.tier}
                </button>
              ))}
            <input type="hidden" name="intent" value="upgrade" />
          </Form>
          {plan.hasCustomer ? (
            <Form method="post" style={{ marginTop: 10 }}>
              <input type="hidden" name="intent" value="portal" />
              <button type="submit" className="button" disabled={busy}>
                Manage billing (invoices, card, cancel)
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
