import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { elencoSettori, elencoUtenti } from "@/lib/admin/queries";
import { decidi } from "@/lib/policy";

export const metadata: Metadata = { title: "Amministrazione" };

export default async function Amministrazione() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "utenti.gestisci"));
  const db = getDb();
  const utenti = elencoUtenti(db);
  const settori = elencoSettori(db);
  return (
    <>
      <h1 className="h2">Amministrazione</h1>
      <section className="mb-5" aria-labelledby="utenti">
        <h2 id="utenti" className="h4">Utenti</h2>
        <div className="table-responsive">
          <table className="table">
            <thead>
              <tr><th scope="col">Nome</th><th scope="col">Email</th><th scope="col">Ruoli</th><th scope="col">Stato</th></tr>
            </thead>
            <tbody>
              {utenti.map((x) => (
                <tr key={x.id}>
                  <td>{x.nome}</td>
                  <td>{x.email}</td>
                  <td>{x.ruoli.map((r) => r.ruolo + (r.settore ? ` (${r.settore})` : "")).join(", ") || "—"}</td>
                  <td>{x.attivo ? "Attivo" : "Disattivato"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="settori">
        <h2 id="settori" className="h4">Settori</h2>
        <ul className="list-group">
          {settori.map((s) => (
            <li key={s.id} className="list-group-item">{s.nome} <span className="text-muted small">({s.codice})</span></li>
          ))}
        </ul>
      </section>
    </>
  );
}
