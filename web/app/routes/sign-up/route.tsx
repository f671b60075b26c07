/** Sign up: creates the user and their first organization (tenant), then opens the jobs list. */
import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import type { MetaFunction } from "@remix-run/react";
import { data, redirect } from "@remix-run/server-runtime";
import { AuthLayout } from "../../components/auth-layout";
import { Field, FormMessage } from "../../components/field";
import { getAuth } from "../../../../worker/auth/auth";
import { getSignedInUser, readAuthError, redirectWithCookies } from "../../platform/session.server";

export const meta: MetaFunction = () => [{ title: "Sign up · Evolve" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getSignedInUser(request, context.cloudflare.env)) throw redirect("/app/jobs");
  return null;
}

type Errors = Partial<Record<"name" | "email" | "password" | "tenantName" | "form", string>>;

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const name = String(form.get("name") ?? "").trim();
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  const tenantName = String(form.get("tenantName") ?? "").trim();
  const errors: Errors = {};
  if (!name) errors.name = "Enter your name.";
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = "Enter a valid email address.";
  if (password.length < 10) errors.password = "Use at least 10 characters.";
  if (!tenantName) errors.tenantName = "Name your organization (you can rename it later).";
  if (Object.keys(errors).length) return data({ errors }, { status: 400 });

  const res = await getAuth(context.cloudflare.env).api.signUpEmail({
    body: { name, email, password, tenantName } as { name: string; email: string; password: string },
    headers: request.headers,
    asResponse: true,
  });
  if (!res.ok) return data({ errors: { form: await readAuthError(res) } satisfies Errors }, { status: res.status });
  throw redirectWithCookies("/app/jobs", res);
}

export default function SignUp() {
  const result = useActionData<typeof action>();
  const errors: Errors = result?.errors ?? {};
  const busy = useNavigation().state !== "idle";
  return (
    <AuthLayout
      title="Create your organization"
      footer={
        <>
          Already have an account? <a href="/sign-in">Sign in</a>
        </>
      }
    >
      {errors.form ? <FormMessage tone="error">{errors.form}</FormMessage> : null}
      <Form method="post" noValidate className="stack">
        <Field label="Your name" name="name" autoComplete="name" required error={errors.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} help="At least 10 characters." error={errors.password} />
        <Field label="Organization name" name="tenantName" required help="Your school, university or team. Invite colleagues later." error={errors.tenantName} />
        <button className="button primary" type="submit" disabled={busy}>
          {busy ? "Creating…" : "Sign up"}
        </button>
      </Form>
    </AuthLayout>
  );
}
