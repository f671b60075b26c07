/**
 * Every path no other route matches: the designed 404 of the root ErrorBoundary (web/app/root.tsx).
 * Without this route an unknown path of two or more segments (/app/nothing/here) matched only the
 * root on the server, while the client, discovering routes lazily, also matched the partly fitting
 * route (app) and rendered other <link rel="modulepreload"> tags: React hydration errors #418/#423.
 * With it, server and client both match root + this route (e2e/pages.e2e.ts).
 */
import { data } from "@remix-run/server-runtime";

export async function loader(): Promise<never> {
  throw data("Not found", { status: 404, statusText: "Not Found" });
}

/** A form posted to an unknown path is a 404 too (not 405: there is no page here at all). */
export async function action(): Promise<never> {
  throw data("Not found", { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
