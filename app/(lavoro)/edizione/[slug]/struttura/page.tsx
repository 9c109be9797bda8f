import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { settoriAttivi } from "@/lib/admin/queries";
import { edizioneDaSlug, strutturaEdizione } from "@/lib/editions/queries";
import { decidi } from "@/lib/policy";
import { ETICHETTE_STATO_EDIZIONE } from "@/lib/workflow";
import { StrutturaEditor } from "./StrutturaEditor";

export const metadata: Metadata = { title: "Struttura dell'edizione" };

/** The coordinatore's structure editor: parts, areas, ambiti and pages of an edition in preparation. */
export default async function StrutturaPage({ params }: { params: Promise<{ slug: string }> }) {
  const u = await richiediUtente();
  const db = getDb();
  const ed = edizioneDaSlug(db, (await params).slug);
  if (!ed) notFound();
  // The role decides who sees the page; the state decides whether it can be changed.
  consentiOppure403(decidi(u.attore, "edizioni.gestisci"));
  const stato = decidi(u.attore, "edizione.configura", { stato: ed.stato });
  const albero = strutturaEdizione(db, ed.id);
  return (
    <>
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item"><Link href="/edizione">Edizioni</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item"><Link href={`/edizione/${ed.slug}`}>{ed.titolo}</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item active" aria-current="page">Struttura</li>
        </ol>
      </nav>
      <h1 className="h2">Struttura di «{ed.titolo}»</h1>
      <p className="lead">
        Stato: {ETICHETTE_STATO_EDIZIONE[ed.stato]} · <Link href={`/edizione/${ed.slug}/assegnazioni`}>Assegnazioni e scadenze</Link> · <Link href={`/edizione/${ed.slug}/struttura/rimosse`}>Sezioni rimosse</Link>
      </p>
      {stato.consentito ? (
        <details className="mb-4">
          <summary className="fw-semibold">Come funziona</summary>
          <ul className="mt-2 small">
            <li>Una <strong>pagina</strong> sta direttamente in una parte (come «Conosci la tua città»); un <strong>ambito</strong> sta in un&apos;area e ha obiettivo, settori e assessori. Ognuno è una sezione, scritta da un settore.</li>
            <li>«Sposta su» e «Sposta giù» cambiano l&apos;ordine del rapporto; il fuoco resta sul pulsante dell&apos;elemento spostato.</li>
            <li>Rimuovere una pagina o un ambito che ha contenuti chiede conferma; il contenuto e tutte le sue revisioni restano nell&apos;archivio delle sezioni rimosse.</li>
            <li>Una parte o un&apos;area si rimuovono solo vuote: togli prima quello che contengono, una cosa alla volta, così nulla sparisce per un clic.</li>
          </ul>
        </details>
      ) : (
        <div className="alert alert-info" role="status">{stato.motivo} La struttura si può solo leggere.</div>
      )}
      <StrutturaEditor editionId={ed.id} albero={albero} settori={settoriAttivi(db)} modificabile={stato.consentito} />
    </>
  );
}
