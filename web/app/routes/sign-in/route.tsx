/** Sign in with email and password; returns to the page that asked for it. */
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import type { MetaFunction } from "@remix-run/react";
import { data, redirect } from "@remix-run/server-runtime";
import { AuthLayout } from "../../components/auth-layout";
import { Field, FormMessage } from "../../components/field";
import { getAuth } from "@worker/auth/auth";
import { isInvitationPath, redirectQuery, safeRedirect } from "../../components/safe-redirect";
import { getSignedInUser, readAuthError, redirectWithCookies } from "../../server/session.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Evolve" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getSignedInUser(request, context.cloudflare.env)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return data({ error: "Enter your email and password." }, { status: 400 });
  const res = await getAuth(context.cloudflare.env).api.signInEmail({
    body: { email, password },
    headers: request.headers,
    asResponse: true,
  });
  if (!res.ok) return data({ error: res.status === 401 ? "Wrong email or password." : await readAuthError(res) }, { status: res.status });
  throw redirectWithCookies(safeRedirect(form.get("redirectTo")), res);
}

export default function SignIn() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  // Carried to sign-up too, so a new account also comes back (e.g. to the invitation it was sent).
  const back = redirectQuery(params.get("redirectTo"));
  const invited = isInvitationPath(params.get("redirectTo"));
  return (
    <AuthLayout
      title="Sign in"
      footer={
        <>
          New here? <a href={`/sign-up${back}`}>{invited ? "Create an account" : "Create an organization"}</a> · <a href="/forgot-password">Forgot your password?</a>
        </>
      }
    >
      {invited ? (
        <FormMessage tone="info">
          Sign in to answer your invitation. No account yet? <a href={`/sign-up${back}`}>Create one</a> with the address the invitation was sent to.
        </FormMessage>
      ) : null}
      {params.get("reset") === "done" ? <FormMessage tone="success">Password changed. Sign in with the new one.</FormMessage> : null}
      {result?.error ? <FormMessage tone="error">{result.error}</FormMessage> : null}
      <Form method="post" className="stack">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <button className="button primary" type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </Form>
    </AuthLayout>
  );
}
