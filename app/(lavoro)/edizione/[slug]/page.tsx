import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { Impronta } from "@/app/_components/lifecycle/Impronta";
import { PassoEdizioneForm } from "@/app/_components/lifecycle/PassoEdizioneForm";
import { NuovaEdizioneForm } from "@/app/_components/lifecycle/NuovaEdizioneForm";
import { SezioniTable } from "@/app/_components/SezioniTable";
import { StatoRiepilogo } from "@/app/_components/StatoRiepilogo";
import { slugPubblico } from "@/lib/editions/lifecycle";
import { edizioneDaSlug, firmaEdizione, passiEdizione } from "@/lib/editions/queries";
import { etichettaAzione } from "@/lib/audit/vocabolario";
import { sezioniEdizione } from "@/lib/sections/queries";
import { ETICHETTE_STATO_EDIZIONE, transizioneEdizione, type PassoEdizione } from "@/lib/workflow";
import { formatDataOra } from "@/lib/numbers/format";
import { statoFileSito } from "@/lib/sito/queries";
import { FileSito } from "./FileSito";
import { decidi, passiPossibili, type AzioneEdizione } from "@/lib/policy";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const ed = edizioneDaSlug(getDb(), (await params).slug);
  return { title: ed ? ed.titolo : "Edizione" };
}

/**
 * One edition at work: where it stands (in preparazione → in firma → firmata →
 * pubblicata), the step each role can take now, its sections and its history.
 * The whole text, and the signature form, are on the preview page.
 */
export default async function EdizionePage({ params }: { params: Promise<{ slug: string }> }) {
  const u = await richiediUtente();
  const db = getDb();
  const ed = edizioneDaSlug(db, (await params).slug);
  if (!ed) notFound();
  consentiOppure403(decidi(u.attore, "edizione.leggi", { stato: ed.stato }));
  const puo = (azione: AzioneEdizione) => decidi(u.attore, azione, { stato: ed.stato }).consentito;

  const sezioni = sezioniEdizione(db, ed.id);
  const mancanti = sezioni.filter((s) => s.stato !== "approvata").length;
  const firma = ed.stato === "firmata" || ed.stato === "pubblicata" ? firmaEdizione(db, ed) : undefined;
  const passi = passiEdizione(db, ed.id);
  const ultimoRimando = ed.stato === "in_preparazione" ? passi.find((p) => p.azione === "edizione.rimanda" || p.azione === "edizione.ritira") : undefined;
  const pubblico = slugPubblico(db, ed);
  const possibili = passiPossibili(u.attore, ed);

  /** The button of each lifecycle step this person may take now; which ones is decided by the table in lib/workflow.ts. */
  const pulsante = (passo: PassoEdizione) => {
    const t = transizioneEdizione(passo);
    switch (passo) {
      case "invia_firma":
        return (
          <PassoEdizioneForm
            key={passo}
            passo={passo}
            etichetta={t.etichetta}
            editionId={ed.id}
            version={ed.version}
            principale
            disabilitato={mancanti > 0 ? `Non ancora: ${mancanti === 1 ? "manca 1 sezione approvata" : `mancano ${mancanti} sezioni approvate`}.` : undefined}
          />
        );
      case "firma":
        return (
          <p key={passo}>
            <Link className="btn btn-primary" href={`/edizione/${ed.slug}/anteprima`}>Leggi e firma</Link>
            <span className="ms-2">Firmando dichiari di approvare esattamente il testo che leggi, identificato dalla sua impronta.</span>
          </p>
        );
      case "rimanda":
        // Sent back from the end of the text, beside the signature form.
        return null;
      case "ritira":
        return <PassoEdizioneForm key={passo} passo={passo} etichetta={t.etichetta} editionId={ed.id} version={ed.version} motivo="Motivo del ritiro" />;
      case "pubblica":
        return (
          <PassoEdizioneForm
            key={passo}
            passo={passo}
            etichetta={ed.revisione > 1 ? `Pubblica la revisione ${ed.revisione}` : "Pubblica l'edizione"}
            editionId={ed.id}
            version={ed.version}
            principale
          />
        );
    }
  };

  return (
    <>
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item"><Link href="/edizione">Edizioni</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item active" aria-current="page">{ed.titolo}</li>
        </ol>
      </nav>
      <h1 className="h2">
        {ed.titolo}
        {ed.correggeId && <> — correzione (revisione {ed.revisione})</>}
      </h1>
      <p className="lead">
        Stato: <strong>{ETICHETTE_STATO_EDIZIONE[ed.stato]}</strong> · {ed.annoInizio}–{ed.annoFine} ·{" "}
        <Link href={`/edizione/${ed.slug}/anteprima`}>{ed.stato === "pubblicata" ? "Leggi il testo pubblicato" : ed.datiJson ? "Leggi il testo congelato" : "Anteprima dell'edizione completa"}</Link>
        {puo("edizione.configura") && (
          <>
            {" · "}<Link href={`/edizione/${ed.slug}/struttura`}>Struttura</Link>
            {" · "}<Link href={`/edizione/${ed.slug}/assegnazioni`}>Assegnazioni e scadenze</Link>
          </>
        )}
      </p>
      {ed.correggeId && ed.modifiche && (
        <div className="callout">
          <div className="callout-title">Motivo della correzione</div>
          <p className="mb-0">{ed.modifiche}</p>
        </div>
      )}

      <section aria-labelledby="passo-titolo" className="card card-bg senza-piede border mb-4">
        <div className="card-body">
          <h2 id="passo-titolo" className="h4">Firma e pubblicazione</h2>

          {ed.stato === "in_preparazione" && (
            <>
              {ultimoRimando && (
                <div className="alert alert-warning">
                  {etichettaAzione(ultimoRimando.azione)} da {ultimoRimando.chi} il {formatDataOra(ultimoRimando.quando)}. Motivo: {ultimoRimando.motivo}
                </div>
              )}
              <p>
                Quando tutte le sezioni sono approvate, il coordinamento congela il testo e lo invia all&apos;Assessore per la firma.
              </p>
            </>
          )}

          {ed.stato === "in_firma" && ed.sha256 && (
            <>
              <p>
                Il testo è congelato e attende la firma dell&apos;Assessore. Impronta SHA-256 del contenuto: <Impronta sha256={ed.sha256} />
              </p>
            </>
          )}

          {ed.stato === "firmata" && firma && (
            <>
              <p>
                Firmata da <strong>{firma.nome}</strong> il {formatDataOra(firma.firmataIl)}. Impronta firmata: <Impronta sha256={firma.sha256} />
              </p>
            </>
          )}

          {possibili.map(pulsante)}

          {ed.stato === "pubblicata" && (
            <>
              <p>
                Pubblicata e non più modificabile: <Link href={`/edizioni/${pubblico}`}>leggi l&apos;edizione pubblica</Link> ·{" "}
                <Link href={`/edizioni/${pubblico}/integrita`}>verifica l&apos;integrità</Link>.
                {firma && <> Firmata da {firma.nome} il {formatDataOra(firma.firmataIl)}.</>}
              </p>
              {pubblico && <FileSito stato={statoFileSito(db, ed.correggeId ?? ed.id, ed.revisione)} slug={pubblico} revisione={ed.revisione} />}
              {!ed.correggeId && puo("edizione.errata") && (
                <details className="mb-3">
                  <summary className="fw-semibold">Correggi un errore (errata)</summary>
                  <p className="mt-2">
                    La correzione parte dall&apos;ultima revisione pubblicata, con tutte le sezioni approvate: riapri solo quelle da correggere.
                    Dopo revisione e firma sarà pubblicata come nuova revisione, con il motivo nell&apos;elenco degli errata.
                  </p>
                  <PassoEdizioneForm passo="errata" etichetta="Avvia la correzione" slug={ed.slug} motivo="Che cosa si corregge e perché (sarà pubblicato)" />
                </details>
              )}
              {!ed.correggeId && puo("edizione.nuova") && (
                <details className="mb-3">
                  <summary className="fw-semibold">Prepara la prossima edizione</summary>
                  <NuovaEdizioneForm da={ed.slug} annoFine={ed.annoFine} />
                </details>
              )}
            </>
          )}
        </div>
      </section>

      {ed.stato === "in_preparazione" && (
        <section aria-labelledby="sezioni-titolo" className="mb-5">
          <h2 id="sezioni-titolo" className="h4">Sezioni</h2>
          <StatoRiepilogo sezioni={sezioni} />
          <SezioniTable sezioni={sezioni} />
        </section>
      )}

      {passi.length > 0 && (
        <section aria-labelledby="passi-titolo" className="mb-4">
          <h2 id="passi-titolo" className="h4">Storia dell&apos;edizione</h2>
          <ul>
            {passi.map((p, i) => (
              <li key={i}>
                {formatDataOra(p.quando)} · {etichettaAzione(p.azione)}
                {p.chi && <> · {p.chi}</>}
                {p.motivo && <> · «{p.motivo}»</>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
