/**
 * /ops — the operator console (platform admins only; everyone else gets 404). Its own shell, not
 * the tenant app's: operators look across tenants, and a tenant role grants nothing here.
 */
import { NavLink, Outlet, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/server-runtime";
import { requireOperator } from "../../server/ops.server";

export const meta: MetaFunction = () => [{ title: "Operator console · Evolve" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const operator = await requireOperator(request, context.cloudflare.env);
  return { operator: { name: operator.name, email: operator.email } };
}

const NAV = [
  { to: "/ops", label: "Tenants & jobs", end: true },
  { to: "/ops/dead-letters", label: "Dead letters" },
  { to: "/ops/metrics", label: "Metrics" },
];

export default function OpsShell() {
  const { operator } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="app-header">
        <a className="brand" href="/ops">
          Evolve ops
        </a>
        <div className="account">
          <span className="muted">{operator.name} · operator</span>
          <a className="button small" href="/app/jobs">
            Back to the app
          </a>
        </div>
        <nav className="app-nav" aria-label="Operator console">
          {NAV.map((n) => (
            <NavLink key={n.to} to={n.to} end={n.end}>
              {n.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <main className="page" id="main">
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <main className="page narrow">
      <h1>{status === 404 ? "Page not found" : "Something went wrong"}</h1>
      <p className="muted">{status === 404 ? "There is nothing at this address." : "Please try again."}</p>
      <a href="/">Back to the start page</a>
    </main>
  );
}
