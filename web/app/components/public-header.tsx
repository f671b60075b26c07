import type { ReactNode } from "react";

/**
 * The header of the public pages (start page, price list): the brand, then the account links —
 * "Open your jobs" for a signed-in visitor, sign-in and sign-up otherwise. `children` are extra
 * links placed before them (e.g. Pricing, or Your plan).
 */
export function PublicHeader({ signedIn, children }: { signedIn: boolean; children?: ReactNode }) {
  return (
    <header className="site-header">
      <a className="brand" href="/">
        Evolve
      </a>
      <nav className="nav" aria-label="Account">
        {children}
        {signedIn ? (
          <a className="button primary" href="/app/jobs">
            Open your jobs
          </a>
        ) : (
          <>
            <a className="button" href="/sign-in">
              Sign in
            </a>
            <a className="button primary" href="/sign-up">
              Sign up free
            </a>
          </>
        )}
      </nav>
    </header>
  );
}
