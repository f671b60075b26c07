/**
 * Public price list: what each plan allows (the tier table, worker/tenancy/tiers.ts) and its
 * monthly price from Stripe when configured (worker/billing/pricing.ts). Every upgrade link the API
 * emits (`upgradeUrl` in 402/429 answers) points here.
 */
import type { MetaFunction } from "@remix-run/react";
import { useLoaderData } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/server-runtime";
import { formatPrice, pricingPlans } from "@worker/billing/pricing";
import { PublicHeader } from "../../components/public-header";
import { getSignedInUser } from "../../server/session.server";

export const meta: MetaFunction = () => [
  { title: "Pricing · Evolve" },
  { name: "description", content: "Evolve's free, pro and enterprise plans: jobs per day, concurrent jobs, compute per job, problem sizes, islands and retention." },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const plans = await pricingPlans(context.cloudflare.env);
  // A signed-in visitor (e.g. from an upgrade link) is offered the way back into the app, as on the start page.
  const signedIn = Boolean(await getSignedInUser(request, context.cloudflare.env));
  return {
    signedIn,
    plans: plans.map((p) => ({ ...p, priceText: p.limits.tier === "free" ? "Free" : p.price ? formatPrice(p.price) : null })),
  };
}

const n = (v: number) => v.toLocaleString("en-US");

export default function Pricing() {
  const { plans, signedIn } = useLoaderData<typeof loader>();
  return (
    <>
      <PublicHeader signedIn={signedIn}>
        {signedIn && (
          <a className="button" href="/app/settings/billing">
            Your plan
          </a>
        )}
      </PublicHeader>
      <main className="page">
        <h1>Plans</h1>
        <p>
          Every organization starts on the free plan. Owners change the plan under <a href="/app/settings/billing">Settings → Billing</a>; paid plans are billed monthly through Stripe and can be
          cancelled at any time.
        </p>
        <section className="features" aria-label="Plans">
          {plans.map(({ limits: t, priceText }) => (
            <article className="card" key={t.tier} data-testid={`plan-${t.tier}`}>
              <h2 style={{ textTransform: "capitalize" }}>{t.tier}</h2>
              <p>
                <strong>{priceText ?? "Price shown at checkout"}</strong>
              </p>
              <ul>
                <li>{n(t.jobsPerDay)} jobs per day (UTC)</li>
                <li>{n(t.concurrentJobs)} running at once</li>
                <li>
                  up to {n(t.computeSecondsPerJob)} s of compute per job (default {t.defaultJobSeconds} s, stopped earlier on convergence)
                </li>
                <li>
                  problems up to {n(t.maxSize.lectures)} lectures, {n(t.maxSize.activities)} school activities, {n(t.maxSize.cities)} cities, {n(t.maxSize.dimensions)} dimensions,{" "}
                  {n(t.maxSize.elements)} ordered items; populations up to {n(t.maxSize.population)}
                </li>
                <li>{t.islands ? `${t.islands} islands (parallel populations)` : "one population (no islands)"}</li>
                <li>{t.priority === "high" ? "high queue priority" : "normal queue priority"}</li>
                <li>results kept {n(t.retentionDays)} days</li>
                <li>{n(t.apiRequestsPerMinute)} API requests per minute</li>
              </ul>
            </article>
          ))}
        </section>
      </main>
      <footer className="site-footer">
        Evolve · <a href="/pricing">free, pro and enterprise plans</a> · runs on Cloudflare Workers
      </footer>
    </>
  );
}
