import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { SezioniTable } from "@/app/_components/SezioniTable";
import { edizioniInLavorazione } from "@/lib/editions/queries";
import { sezioniEdizione } from "@/lib/sections/queries";
import { ETICHETTE_STATO_EDIZIONE } from "@/lib/workflow";
import { decidi } from "@/lib/policy";

export const metadata: Metadata = { title: "Il mio settore" };

/** The referente's sections in every edition still being worked on (the next edition, a correction of a published one). */
export default async function Settore() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "settore.lavora"));
  const db = getDb();
  const mieiSettori = u.ruoli.filter((r) => r.ruolo === "referente" && r.settoreId !== null);
  const edizioni = edizioniInLavorazione(db)
    .map((ed) => ({ ed, sezioni: sezioniEdizione(db, ed.id, mieiSettori.map((r) => r.settoreId as number)) }))
    .filter((x) => x.sezioni.length > 0);
  return (
    <>
      <h1 className="h2">Le sezioni del tuo settore</h1>
      <p className="lead">{mieiSettori.map((r) => r.settoreNome).join(", ")}</p>
      {edizioni.length === 0 && <p>Al tuo settore non è assegnata nessuna sezione nelle edizioni in lavorazione.</p>}
      {edizioni.map(({ ed, sezioni }) => (
        <section key={ed.id} aria-labelledby={`edizione-${ed.id}`} className="mb-5">
          <h2 id={`edizione-${ed.id}`} className="h4">
            {ed.titolo}
            {ed.correggeId && <> — correzione (revisione {ed.revisione})</>}
            <span className="small fw-normal"> · {ETICHETTE_STATO_EDIZIONE[ed.stato]}</span>
          </h2>
          <SezioniTable sezioni={sezioni} mostraSettore={mieiSettori.length > 1} />
        </section>
      ))}
    </>
  );
}
