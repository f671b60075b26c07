/** Password reset, step 1: ask for a link by email (the answer never says whether the email exists). */
import { Form, useActionData, useNavigation } from "@remix-run/react";
import type { ActionFunctionArgs } from "@remix-run/server-runtime";
import type { MetaFunction } from "@remix-run/react";
import { data } from "@remix-run/server-runtime";
import { AuthLayout } from "../../components/auth-layout";
import { Field, FormMessage } from "../../components/field";
import { getAuth } from "@worker/auth/auth";

export const meta: MetaFunction = () => [{ title: "Reset your password · Evolve" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const email = String((await request.formData()).get("email") ?? "").trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return data({ sent: false, error: "Enter a valid email address." }, { status: 400 });
  const auth = getAuth(context.cloudflare.env) as unknown as {
    api: { requestPasswordReset(opts: { body: { email: string; redirectTo: string }; headers: Headers; request: Request; asResponse: true }): Promise<Response> };
  };
  // `request`: in development the mailed link opens on the origin the visitor is on (worker/auth/dev-origins.ts).
  await auth.api.requestPasswordReset({ body: { email, redirectTo: "/reset-password" }, headers: request.headers, request, asResponse: true });
  return { sent: true, error: null };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <AuthLayout title="Reset your password" footer={<a href="/sign-in">Back to sign in</a>}>
      {result?.sent ? (
        <FormMessage tone="success">If an account uses that email, a reset link is on its way. It works for one hour.</FormMessage>
      ) : (
        <Form method="post" className="stack">
          {result?.error ? <FormMessage tone="error">{result.error}</FormMessage> : null}
          <Field label="Email" name="email" type="email" autoComplete="email" required />
          <button className="button primary" type="submit" disabled={busy}>
            Send reset link
          </button>
        </Form>
      )}
    </AuthLayout>
  );
}
