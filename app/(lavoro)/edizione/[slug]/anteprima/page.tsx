import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { EdizioneCompleta } from "@/app/_components/edition/EdizioneCompleta";
import { Impronta } from "@/app/_components/lifecycle/Impronta";
import { PassoEdizioneForm } from "@/app/_components/lifecycle/PassoEdizioneForm";
import { istantanea } from "@/lib/editions/lifecycle";
import { datiCongelati, edizioneDaSlug } from "@/lib/editions/queries";
import { ETICHETTE_STATO_EDIZIONE, transizioneEdizione } from "@/lib/workflow";
import { decidi, passiPossibili } from "@/lib/policy";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const ed = edizioneDaSlug(getDb(), (await params).slug);
  return { title: ed ? `Anteprima: ${ed.titolo}` : "Anteprima" };
}

/**
 * The whole edition assembled as it will be published: the live content while
 * it is prepared, the frozen snapshot once sent for signature. The Assessore
 * signs at the end of what they have read.
 */
export default async function Anteprima({ params }: { params: Promise<{ slug: string }> }) {
  const u = await richiediUtente();
  const db = getDb();
  const ed = edizioneDaSlug(db, (await params).slug);
  if (!ed) notFound();
  consentiOppure403(decidi(u.attore, "edizione.leggi", { stato: ed.stato }));
  const congelati = datiCongelati(ed);
  const dati = congelati ?? istantanea(db, ed).dati;
  // The signature form and "send back" follow the edition's transition table, as on the edition page.
  const possibili = passiPossibili(u.attore, ed);
  const puoFirmare = !!ed.sha256 && possibili.includes("firma");

  return (
    <>
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item"><Link href="/edizione">Edizioni</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item"><Link href={`/edizione/${ed.slug}`}>{ed.titolo}</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item active" aria-current="page">Anteprima</li>
        </ol>
      </nav>
      <h1 className="h2">{ed.titolo}{ed.correggeId && <> — revisione {ed.revisione}</>}</h1>
      <p className="lead">
        {ed.stato === "pubblicata"
          ? "Il testo pubblicato."
          : congelati
            ? <>Il testo congelato per la firma ({ETICHETTE_STATO_EDIZIONE[ed.stato].toLowerCase()}), impronta <Impronta sha256={ed.sha256!} />.</>
            : "Anteprima del contenuto attuale, comprese le sezioni non ancora approvate."}
        {puoFirmare && <> Il modulo di firma è <a href="#firma">in fondo al testo</a>.</>}
      </p>
      <EdizioneCompleta dati={dati} />
      {puoFirmare && (
        <section id="firma" aria-labelledby="firma-titolo" className="card card-bg senza-piede border border-primary my-5">
          <div className="card-body">
            <h2 id="firma-titolo" className="h4">Firma dell&apos;edizione</h2>
            <p>
              Firmi il testo che hai appena letto, identificato dall&apos;impronta <Impronta sha256={ed.sha256!} />. Se nel frattempo il testo cambiasse, la
              firma sarebbe rifiutata.
            </p>
            <PassoEdizioneForm passo="firma" etichetta={transizioneEdizione("firma").etichetta} editionId={ed.id} sha256={ed.sha256!} password principale dopo={`/edizione/${ed.slug}`} />
            {possibili.includes("rimanda") && (
              <>
                <hr />
                <PassoEdizioneForm passo="rimanda" etichetta={transizioneEdizione("rimanda").etichetta} editionId={ed.id} version={ed.version} motivo="Motivo per cui la rimandi" dopo={`/edizione/${ed.slug}`} />
              </>
            )}
          </div>
        </section>
      )}
    </>
  );
}
