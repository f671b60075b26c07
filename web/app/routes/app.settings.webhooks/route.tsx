/** Webhook endpoints (URL + event filters, secret shown once) and each one's recent deliveries. */
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import { data } from "@remix-run/server-runtime";
import { createEndpoint, deleteEndpoint, listDeliveries, listEndpoints } from "@worker/webhooks/endpoints";
import { WEBHOOK_EVENTS, type WebhookEventType } from "@worker/webhooks/events";
import { Field, FormMessage } from "../../components/field";
import { invariantResponse, toFormProblem } from "../../server/responses.server";
import { requireAdmin } from "../../server/session.server";

export const meta: MetaFunction = () => [{ title: "Webhooks · Evolve" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireAdmin(request, env);
  const endpoints = await listEndpoints(env, auth.tenantId);
  const withDeliveries = await Promise.all(endpoints.map(async (e) => ({ ...e, deliveries: (await listDeliveries(env, auth.tenantId, e.id, { limit: 5 })).items })));
  return { endpoints: withDeliveries, events: [...WEBHOOK_EVENTS] };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireAdmin(request, env);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "delete") {
      await deleteEndpoint(env, auth.tenantId, String(form.get("id")));
      return { secret: null, error: null };
    }
    invariantResponse(intent === "create", 400, `Unknown action "${intent}".`);
    const events = form
      .getAll("events")
      .map(String)
      .filter((e): e is WebhookEventType => (WEBHOOK_EVENTS as readonly string[]).includes(e));
    if (!events.length) return data({ secret: null, error: "Choose at least one event." }, { status: 400 });
    const created = await createEndpoint(env, auth.tenantId, { url: String(form.get("url") ?? ""), events });
    return { secret: created.secret, error: null };
  } catch (err) {
    if (err instanceof Response) throw err;
    const problem = toFormProblem(err);
    return data({ secret: null, error: problem.errors.map((e) => e.message).join("; ") || problem.detail }, { status: problem.status });
  }
}

export default function Webhooks() {
  const { endpoints, events } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>Webhooks</h1>
      <p className="muted">We POST a signed JSON event to your endpoint when a job ends (and, if chosen, every minute while it runs).</p>
      {result?.error ? <FormMessage tone="error">{result.error}</FormMessage> : null}
      {result?.secret ? (
        <FormMessage tone="success">
          Endpoint added. Its signing secret (shown once): <span className="secret">{result.secret}</span>
        </FormMessage>
      ) : null}
      <section className="card" aria-labelledby="new-endpoint">
        <h2 id="new-endpoint">Add an endpoint</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="create" />
          <Field label="URL" name="url" type="url" required placeholder="https://example.org/hooks/evolve" help="https only (http://localhost while developing)." />
          <fieldset className="field">
            <legend className="label">Events</legend>
            <div className="button-row">
              {events.map((e) => (
                <label key={e}>
                  <input type="checkbox" name="events" value={e} defaultChecked={e !== "job.progress"} /> {e}
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <button className="button primary" type="submit" disabled={busy}>
              Add endpoint
            </button>
          </div>
        </Form>
      </section>
      {endpoints.map((e) => (
        <section className="card" key={e.id} aria-label={`Endpoint ${e.url}`} style={{ marginTop: 14 }}>
          <div className="page-title">
            <h3 style={{ margin: 0 }}>{e.url}</h3>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="id" value={e.id} />
              <button type="submit" className="button small danger">
                Delete
              </button>
            </Form>
          </div>
          <p className="muted">
            {e.enabled ? "Enabled" : "Disabled"} · {e.events.join(", ")}
          </p>
          <h4>Recent deliveries</h4>
          {e.deliveries.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempt</th>
                  <th scope="col">When</th>
                </tr>
              </thead>
              <tbody>
                {e.deliveries.map((d) => (
                  <tr key={`${d.id}-${d.attempt}`}>
                    <td>{d.eventType}</td>
                    <td>
                      {d.status}
                      {d.responseCode ? ` (${d.responseCode})` : ""}
                      {d.error ? ` — ${d.error}` : ""}
                    </td>
                    <td>{d.attempt}</td>
                    <td>{new Date(d.createdAt).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ))}
    </>
  );
}
