/** The signed-in app: header with tenant switcher, navigation and sign-out around every /app page. */
import { Form, NavLink, Outlet, useLoaderData, useLocation } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/server-runtime";
import { tenantsOf } from "@worker/tenancy/tenants";
import { isOperator } from "../../server/ops.server";
import { getSignedInUser, requireUser } from "../../server/session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  const [user, tenants, operator] = await Promise.all([getSignedInUser(request, env), tenantsOf(env, auth.userId), auth.userId ? isOperator(env, auth.userId) : false]);
  return {
    user: { name: user?.name ?? "", email: user?.email ?? "" },
    role: auth.role,
    tenantId: auth.tenantId,
    tenants: tenants.map((t) => ({ id: t.id, name: t.name, role: t.role })),
    /** Platform operators (platform_admin) get a link to the operator console. */
    operator,
  };
}

const NAV = [
  { to: "/app/jobs", label: "Jobs", end: true },
  { to: "/app/jobs/new", label: "New job", end: true },
  { to: "/app/settings/api-keys", label: "API keys" },
  { to: "/app/settings/members", label: "Members" },
  { to: "/app/settings/webhooks", label: "Webhooks" },
  { to: "/app/settings/billing", label: "Billing" },
  { to: "/app/settings/account", label: "Account" },
];

export default function AppShell() {
  const { user, tenants, tenantId, role, operator } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <a className="brand" href="/app/jobs">
          Evolve
        </a>
        <Form method="post" action="/app/switch-tenant" className="tenant-switcher" reloadDocument>
          <label htmlFor="tenant-select" className="visually-hidden">
            Organization
          </label>
          <select id="tenant-select" name="tenantId" defaultValue={tenantId} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
            {tenants.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.role})
              </option>
            ))}
          </select>
          <input type="hidden" name="redirectTo" value={location.pathname.startsWith("/app/jobs/") ? "/app/jobs" : location.pathname} />
          <noscript>
            <button className="button small" type="submit">
              Switch
            </button>
          </noscript>
        </Form>
        <div className="account">
          <span className="muted" title={user.email}>
            {user.name} · {role}
          </span>
          <Form method="post" action="/sign-out">
            <button className="button small" type="submit">
              Sign out
            </button>
          </Form>
        </div>
        <nav className="app-nav" aria-label="Main">
          {NAV.map((n) => (
            <NavLink key={n.to} to={n.to} end={n.end} prefetch="intent">
              {n.label}
            </NavLink>
          ))}
          {operator ? (
            <NavLink to="/ops" prefetch="intent">
              Operator console
            </NavLink>
          ) : null}
        </nav>
      </header>
      <main className="page" id="main">
        <Outlet />
      </main>
    </>
  );
}
