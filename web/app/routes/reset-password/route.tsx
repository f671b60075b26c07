/** Password reset, step 2: the emailed link lands here with ?token=…; choose a new password. */
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ActionFunctionArgs } from "@remix-run/server-runtime";
import type { MetaFunction } from "@remix-run/react";
import { data, redirect } from "@remix-run/server-runtime";
import { AuthLayout } from "../../components/auth-layout";
import { Field, FormMessage } from "../../components/field";
import { getAuth } from "@worker/auth/auth";
import { readAuthError } from "../../server/session.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Evolve" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const token = String(form.get("token") ?? "");
  const newPassword = String(form.get("password") ?? "");
  if (!token) return data({ error: "This reset link is incomplete. Ask for a new one." }, { status: 400 });
  if (newPassword.length < 10) return data({ error: "Use at least 10 characters." }, { status: 400 });
  const res = await getAuth(context.cloudflare.env).api.resetPassword({ body: { token, newPassword }, headers: request.headers, asResponse: true });
  if (!res.ok) return data({ error: await readAuthError(res) }, { status: res.status });
  throw redirect("/sign-in?reset=done");
}

export default function ResetPassword() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const busy = useNavigation().state !== "idle";
  return (
    <AuthLayout title="Choose a new password" footer={<a href="/forgot-password">Ask for a new link</a>}>
      {params.get("error") ? <FormMessage tone="error">This reset link has expired or was already used.</FormMessage> : null}
      {result?.error ? <FormMessage tone="error">{result.error}</FormMessage> : null}
      <Form method="post" className="stack">
        <input type="hidden" name="token" value={token} />
        <Field label="New password" name="password" type="password" autoComplete="new-password" required minLength={10} help="At least 10 characters." />
        <button className="button primary" type="submit" disabled={busy || !token}>
          Change password
        </button>
      </Form>
    </AuthLayout>
  );
}
