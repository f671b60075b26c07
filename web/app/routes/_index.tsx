import type { MetaFunction } from "@remix-run/react";
import { useLoaderData } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/server-runtime";
import { PublicHeader } from "../components/public-header";
import { getSignedInUser } from "../server/session.server";

/** A signed-in visitor is offered the way into the app instead of sign-in / sign-up. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getSignedInUser(request, context.cloudflare.env);
  return { signedIn: user ? { name: user.name } : null };
}

export const meta: MetaFunction = () => [
  { title: "Evolve — timetabling and optimization, live" },
  {
    name: "description",
    content: "Submit course timetabling, TSP and continuous optimization jobs and watch them evolve live.",
  },
];

const FEATURES = [
  {
    title: "University timetabling",
    text: "ITC-2007 curriculum-based instances or your own rooms, instructors, groups and preferences from JSON, CSV or XLSX. Every hard and soft violation explained.",
  },
  {
    title: "Watch it evolve",
    text: "Jobs run in checkpointed chunks on Cloudflare's edge. Progress is pushed live: convergence curves, violations, pause, resume and fork.",
  },
  {
    title: "Routing and continuous problems",
    text: "Memetic TSP solvers within a percent of TSPLIB optima, and GA, PSO, DE, SA and ACO-R for benchmark or your own sandboxed objective.",
  },
  {
    title: "Exports people use",
    text: "Timetables as XLSX, CSV, ICS calendar feeds, printable grids and the ITC solution format; tours as GeoJSON and SVG.",
  },
];

export default function Landing() {
  const { signedIn } = useLoaderData<typeof loader>();
  return (
    <>
      <PublicHeader signedIn={signedIn !== null}>
        <a className="button" href="/pricing">
          Pricing
        </a>
      </PublicHeader>
      <main className="page">
        <section className="hero">
          <h1>Timetables and optimization jobs that evolve while you watch.</h1>
          <p>
            Evolve schedules courses, rooms and instructors for schools and universities, and solves routing and continuous optimization problems — with live progress, reproducible runs and an API for
            your own systems.
          </p>
          <div className="cta">
            {signedIn ? (
              <a className="button primary" href="/app/jobs">
                Continue as {signedIn.name}
              </a>
            ) : (
              <a className="button primary" href="/sign-up">
                Create your organization
              </a>
            )}
            <a className="button" href="/v1/docs">
              Read the API reference
            </a>
          </div>
        </section>
        <figure className="product-shot">
          {/* A real screenshot: the live job page of the comp01 demo timetable (web/public/landing-convergence.png). */}
          <img
            src="/landing-convergence.png"
            width={1068}
            height={296}
            alt="Two live charts of a timetabling job: the best objective falls from 286 to 67 over 428,000 evaluations, and hard violations stay at 0 while the soft penalty falls."
          />
          <figcaption className="muted">A university timetable (ITC-2007 comp01) evolving live: objective, hard violations and soft penalty as the job runs.</figcaption>
        </figure>
        <section className="features" aria-label="What Evolve does">
          {FEATURES.map((f) => (
            <article className="card" key={f.title}>
              <h2>{f.title}</h2>
              <p>{f.text}</p>
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
