import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { SezioneContent } from "@/app/_components/report/SezioneContent";
import { edizioneDaSlug, sezioniRimosse } from "@/lib/editions/queries";
import { formatDataOra } from "@/lib/numbers/format";
import { decidi } from "@/lib/policy";

export const metadata: Metadata = { title: "Sezioni rimosse" };

/**
 * The archive of the pages and ambiti removed from an edition's structure: what each
 * held when it was removed, and its revisions, readable without anyone at the database.
 */
export default async function SezioniRimossePage({ params }: { params: Promise<{ slug: string }> }) {
  const u = await richiediUtente();
  const db = getDb();
  const ed = edizioneDaSlug(db, (await params).slug);
  if (!ed) notFound();
  consentiOppure403(decidi(u.attore, "edizioni.gestisci"));
  const rimosse = sezioniRimosse(db, ed.id);
  return (
    <>
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item"><Link href="/edizione">Edizioni</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item"><Link href={`/edizione/${ed.slug}`}>{ed.titolo}</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item"><Link href={`/edizione/${ed.slug}/struttura`}>Struttura</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item active" aria-current="page">Sezioni rimosse</li>
        </ol>
      </nav>
      <h1 className="h2">Sezioni rimosse da «{ed.titolo}»</h1>
      <p className="lead">
        Quando si rimuove una pagina o un ambito, il suo contenuto e tutte le sue revisioni restano qui, in sola lettura. Per riusarli, copia i dati
        in una sezione della struttura.
      </p>
      {rimosse.length === 0 ? (
        <p>Nessuna sezione è stata rimossa da questa edizione.</p>
      ) : (
        rimosse.map((r) => (
          <section key={r.id} className="card card-bg senza-piede mb-4" aria-labelledby={`rimossa-${r.id}`}>
            <div className="card-body">
              <h2 id={`rimossa-${r.id}`} className="h4">{r.titolo}</h2>
              <p className="small mb-2">
                Codice {r.codice} · {r.settore} · rimossa il {formatDataOra(r.rimossaIl)}{r.rimossaDa ? ` da ${r.rimossaDa}` : ""} ·{" "}
                {r.blocchi.length === 1 ? "1 blocco" : `${r.blocchi.length} blocchi`}
                {r.illeggibili > 0 ? ` (più ${r.illeggibili} non più leggibili con il formato attuale)` : ""}
              </p>
              {r.revisioni.length > 0 && (
                <details className="mb-3">
                  <summary>Revisioni ({r.revisioni.length})</summary>
                  <ul className="small mt-2">
                    {r.revisioni.map((v) => (
                      <li key={v.numero}>
                        Revisione {v.numero} · {formatDataOra(v.createdAt)} · {v.motivo} · {v.blocchi === 1 ? "1 blocco" : `${v.blocchi} blocchi`}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              {r.blocchi.length > 0 ? (
                <details>
                  <summary>Contenuto al momento della rimozione</summary>
                  <div className="mt-3">
                    <SezioneContent blocchi={r.blocchi} prefissoId={`rimossa-${r.id}-blocco-`} />
                  </div>
                </details>
              ) : (
                <p className="small text-muted mb-0">Era vuota.</p>
              )}
            </div>
          </section>
        ))
      )}
    </>
  );
}
