import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { SezioneEditor } from "@/app/_components/editor/SezioneEditor";
import { CommentiPanel } from "@/app/_components/review/CommentiPanel";
import { DecisionePanel } from "@/app/_components/review/DecisionePanel";
import { etichettaCampo } from "@/lib/review/fields";
import { commentiSezione } from "@/lib/review/queries";
import { azioniPossibili, decidi, risorsaSezione } from "@/lib/policy";
import { StatoBadge } from "@/app/_components/StatoBadge";
import { caricaSezione } from "@/lib/sections/queries";
import { VoceCittadini } from "@/app/_components/ascolto/VoceCittadini";
import { voceCittadiniSezione } from "@/lib/ascolto/queries";

export const metadata: Metadata = { title: "Modifica sezione" };

export default async function ModificaSezione({ params }: { params: Promise<{ id: string }> }) {
  const u = await richiediUtente();
  const id = Number((await params).id);
  const s = Number.isInteger(id) ? caricaSezione(getDb(), id) : null;
  if (!s) notFound();
  const risorsa = risorsaSezione(s, s.edizione);
  consentiOppure403(decidi(u.attore, "sezione.modifica", risorsa));
  const commenti = commentiSezione(getDb(), s.id);
  // Open comments appear beside the field they are about, in every block's form.
  const commentiPerBlocco: Record<number, Record<string, string>> = {};
  for (const c of commenti.filter((x) => !x.risolto && x.blockId)) {
    const tipo = s.blocchi.find((b) => b.id === c.blockId)?.dati.tipo;
    if (!tipo) continue;
    const ultimo = c.risposte.at(-1) ?? c;
    (commentiPerBlocco[c.blockId!] ??= {})[c.campo ?? "blocco"] = `Commento di ${c.autore} su «${etichettaCampo(tipo, c.campo)}»: ${c.testo}${ultimo !== c ? ` — ultima risposta di ${ultimo.autore}: ${ultimo.testo}` : ""}`;
  }
  // Carried forward from a published edition: what citizens said there about this same ambito.
  const voce = voceCittadiniSezione(getDb(), s.id);
  return (
    <>
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item"><Link href={`/sezioni/${s.id}`}>{s.titolo}</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item active" aria-current="page">Modifica</li>
        </ol>
      </nav>
      <div className="d-flex flex-wrap justify-content-between align-items-baseline gap-2">
        <h1 className="h2">{s.titolo}</h1>
        <div className="d-flex gap-3">
          <Link href={`/sezioni/${s.id}`}>Anteprima</Link>
          <Link href={`/sezioni/${s.id}/importa`}>Importa da foglio di calcolo</Link>
          <Link href={`/sezioni/${s.id}/cronologia`}>Cronologia</Link>
        </div>
      </div>
      <p>
        <StatoBadge stato={s.stato} /> · {s.settoreNome} · Le modifiche si salvano da sole mentre scrivi.
      </p>
      {voce && <VoceCittadini voce={voce} />}
      <DecisionePanel sectionId={s.id} version={s.version} azioni={azioniPossibili(u.attore, risorsa)} dopo={`/sezioni/${s.id}`} />
      <SezioneEditor
        commenti={commentiPerBlocco}
        sectionId={s.id}
        userId={u.id}
        anni={{ annoInizio: s.edizione.annoInizio, annoFine: s.edizione.annoFine }}
        loginUrl={`/login?callbackUrl=${encodeURIComponent(`/sezioni/${s.id}/modifica`)}`}
        blocchiIniziali={s.blocchi.map((b) => ({ id: b.id, version: b.version, dati: b.dati, salvatoIl: b.salvatoIl, autore: b.autore }))}
      />
      <CommentiPanel sectionId={s.id} commenti={commenti} blocchi={s.blocchi} puoCommentare={decidi(u.attore, "sezione.commenta", risorsa).consentito} />
    </>
  );
}
