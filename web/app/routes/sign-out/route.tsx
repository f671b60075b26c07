/** Sign out (POST only, from the app shell's button): ends the session and clears its cookie. */
import type { ActionFunctionArgs } from "@remix-run/server-runtime";
import { redirect } from "@remix-run/server-runtime";
import { getAuth } from "@worker/auth/auth";
import { redirectWithCookies } from "../../server/session.server";

export async function loader() {
  throw redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const res = await getAuth(context.cloudflare.env).api.signOut({ headers: request.headers, asResponse: true });
  return redirectWithCookies("/sign-in", res);
}
