/** API keys: create with scopes (the secret is shown once, here), list with last use, revoke. */
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import { data } from "@remix-run/server-runtime";
import { API_KEY_SCOPES, DEFAULT_API_KEY_SCOPES, createApiKey, listApiKeys, revokeApiKey, type ApiKeyScope } from "@worker/api-keys/service";
import { Field, FormMessage } from "../../components/field";
import { formatAge } from "../../components/format";
import { callService, invariantResponse } from "../../server/responses.server";
import { requireAdmin } from "../../server/session.server";

export const meta: MetaFunction = () => [{ title: "API keys · Evolve" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireAdmin(request, env);
  return { keys: await listApiKeys(env, auth.tenantId), scopes: [...API_KEY_SCOPES], defaultScopes: [...DEFAULT_API_KEY_SCOPES] as string[], now: Date.now() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireAdmin(request, env);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "revoke") {
    const id = String(form.get("id") ?? "");
    await callService(() => revokeApiKey(env, auth.tenantId, id));
    return { created: null, errors: {} };
  }
  invariantResponse(intent === "create", 400, `Unknown action "${intent}".`);
  const name = String(form.get("name") ?? "").trim();
  const scopes = form
    .getAll("scopes")
    .map(String)
    .filter((s): s is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(s));
  const errors: { name?: string; scopes?: string } = {};
  if (!name || name.length > 100) errors.name = "Name the key (1–100 characters), e.g. where it is used.";
  if (scopes.length === 0) errors.scopes = "Choose at least one scope.";
  if (errors.name || errors.scopes) return data({ created: null, errors }, { status: 400 });
  const { key, apiKey } = await createApiKey(env, auth.tenantId, { name, scopes, createdBy: auth.userId });
  return { created: { key, name: apiKey.name }, errors: {} };
}

export default function ApiKeys() {
  const { keys, scopes, defaultScopes, now } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors: { name?: string; scopes?: string } = result?.errors ?? {};
  return (
    <>
      <h1>API keys</h1>
      <p className="muted">
        Keys let your own systems call the REST API (<a href="/v1/docs">reference</a>) as this organization. Send one as <code>Authorization: Bearer evk_live_…</code>.
      </p>
      {result?.created ? (
        <FormMessage tone="success">
          <p style={{ marginTop: 0 }}>
            Key <strong>{result.created.name}</strong> created. Copy it now: it is shown only once.
          </p>
          <p className="secret" data-testid="new-key">
            {result.created.key}
          </p>
        </FormMessage>
      ) : null}
      <section className="card" aria-labelledby="new-key-title">
        <h2 id="new-key-title">Create a key</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field label="Key name" name="name" required maxLength={100} error={errors.name} />
          <fieldset className={errors.scopes ? "field has-error" : "field"} aria-describedby="scopes-help">
            <legend className="label">Scopes</legend>
            <div className="button-row">
              {scopes.map((s) => (
                <label key={s}>
                  <input type="checkbox" name="scopes" value={s} defaultChecked={defaultScopes.includes(s)} /> {s}
                </label>
              ))}
            </div>
            <p className="help" id="scopes-help">
              New keys get jobs:read and jobs:write (submit, watch and download jobs) unless you untick them. jobs:read lists and downloads, jobs:write submits and controls jobs, admin manages keys,
              members and webhooks.
            </p>
            {errors.scopes ? (
              <p className="error" role="alert">
                {errors.scopes}
              </p>
            ) : null}
          </fieldset>
          <div>
            <button className="button primary" type="submit" disabled={busy}>
              Create key
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="keys-title">
        <h2 id="keys-title">Keys</h2>
        {keys.length === 0 ? (
          <p className="muted">No keys yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.id}>
                    <td>{k.name}</td>
                    <td>
                      <code>{k.start}…</code>
                    </td>
                    <td>{k.scopes.join(", ")}</td>
                    <td>{k.lastUsedAt ? formatAge(k.lastUsedAt, now) : "never"}</td>
                    <td>
                      {k.revokedAt ? (
                        <span className="badge failed">revoked</span>
                      ) : (
                        <Form
                          method="post"
                          onSubmit={(e) => {
                            if (!confirm(`Revoke "${k.name}"? Systems using it will stop working.`)) e.preventDefault();
                          }}
                        >
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="id" value={k.id} />
                          <button className="button small danger" type="submit" aria-label={`Revoke ${k.name}`}>
                            Revoke
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
