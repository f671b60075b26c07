/** The frame around sign-in, sign-up and password pages: brand, a card, and links between them. */
import type { ReactNode } from "react";

export function AuthLayout({ title, children, footer }: { title: string; children: ReactNode; footer?: ReactNode }) {
  return (
    <>
      <header className="site-header">
        <a className="brand" href="/">
          Evolve
        </a>
      </header>
      <main className="page auth-page" id="main">
        <div className="card auth-card">
          <h1>{title}</h1>
          {children}
        </div>
        {footer ? <p className="auth-footer">{footer}</p> : null}
      </main>
    </>
  );
}
