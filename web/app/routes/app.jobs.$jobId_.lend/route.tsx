/**
 * /app/jobs/<id>/lend — resource route (JSON) behind the job page's lend panel
 * (web/app/contribute/lend-panel.tsx): whether the job takes contributors, a fresh join link and
 * the metering per contributor. Signed-in members of the job's tenant only.
 */
import type { LoaderFunctionArgs } from "@remix-run/server-runtime";
import { lendStateForPage } from "../../server/contribute.server";
import { callService } from "../../server/responses.server";
import { requireUser } from "../../server/session.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  const state = await callService(() => lendStateForPage(env, auth.tenantId, params.jobId ?? "", request));
  return Response.json(state, { headers: { "cache-control": "no-store" } });
}
