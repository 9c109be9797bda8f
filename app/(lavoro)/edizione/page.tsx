import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { SectionTable } from "@/app/_components/SectionTable";
import { StatoRiepilogo } from "@/app/_components/StatoRiepilogo";
import { ETICHETTE_STATO_EDIZIONE, edizioneCorrente, sezioniEdizione } from "@/lib/editions/queries";
import { decidi } from "@/lib/policy";

export const metadata: Metadata = { title: "Edizione" };

/** The whole edition, read-only: the Assessore's and the Giunta's view of the work in progress. */
export default async function Edizione() {
  const u = await richiediUtente();
  const db = getDb();
  const ed = edizioneCorrente(db);
  consentiOppure403(decidi(u.attore, "edizione.leggi", { stato: ed?.stato ?? "in_preparazione" }));
  if (!ed) return <p>Nessuna edizione presente.</p>;
  const sezioni = sezioniEdizione(db, ed.id);
  return (
    <>
      <h1 className="h2">{ed.titolo}</h1>
      <p className="lead">Anteprima in sola lettura · {ETICHETTE_STATO_EDIZIONE[ed.stato]}</p>
      <StatoRiepilogo sezioni={sezioni} />
      <SectionTable sezioni={sezioni} />
    </>
  );
}
