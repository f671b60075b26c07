/**
 * /accept-invitation/<id> — where invitation mails link (worker/auth/auth.ts). Shows the
 * organization and role, then accepts or declines through better-auth's organization API. Needs
 * the invited person signed in: anyone else goes to /sign-in and comes back here afterwards.
 * better-auth checks the invitation is pending, unexpired and addressed to this user.
 */
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import { data, redirect } from "@remix-run/server-runtime";
import { getAuth } from "@worker/auth/auth";
import { AuthLayout } from "../../components/auth-layout";
import { FormMessage } from "../../components/field";
import { getSignedInUser, readAuthError, redirectWithCookies } from "../../server/session.server";

export const meta: MetaFunction = () => [{ title: "Invitation · Evolve" }];

async function requireSignedIn(request: Request, env: Parameters<typeof getSignedInUser>[1], id: string) {
  const user = await getSignedInUser(request, env);
  if (!user) throw redirect(`/sign-in?redirectTo=${encodeURIComponent(`/accept-invitation/${id}`)}`);
  return user;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const id = params.id ?? "";
  const user = await requireSignedIn(request, env, id);
  const res = await getAuth(env).api.getInvitation({ query: { id }, headers: request.headers, asResponse: true });
  if (!res.ok) return { user, invitation: null, problem: await readAuthError(res) };
  const inv = (await res.json()) as { organizationName: string; role: string; inviterEmail: string; email: string; expiresAt: string };
  return {
    user,
    invitation: { organizationName: inv.organizationName, role: inv.role, inviterEmail: inv.inviterEmail, email: inv.email, expiresAt: new Date(inv.expiresAt).toISOString() },
    problem: null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const env = context.cloudflare.env;
  const id = params.id ?? "";
  await requireSignedIn(request, env, id);
  const intent = String((await request.formData()).get("intent") ?? "");
  const api = getAuth(env).api;
  if (intent === "decline") {
    const res = await api.rejectInvitation({ body: { invitationId: id }, headers: request.headers, asResponse: true });
    if (!res.ok) return data({ error: await readAuthError(res), declined: false }, { status: res.status });
    return { error: null, declined: true };
  }
  if (intent !== "accept") return data({ error: `Unknown action "${intent}".`, declined: false }, { status: 400 });
  const res = await api.acceptInvitation({ body: { invitationId: id }, headers: request.headers, asResponse: true });
  if (!res.ok) return data({ error: await readAuthError(res), declined: false }, { status: res.status });
  const accepted = (await res.json()) as { member?: { organizationId?: string } };
  // Make the new organization the session's active tenant, so the app opens inside it.
  const orgId = accepted.member?.organizationId;
  if (orgId) {
    const active = await api.setActiveOrganization({ body: { organizationId: orgId }, headers: request.headers, asResponse: true });
    if (active.ok) throw redirectWithCookies("/app/jobs", active);
  }
  throw redirect("/app/jobs");
}

export default function AcceptInvitation() {
  const { user, invitation, problem } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <AuthLayout title="Invitation">
      {problem ? (
        <>
          <FormMessage tone="error">This invitation cannot be used: {problem}</FormMessage>
          <p className="muted">You are signed in as {user.email}. An invitation works only for the address it was sent to, once, before it expires.</p>
          <Link to="/app/jobs">Go to the app</Link>
        </>
      ) : result?.declined ? (
        <>
          <FormMessage tone="success">Invitation declined.</FormMessage>
          <Link to="/app/jobs">Go to the app</Link>
        </>
      ) : invitation ? (
        <>
          <p data-testid="invitation-summary">
            {invitation.inviterEmail} invited you ({invitation.email}) to join <strong>{invitation.organizationName}</strong> as <strong>{invitation.role}</strong>.
          </p>
          <p className="muted">Valid until {invitation.expiresAt.slice(0, 16).replace("T", " ")} UTC.</p>
          {result?.error ? <FormMessage tone="error">{result.error}</FormMessage> : null}
          <Form method="post" className="button-row">
            <button type="submit" className="button" name="intent" value="accept" disabled={busy}>
              Accept and join
            </button>
            <button type="submit" className="button danger" name="intent" value="decline" disabled={busy}>
              Decline
            </button>
          </Form>
        </>
      ) : null}
    </AuthLayout>
  );
}
