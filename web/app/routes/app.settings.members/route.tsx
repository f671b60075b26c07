/** Members and invitations of the organization (owners and admins manage them). */
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import { data } from "@remix-run/server-runtime";
import { createInvitation, listInvitations, listMembers, removeMember, revokeInvitation } from "@worker/members/service";
import { isMemberRole } from "@worker/tenancy/tenants";
import { Field, FormMessage } from "../../components/field";
import { invariantResponse, toFormProblem } from "../../server/responses.server";
import { requireAdmin } from "../../server/session.server";
import { TableWrap } from "../../components/table-wrap";

export const meta: MetaFunction = () => [{ title: "Members · Evolve" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireAdmin(request, env);
  const [members, invitations] = await Promise.all([listMembers(env, auth.tenantId), listInvitations(env, auth.tenantId)]);
  return { members, invitations, me: auth.userId };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireAdmin(request, env);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "invite") {
      const email = String(form.get("email") ?? "").trim();
      const role = String(form.get("role") ?? "member");
      if (!/^[^\s@]+@[^\s@]+$/.test(email)) return data({ error: null, fieldError: "Enter a valid email address.", sent: null }, { status: 400 });
      invariantResponse(isMemberRole(role), 400, "Unknown role.");
      await createInvitation(env, auth, { email, role }, request);
      return { error: null, fieldError: null, sent: email };
    }
    if (intent === "revoke-invitation") await revokeInvitation(env, auth.tenantId, String(form.get("id")));
    else if (intent === "remove-member") await removeMember(env, auth, String(form.get("id")));
    else invariantResponse(false, 400, `Unknown action "${intent}".`);
    return { error: null, fieldError: null, sent: null };
  } catch (err) {
    if (err instanceof Response) throw err;
    const problem = toFormProblem(err);
    return data({ error: problem.detail, fieldError: null, sent: null }, { status: problem.status });
  }
}

export default function Members() {
  const { members, invitations, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>Members</h1>
      {result?.error ? <FormMessage tone="error">{result.error}</FormMessage> : null}
      {result?.sent ? <FormMessage tone="success">Invitation sent to {result.sent}.</FormMessage> : null}
      <TableWrap label="Members">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>{m.role}</td>
                <td>
                  {m.userId !== me ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="id" value={m.id} />
                      <button type="submit" className="button small danger" aria-label={`Remove ${m.name}`}>
                        Remove
                      </button>
                    </Form>
                  ) : (
                    <span className="muted">you</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <section className="card" aria-labelledby="invite-title" style={{ marginTop: 20 }}>
        <h2 id="invite-title">Invite someone</h2>
        <Form method="post" className="filters">
          <input type="hidden" name="intent" value="invite" />
          <Field label="Email" name="email" type="email" required error={result?.fieldError ?? undefined} />
          <div className="field">
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" name="role" defaultValue="member">
              <option value="member">member</option>
              <option value="admin">admin</option>
              <option value="owner">owner</option>
            </select>
          </div>
          <button className="button primary" type="submit" disabled={busy}>
            Send invitation
          </button>
        </Form>
      </section>
      <section aria-labelledby="invitations-title">
        <h2 id="invitations-title">Invitations</h2>
        {invitations.length === 0 ? <p className="muted">No invitations.</p> : null}
        {/* A long address breaks anywhere rather than widening a phone's page. */}
        <ul style={{ overflowWrap: "anywhere" }}>
          {invitations.map((i) => (
            <li key={i.id}>
              {i.email} as {i.role} — {i.status}
              {i.status === "pending" ? (
                <Form method="post" style={{ display: "inline", marginLeft: 8 }}>
                  <input type="hidden" name="intent" value="revoke-invitation" />
                  <input type="hidden" name="id" value={i.id} />
                  <button type="submit" className="button small" aria-label={`Revoke the invitation of ${i.email}`}>
                    Revoke
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
