/**
 * /contribute/<job>?join=<token> — the public join page: anyone holding a job's join link can lend
 * this browser tab's CPU to that job (no account). Invalid or expired links answer 404. The same
 * URL is what `npm run contribute -- <url>` takes for machines.
 */
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/server-runtime";
import { StateBadge } from "../../components/job-bits";
import { kindLabel } from "../../components/labels";
import { LendControl } from "../../contribute/lend-control";
import { joinPageData } from "../../server/contribute.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Lend compute to ${data?.name ?? "a job"} · Evolve` }, { name: "robots", content: "noindex" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const token = new URL(request.url).searchParams.get("join") ?? "";
  const page = await joinPageData(env, params.jobId ?? "", token);
  if (!page) throw new Response("This join link is not valid or has expired; ask for a new one.", { status: 404 });
  return page;
}

export default function JoinPage() {
  const job = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <div className="page-title">
        <div>
          <h1>Lend compute to {job.name || job.jobId}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {kindLabel(job.kind)} · <StateBadge state={job.state} /> · link valid until {job.expiresAt.slice(0, 16).replace("T", " ")} UTC
          </p>
        </div>
      </div>
      <section className="card">
        <p>
          This tab runs pieces of the job's search in a background thread while it stays visible, and stops when you hide the tab or press Stop. Nothing it sends is trusted: the server checks every
          piece, so lending can only speed the job up.
        </p>
        <LendControl wsPath={job.wsPath} />
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <main className="page" id="main">
      <h1>Cannot lend compute</h1>
      <p>{isRouteErrorResponse(error) ? String(error.data) : "Something went wrong."}</p>
    </main>
  );
}
