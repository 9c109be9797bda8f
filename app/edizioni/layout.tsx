import type { ReactNode } from "react";
import Link from "next/link";
import { getDb } from "@/db/client";
import { IntestazioneSito } from "@/app/_components/IntestazioneSito";
import { AvvisoPubblicata } from "@/app/_components/lifecycle/AvvisoPubblicata";
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
      <IntestazioneSito
        ente={ente ?? "Il Comune"}
        href="/edizioni"
        tagline={`${ente ? `${ente} · ` : ""}le edizioni pubblicate`}
        destra={<Link href="/login" className="text-white small">Accesso per il personale</Link>}
      />
      <main id="contenuto" className="container my-4" tabIndex={-1}>
        <AvvisoPubblicata />
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
