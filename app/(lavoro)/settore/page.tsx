import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { SectionTable } from "@/app/_components/SectionTable";
import { edizioneCorrente, sezioniEdizione } from "@/lib/editions/queries";
import { decidi } from "@/lib/policy";

export const metadata: Metadata = { title: "Il mio settore" };

export default async function Settore() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "settore.lavora"));
  const db = getDb();
  const ed = edizioneCorrente(db);
  const mieiSettori = u.ruoli.filter((r) => r.ruolo === "referente" && r.settoreId !== null);
  const sezioni = ed ? sezioniEdizione(db, ed.id, mieiSettori.map((r) => r.settoreId as number)) : [];
  return (
    <>
      <h1 className="h2">Le sezioni del tuo settore</h1>
      <p className="lead">
        {mieiSettori.map((r) => r.settoreNome).join(", ")}
        {ed && <> · {ed.titolo}</>}
      </p>
      {sezioni.length === 0 ? <p>Al tuo settore non è assegnata nessuna sezione.</p> : <SectionTable sezioni={sezioni} mostraSettore={mieiSettori.length > 1} />}
    </>
  );
}
