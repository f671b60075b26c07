/** Queue messages that exhausted their retries: requeue (the cause is fixed) or fail the job. */
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import { data } from "@remix-run/server-runtime";
import { failDeadLetter, listDeadLetters, requeueDeadLetter } from "@worker/ops/console";
import { FormMessage } from "../../components/field";
import { invariantResponse, toFormProblem } from "../../server/responses.server";
import { requireOperator } from "../../server/ops.server";

const STATUSES = ["open", "requeued", "failed", "all"] as const;
type Status = (typeof STATUSES)[number];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  await requireOperator(request, env);
  const asked = new URL(request.url).searchParams.get("status") ?? "open";
  const status: Status = (STATUSES as readonly string[]).includes(asked) ? (asked as Status) : "open";
  const rows = await listDeadLetters(env, status, 100);
  return {
    status,
    letters: rows.map((r) => ({
      id: r.id,
      queue: r.queue,
      messageType: r.messageType,
      jobId: r.jobId,
      tenantId: r.tenantId,
      attempts: r.attempts,
      reason: r.reason,
      status: r.status,
      receivedAt: r.receivedAt instanceof Date ? r.receivedAt.toISOString() : String(r.receivedAt),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const env = context.cloudflare.env;
  await requireOperator(request, env);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const id = String(form.get("id") ?? "");
  invariantResponse(intent === "requeue" || intent === "fail", 400, `Unknown action "${intent}".`);
  try {
    if (intent === "requeue") await requeueDeadLetter(env, id);
    else await failDeadLetter(env, id);
    return { error: null, done: `${id} ${intent === "requeue" ? "requeued" : "failed"}.` };
  } catch (err) {
    const problem = toFormProblem(err);
    return data({ error: problem.detail, done: null }, { status: problem.status });
  }
}

export default function DeadLetters() {
  const { letters, status } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>Dead letters</h1>
      {result?.error ? <FormMessage tone="error">{result.error}</FormMessage> : null}
      {result?.done ? <FormMessage tone="success">{result.done}</FormMessage> : null}
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="dl-status">Status</label>
          <select id="dl-status" name="status" defaultValue={status}>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <button className="button small" type="submit">
          Show
        </button>
      </Form>
      {letters.length === 0 ? <p className="empty">No {status === "all" ? "" : `${status} `}dead letters.</p> : null}
      {letters.length ? (
        <div className="table-wrap">
          <table className="data" data-testid="dead-letters">
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col">Job / tenant</th>
                <th scope="col">Attempts</th>
                <th scope="col">Reason</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((l) => (
                <tr key={l.id}>
                  <td>
                    {l.messageType}
                    <div className="muted" style={{ fontSize: "0.8rem" }}>
                      {l.queue} · {l.receivedAt.slice(0, 19).replace("T", " ")}
                    </div>
                  </td>
                  <td>
                    <code>{l.jobId ?? "—"}</code>
                    <div className="muted" style={{ fontSize: "0.8rem" }}>
                      {l.tenantId ?? ""}
                    </div>
                  </td>
                  <td>{l.attempts}</td>
                  <td className="muted">{l.reason}</td>
                  <td>
                    <span className="badge">{l.status}</span>
                  </td>
                  <td>
                    {l.status === "open" ? (
                      <Form method="post" className="button-row">
                        <input type="hidden" name="id" value={l.id} />
                        <button type="submit" className="button small" name="intent" value="requeue" disabled={busy}>
                          Requeue
                        </button>
                        <button type="submit" className="button small danger" name="intent" value="fail" disabled={busy}>
                          Fail job
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
