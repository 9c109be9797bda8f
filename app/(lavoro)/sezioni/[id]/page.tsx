import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { SezioneContent } from "@/app/_components/report/SezioneContent";
import { StatoBadge } from "@/app/_components/StatoBadge";
import { CommentiPanel } from "@/app/_components/review/CommentiPanel";
import { StoricoDecisioni } from "@/app/_components/review/StoricoDecisioni";
import { commentiSezione, decisioniSezione } from "@/lib/review/queries";
import { caricaSezione } from "@/lib/sections/queries";
import { formatData } from "@/lib/numbers/format";
import { decidi, risorsaSezione } from "@/lib/policy";

export const metadata: Metadata = { title: "Sezione" };

/** A section as the published report will show it, for everyone the policy lets read it. */
export default async function SezionePage({ params }: { params: Promise<{ id: string }> }) {
  const u = await richiediUtente();
  const id = Number((await params).id);
  const s = Number.isInteger(id) ? caricaSezione(getDb(), id) : null;
  if (!s) notFound();
  const risorsa = risorsaSezione(s, s.edizione);
  consentiOppure403(decidi(u.attore, "sezione.leggi", risorsa));
  const modificabile = decidi(u.attore, "sezione.modifica", risorsa).consentito;
  const daRivedere = s.stato === "inviata" && decidi(u.attore, "sezione.approva", risorsa).consentito;
  const riapribile = decidi(u.attore, "sezione.riapri", risorsa).consentito;
  return (
    <article>
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          {[s.edizione.titolo, s.parteTitolo, s.area && `${s.area.numero}. ${s.area.titolo}`]
            .filter((x): x is string => !!x)
            .map((voce, i, tutte) => (
              <li key={voce} className="breadcrumb-item">
                {voce}
                {i < tutte.length - 1 && <span className="separator">/</span>}
              </li>
            ))}
        </ol>
      </nav>
      <div className="d-flex flex-wrap justify-content-between align-items-baseline gap-2">
        <h1 className="h2">{s.titolo}</h1>
        <div className="d-flex gap-3">
          {modificabile && <Link className="btn btn-primary btn-sm" href={`/sezioni/${s.id}/modifica`}>Modifica</Link>}
          {daRivedere && <Link className="btn btn-primary btn-sm" href={`/revisione/${s.id}`}>Rivedi</Link>}
          {riapribile && <Link className="btn btn-outline-primary btn-sm" href={`/revisione/${s.id}`}>Riapri…</Link>}
          <Link href={`/sezioni/${s.id}/cronologia`}>Cronologia</Link>
        </div>
      </div>
      <p>
        <StatoBadge stato={s.stato} /> · {s.settoreNome}
        {s.scadenza && <> · scadenza {formatData(s.scadenza)}</>}
      </p>
      {s.ambito && (
        <div className="callout mb-4">
          <div className="callout-title">Obiettivo</div>
          <p>{s.ambito.obiettivo}</p>
          <p className="small mb-0">
            Settori: {s.ambito.settori.join(", ")}
            {s.ambito.assessori.length > 0 && <> · Assessori: {s.ambito.assessori.join(", ")}</>}
          </p>
        </div>
      )}
      {s.stato === "inviata" && !daRivedere && <p className="alert alert-info">La sezione è in revisione presso il coordinamento: non si può modificare finché non torna al settore.</p>}
      {s.blocchi.length === 0 ? <p className="text-muted">La sezione non ha ancora contenuti.</p> : <SezioneContent blocchi={s.blocchi} />}
      <div className="border-top mt-5 pt-4">
        <StoricoDecisioni decisioni={decisioniSezione(getDb(), s.id)} />
        <CommentiPanel sectionId={s.id} commenti={commentiSezione(getDb(), s.id)} blocchi={s.blocchi} puoCommentare={decidi(u.attore, "sezione.commenta", risorsa).consentito} />
      </div>
    </article>
  );
}
