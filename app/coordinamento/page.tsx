import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { SectionTable } from "@/app/_components/SectionTable";
import { StatoRiepilogo } from "@/app/_components/StatoRiepilogo";
import { ETICHETTE_STATO_EDIZIONE, edizioneCorrente, sezioniEdizione } from "@/lib/editions/queries";
import { decidi } from "@/lib/policy";

export const metadata: Metadata = { title: "Coordinamento" };

export default async function Coordinamento() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "coordinamento.accedi"));
  const db = getDb();
  const ed = edizioneCorrente(db);
  if (!ed) return <p>Nessuna edizione presente.</p>;
  const sezioni = sezioniEdizione(db, ed.id);
  return (
    <>
      <h1 className="h2">{ed.titolo}</h1>
      <p className="lead">Stato dell&apos;edizione: {ETICHETTE_STATO_EDIZIONE[ed.stato]} · {sezioni.length} sezioni</p>
      <StatoRiepilogo sezioni={sezioni} />
      <SectionTable sezioni={sezioni} />
    </>
  );
}
