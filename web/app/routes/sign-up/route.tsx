/**
 * Sign up: creates the user and their first organization (tenant), then opens the jobs list, or
 * the page that sent them here (`redirectTo`, same-site paths only: e.g. an invitation to accept).
 */
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import type { MetaFunction } from "@remix-run/react";
import { data, redirect } from "@remix-run/server-runtime";
import { AuthLayout } from "../../components/auth-layout";
import { Field, FormMessage } from "../../components/field";
import { getAuth } from "@worker/auth/auth";
import { isInvitationPath, redirectQuery, safeRedirect } from "../../components/safe-redirect";
import { getSignedInUser, readAuthError, redirectWithCookies } from "../../server/session.server";

export const meta: MetaFunction = () => [{ title: "Sign up · Evolve" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getSignedInUser(request, context.cloudflare.env)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

type Errors = Partial<Record<"name" | "email" | "password" | "tenantName" | "form", string>>;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const name = String(form.get("name") ?? "").trim();
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const tenantName = String(form.get("tenantName") ?? "").trim();
  const redirectTo = safeRedirect(form.get("redirectTo"));
  const errors: Errors = {};
  if (!name) errors.name = "Enter your name.";
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = "Enter a valid email address.";
  if (password.length < 10) errors.password = "Use at least 10 characters.";
  // Someone joining by invitation need not name an organization of their own (auth names one for them).
  if (!tenantName && !isInvitationPath(redirectTo)) errors.tenantName = "Name your organization (you can rename it later).";
  if (Object.keys(errors).length) return data({ errors }, { status: 400 });

  const res = await getAuth(context.cloudflare.env).api.signUpEmail({
    body: { name, email, password, tenantName } as { name: string; email: string; password: string },
    headers: request.headers,
    asResponse: true,
  });
  if (!res.ok) return data({ errors: { form: await readAuthError(res) } satisfies Errors }, { status: res.status });
  throw redirectWithCookies(redirectTo, res);
}

export default function SignUp() {
  const result = useActionData<typeof action>();
  const errors: Errors = result?.errors ?? {};
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const redirectTo = safeRedirect(params.get("redirectTo"), "");
  const invited = isInvitationPath(redirectTo);
  return (
    <AuthLayout
      title={invited ? "Create your account" : "Create your organization"}
      footer={
        <>
          Already have an account? <a href={`/sign-in${redirectQuery(redirectTo)}`}>Sign in</a>
        </>
      }
    >
      {invited ? <FormMessage tone="info">After signing up you return to your invitation. Use the address it was sent to.</FormMessage> : null}
      {errors.form ? <FormMessage tone="error">{errors.form}</FormMessage> : null}
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label="Your name" name="name" autoComplete="name" required error={errors.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} help="At least 10 characters." error={errors.password} />
        <Field
          label={invited ? "Organization name (optional)" : "Organization name"}
          name="tenantName"
          required={!invited}
          help={invited ? "A workspace of your own besides the one you are invited to; leave blank to name it after you." : "Your school, university or team. Invite colleagues later."}
          error={errors.tenantName}
        />
        <button className="button primary" type="submit" disabled={busy}>
          {busy ? "Creating…" : "Sign up"}
        </button>
      </Form>
    </AuthLayout>
  );
}
