import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { tutteLeEdizioni } from "@/lib/editions/queries";
import { ETICHETTE_STATO_EDIZIONE } from "@/lib/workflow";
import { decidi } from "@/lib/policy";

export const metadata: Metadata = { title: "Edizioni" };

/** Every edition with its state: the one in preparation, those awaiting signature, the published ones and their corrections. */
export default async function Edizioni() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "edizioni.elenca"));
  const edizioni = tutteLeEdizioni(getDb());
  const titoloDi = new Map(edizioni.map((e) => [e.id, e.titolo]));
  return (
    <>
      <h1 className="h2">Edizioni</h1>
      <p className="lead">Ogni edizione del Bilancio Sociale, dalla preparazione alla pubblicazione.</p>
      {decidi(u.attore, "edizione.crea").consentito && (
        <p>
          <Link href="/edizione/nuova" className="btn btn-primary">Nuova edizione</Link>
        </p>
      )}
      {edizioni.length === 0 ? (
        <p>Nessuna edizione presente.</p>
      ) : (
        <div className="table-responsive">
          <table className="table align-middle">
            <caption className="visually-hidden">Edizioni e loro stato</caption>
            <thead>
              <tr>
                <th scope="col">Edizione</th>
                <th scope="col">Periodo</th>
                <th scope="col">Stato</th>
                <th scope="col">Versione pubblica</th>
              </tr>
            </thead>
            <tbody>
              {edizioni.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link href={`/edizione/${e.slug}`}>{e.correggeId ? `Correzione di «${titoloDi.get(e.correggeId)}» (revisione ${e.revisione})` : e.titolo}</Link>
                  </th>
                  <td>{e.annoInizio}–{e.annoFine}</td>
                  <td>{ETICHETTE_STATO_EDIZIONE[e.stato]}</td>
                  <td>{e.stato === "pubblicata" && !e.correggeId ? <Link href={`/edizioni/${e.slug}`}>/edizioni/{e.slug}</Link> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
