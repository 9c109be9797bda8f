import Link from "next/link";
import type { ReactNode } from "react";

/** The Bootstrap Italia header shared by the working app and the public site: the Comune above, the brand below. */
export function IntestazioneSito({ ente, href, tagline, destra, children }: { ente: string; href: string; tagline: string; destra?: ReactNode; children?: ReactNode }) {
  return (
    <header className="it-header-wrapper">
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="it-header-slim-wrapper-content">
            <span className="d-lg-block navbar-brand">{ente}</span>
            {destra && <div className="it-header-slim-right-zone gap-3">{destra}</div>}
          </div>
        </div>
      </div>
      <div className="it-header-center-wrapper">
        <div className="container">
          <div className="it-header-center-content-wrapper">
            <div className="it-brand-wrapper">
              <Link href={href}>
                <div className="it-brand-text">
                  <div className="it-brand-title">Bilancio Sociale</div>
                  <div className="it-brand-tagline d-none d-md-block">{tagline}</div>
                </div>
              </Link>
            </div>
          </div>
        </div>
      </div>
      {children}
    </header>
  );
}
