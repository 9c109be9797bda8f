import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { sezioniSenzaReferente } from "@/lib/editions/queries";
import { sezioniEdizione } from "@/lib/sections/queries";
import { edizioneDaSlug } from "@/lib/editions/queries";
import { settoriAttivi } from "@/lib/admin/queries";
import { decidi } from "@/lib/policy";
import { ETICHETTE_STATO_EDIZIONE } from "@/lib/workflow";
import { AssegnazioniModulo } from "./AssegnazioniModulo";

export const metadata: Metadata = { title: "Assegnazioni e scadenze" };

/** Owner settore and deadline of every section of an edition, one by one or in bulk. */
export default async function AssegnazioniPage({ params }: { params: Promise<{ slug: string }> }) {
  const u = await richiediUtente();
  const db = getDb();
  const ed = edizioneDaSlug(db, (await params).slug);
  if (!ed) notFound();
  // The role decides who sees the page; the edition's state, whether it can be changed
  // (each section's assignment is then decided again, section by section, by the service).
  consentiOppure403(decidi(u.attore, "edizioni.gestisci"));
  const stato = decidi(u.attore, "edizione.configura", ed);
  const righe = sezioniEdizione(db, ed.id);
  const senza = stato.consentito ? sezioniSenzaReferente(db, ed.id) : [];
  return (
    <>
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item"><Link href="/edizione">Edizioni</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item"><Link href={`/edizione/${ed.slug}`}>{ed.titolo}</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item active" aria-current="page">Assegnazioni e scadenze</li>
        </ol>
      </nav>
      <h1 className="h2">Assegnazioni e scadenze di «{ed.titolo}»</h1>
      <p className="lead">
        Stato: {ETICHETTE_STATO_EDIZIONE[ed.stato]} · {righe.length} sezioni · <Link href={`/edizione/${ed.slug}/struttura`}>Struttura</Link>
      </p>
      {!stato.consentito && <div className="alert alert-info" role="status">{stato.motivo} Assegnazioni e scadenze si possono solo leggere.</div>}
      {senza.length > 0 && (
        <div className="callout warning">
          <div className="callout-title">Settori senza un referente attivo</div>
          <p className="mb-1">Nessuno può scrivere le sezioni di questi settori: assegnale a un altro settore o chiedi all&apos;amministratore di invitare un referente.</p>
          <ul className="mb-0 small">
            {senza.map((g) => (
              <li key={g.settoreId}>
                {g.settoreNome}{!g.attivo && " (non attivo)"}: {g.sezioni.map((s) => s.titolo).join(", ")}
              </li>
            ))}
          </ul>
        </div>
      )}
      {righe.length === 0 ? (
        <p>
          L&apos;edizione non ha ancora sezioni: aggiungile nella <Link href={`/edizione/${ed.slug}/struttura`}>struttura</Link>.
        </p>
      ) : (
        <AssegnazioniModulo editionId={ed.id} righe={righe} settori={settoriAttivi(db)} modificabile={stato.consentito} />
      )}
    </>
  );
}
