/** Your account in this organization: who you are signed in as, and which mails you want (job-finished notices). */
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import { getMailPreferences, setMailPreferences } from "@worker/mail/preferences";
import { FormMessage } from "../../components/field";
import { invariantResponse } from "../../server/responses.server";
import { getSignedInUser, requireUser } from "../../server/session.server";

export const meta: MetaFunction = () => [{ title: "Account · Evolve" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  invariantResponse(auth.userId, 403, "Sign in to change your mail settings.");
  const [user, prefs] = await Promise.all([getSignedInUser(request, env), getMailPreferences(env, auth.tenantId, auth.userId)]);
  return { email: user?.email ?? "", jobFinished: prefs.jobFinished };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  invariantResponse(auth.userId, 403, "Sign in to change your mail settings.");
  const form = await request.formData();
  invariantResponse(form.get("intent") === "mail", 400, "Unknown action.");
  const prefs = await setMailPreferences(env, auth.tenantId, auth.userId, { jobFinished: form.get("jobFinished") === "on" });
  return { saved: true, jobFinished: prefs.jobFinished };
}

export default function Account() {
  const { email, jobFinished } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>Account</h1>
      <p className="muted">Signed in as {email}.</p>
      <section className="card" aria-labelledby="mail-title">
        <h2 id="mail-title">Mail</h2>
        {result?.saved ? <FormMessage tone="success">{result.jobFinished ? "You will get a mail when your jobs finish." : "No more job-finished mails."}</FormMessage> : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="mail" />
          <div className="field">
            <label>
              <input type="checkbox" name="jobFinished" defaultChecked={jobFinished} key={String(jobFinished)} aria-describedby="job-finished-help" /> Mail me when my jobs finish
            </label>
            <p className="help" id="job-finished-help">
              For jobs you submit in this organization: a mail when one succeeds, fails, is cancelled or expires.
            </p>
          </div>
          <button className="button primary" type="submit" disabled={busy}>
            Save
          </button>
        </Form>
      </section>
    </>
  );
}
