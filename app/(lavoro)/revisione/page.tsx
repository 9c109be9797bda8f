import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { edizioneCorrente } from "@/lib/editions/queries";
import { plurale } from "@/lib/italiano";
import { formatData, formatDataOra } from "@/lib/numbers/format";
import { decidi } from "@/lib/policy";
import { codaRevisione } from "@/lib/review/queries";

export const metadata: Metadata = { title: "Sezioni da rivedere" };

export default async function Coda() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "coordinamento.accedi"));
  const db = getDb();
  const ed = edizioneCorrente(db);
  const coda = ed ? codaRevisione(db, ed.id) : [];
  const oggi = new Date().toISOString().slice(0, 10);
  return (
    <>
      <h1 className="h2">Sezioni da rivedere</h1>
      <p className="lead">{coda.length === 0 ? "Nessuna sezione in attesa di revisione." : `${plurale(coda.length, "sezione", "sezioni")} in attesa, dalla più vecchia.`}</p>
      {coda.length > 0 && (
        <div className="table-responsive">
          <table className="table align-middle">
            <caption className="visually-hidden">Sezioni inviate alla revisione</caption>
            <thead>
              <tr>
                <th scope="col">Sezione</th>
                <th scope="col">Area</th>
                <th scope="col">Settore</th>
                <th scope="col">Inviata il</th>
                <th scope="col">Scadenza</th>
              </tr>
            </thead>
            <tbody>
              {coda.map((s) => (
                <tr key={s.id}>
                  <td><Link href={`/revisione/${s.id}`}>{s.titolo}</Link></td>
                  <td>{s.areaNumero ? `${s.areaNumero}. ${s.areaTitolo}` : s.parteTitolo}</td>
                  <td>{s.settoreNome}</td>
                  <td>{s.inviataIl ? formatDataOra(s.inviataIl) : "—"}</td>
                  <td>
                    {s.scadenza ? formatData(s.scadenza) : "—"}
                    {s.scadenza && s.scadenza < oggi && <span className="badge bg-danger ms-2">Scaduta</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
