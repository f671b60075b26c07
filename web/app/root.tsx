import type { LinksFunction } from "@remix-run/server-runtime";
import type { MetaFunction } from "@remix-run/react";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import stylesheet from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
];

/** Titles of the error pages (a route's own meta names its page otherwise). */
export const meta: MetaFunction = ({ error }) => {
  if (!error) return [];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return [{ title: `${status === 404 ? "Page not found" : status >= 500 ? "Something went wrong" : `Error ${status}`} · Evolve` }];
};

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/**
 * The 404 and 500 pages: the site's header, a plain explanation and ways on. Router messages
 * ("No route matches URL …") and server errors are never shown; a service's own 4xx message is.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const notFound = status === 404;
  const own = isRouteErrorResponse(error) && typeof error.data === "string" && !/^Error: No route matches/.test(error.data) ? error.data : null;
  const heading = notFound ? "Page not found" : status >= 500 ? "Something went wrong" : `Error ${status}`;
  const text = notFound
    ? "There is no page at this address. It may have moved, or the link may be mistyped."
    : status >= 500
      ? "An unexpected error occurred on our side. Please try again in a moment."
      : (own ?? "This request could not be completed.");
  return (
    <>
      <header className="site-header">
        <a className="brand" href="/">
          Evolve
        </a>
        <nav className="nav" aria-label="Site">
          <a className="button" href="/app/jobs">
            Your jobs
          </a>
          <a className="button" href="/pricing">
            Pricing
          </a>
        </nav>
      </header>
      <main className="page narrow">
        <p className="muted">Error {status}</p>
        <h1>{heading}</h1>
        <p>{text}</p>
        <p>
          <a href="/">Start page</a> · <a href="/app/jobs">Your jobs</a> · <a href="/v1/docs">API reference</a>
        </p>
      </main>
    </>
  );
}
