import type { ReactNode } from "react";
import Link from "next/link";
import { getDb } from "@/db/client";
import { edizioniPubblicate, pubblicazione } from "@/lib/publication/queries";

/**
 * The public site: no session is read here or below, so the edition pages can
 * be served from the full-route cache. The Comune's name comes from the most
 * recent published edition (the open data carries it).
 */
function nomeEnte(): string | null {
  const db = getDb();
  const ultima = edizioniPubblicate(db)[0];
  return ultima ? (pubblicazione(db, ultima.slug)?.dati.ente.nome ?? null) : null;
}

export default function EdizioniLayout({ children }: { children: ReactNode }) {
  const ente = nomeEnte();
  return (
    <>
      <header className="it-header-wrapper">
        <div className="it-header-slim-wrapper">
          <div className="container">
            <div className="it-header-slim-wrapper-content">
              <span className="d-lg-block navbar-brand">{ente ?? "Il Comune"}</span>
              <div className="it-header-slim-right-zone">
                <Link href="/login" className="text-white small">Accesso per il personale</Link>
              </div>
            </div>
          </div>
        </div>
        <div className="it-header-center-wrapper">
          <div className="container">
            <div className="it-header-center-content-wrapper">
              <div className="it-brand-wrapper">
                <Link href="/edizioni">
                  <div className="it-brand-text">
                    <div className="it-brand-title">Bilancio Sociale</div>
                    <div className="it-brand-tagline d-none d-md-block">{ente ? `${ente} · ` : ""}le edizioni pubblicate</div>
                  </div>
                </Link>
              </div>
            </div>
          </div>
        </div>
      </header>
      <main id="contenuto" className="container my-4" tabIndex={-1}>
        {children}
      </main>
      <footer className="it-footer mt-5">
        <div className="it-footer-main">
          <div className="container py-4">
            <p className="text-white mb-2 fw-semibold">{ente ?? "Bilancio Sociale"}</p>
            <p className="text-white small mb-0">
              Ogni edizione pubblicata è firmata dall&apos;Assessore e non cambia più: le correzioni sono revisioni elencate nella pagina
              dell&apos;edizione. I dati sono scaricabili in formato aperto (JSON e CSV).
            </p>
          </div>
        </div>
        <div className="it-footer-small-prints clearfix">
          <div className="container">
            <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row py-3">
              <li className="list-inline-item"><Link href="/edizioni" className="text-white">Edizioni pubblicate</Link></li>
              <li className="list-inline-item"><Link href="/login" className="text-white">Accesso per il personale</Link></li>
            </ul>
          </div>
        </div>
      </footer>
    </>
  );
}
