/** Switch the active organization of this session (only to one the user belongs to). */
import type { ActionFunctionArgs } from "@remix-run/server-runtime";
import { redirect } from "@remix-run/server-runtime";
import { getAuth } from "@worker/auth/auth";
import { membershipRole } from "@worker/tenancy/tenants";
import { safeRedirect } from "../../components/safe-redirect";
import { invariantResponse } from "../../server/responses.server";
import { redirectWithCookies, requireUser } from "../../server/session.server";

export function loader() {
  throw redirect("/app/jobs");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  const form = await request.formData();
  const tenantId = String(form.get("tenantId") ?? "");
  invariantResponse(await membershipRole(env, tenantId, auth.userId), 404, "No such organization.");
  // Normalised first ("/app/..//evil.com" is "//evil.com"), then only pages of the app.
  const to = safeRedirect(form.get("redirectTo"), "/app/jobs");
  const res = await getAuth(env).api.setActiveOrganization({ body: { organizationId: tenantId }, headers: request.headers, asResponse: true });
  invariantResponse(res.ok, res.status, "Could not switch organization.");
  return redirectWithCookies(to === "/app" || to.startsWith("/app/") ? to : "/app/jobs", res);
}
