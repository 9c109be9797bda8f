import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { SezioneContent } from "@/app/_components/report/SezioneContent";
import { CommentiPanel } from "@/app/_components/review/CommentiPanel";
import { StoricoDecisioni } from "@/app/_components/review/StoricoDecisioni";
import { DecisionePanel } from "@/app/_components/review/DecisionePanel";
import { DiffView } from "@/app/_components/review/DiffView";
import { StatoBadge } from "@/app/_components/StatoBadge";
import { diffSezione } from "@/lib/diff";
import { caricaSezione } from "@/lib/sections/queries";
import { formatData } from "@/lib/numbers/format";
import { decidi, risorsaSezione, azioniPossibili } from "@/lib/policy";
import { baseConfronto } from "@/lib/review/queries";
import { commentiSezione, decisioniSezione } from "@/lib/review/queries";

export const metadata: Metadata = { title: "Revisione della sezione" };

export default async function RevisionePagina({ params }: { params: Promise<{ id: string }> }) {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "coordinamento.accedi"));
  const db = getDb();
  const s = caricaSezione(db, Number((await params).id));
  if (!s) notFound();
  const risorsa = risorsaSezione(s, s.edizione);
  consentiOppure403(decidi(u.attore, "sezione.leggi", risorsa));
  const base = baseConfronto(db, s.id);
  const voci = base ? diffSezione(base.contenuto, s.blocchi.map((b) => b.dati)) : null;
  return (
    <>
      <p><Link href="/revisione">← Sezioni da rivedere</Link></p>
      <h1 className="h2">Revisione: {s.titolo}</h1>
      <p>
        <StatoBadge stato={s.stato} /> · {s.settoreNome}
        {s.area && <> · {s.area.numero}. {s.area.titolo}</>}
        {s.scadenza && <> · scadenza {formatData(s.scadenza)}</>}
      </p>
      <DecisionePanel sectionId={s.id} version={s.version} azioni={azioniPossibili(u.attore, risorsa)} />
      {voci && base && (
        <section className="mb-5">
          <DiffView voci={voci} etichettaPrima={base.etichetta} />
        </section>
      )}
      <CommentiPanel sectionId={s.id} commenti={commentiSezione(db, s.id)} blocchi={s.blocchi} puoCommentare={decidi(u.attore, "sezione.commenta", risorsa).consentito} />
      <StoricoDecisioni decisioni={decisioniSezione(db, s.id)} />
      <section aria-labelledby="anteprima-titolo" className="border-top pt-4">
        <h2 id="anteprima-titolo" className="h4">La sezione come sarà pubblicata</h2>
        {s.ambito && <p><strong>Obiettivo:</strong> {s.ambito.obiettivo}</p>}
        <SezioneContent blocchi={s.blocchi} />
      </section>
    </>
  );
}
