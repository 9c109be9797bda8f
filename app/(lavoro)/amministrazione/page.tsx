import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { elencoUtenti } from "@/lib/admin/queries";
import { decidi } from "@/lib/policy";
import { testoInvito, testoRuolo } from "./_componenti/etichette";

export const metadata: Metadata = { title: "Amministrazione" };

/** The amministratore's home: every person with roles, state and invitation; links to create, import and the settori. */
export default async function Amministrazione() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "utenti.gestisci"));
  const utenti = elencoUtenti(getDb());
  return (
    <>
      <h1 className="h2">Amministrazione</h1>
      <nav aria-label="Amministrazione" className="d-flex flex-wrap gap-2 mb-4">
        <Link className="btn btn-primary" href="/amministrazione/utenti/nuovo">Nuovo utente</Link>
        <Link className="btn btn-outline-primary" href="/amministrazione/utenti/importa">Importa utenti da file</Link>
        <Link className="btn btn-outline-primary" href="/amministrazione/settori">Settori</Link>
        <Link className="btn btn-outline-primary" href="/amministrazione/dati-aperti">Dati aperti</Link>
      </nav>
      <section aria-labelledby="utenti">
        <h2 id="utenti" className="h4">Utenti ({utenti.length})</h2>
        <div className="table-responsive">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Nome</th>
                <th scope="col">Email</th>
                <th scope="col">Ruoli</th>
                <th scope="col">Stato</th>
                <th scope="col">Password</th>
              </tr>
            </thead>
            <tbody>
              {utenti.map((x) => (
                <tr key={x.id}>
                  <td><Link href={`/amministrazione/utenti/${x.id}`}>{x.nome}</Link></td>
                  <td>{x.email}</td>
                  <td>{x.ruoli.map(testoRuolo).join(", ") || "—"}</td>
                  <td>{x.attivo ? "Attivo" : <span className="badge bg-secondary">Disattivato</span>}</td>
                  <td className={x.invito.stato === "scaduto" ? "text-danger" : undefined}>{testoInvito(x.invito)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
