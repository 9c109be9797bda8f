import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { elencoSettori } from "@/lib/admin/queries";
import { decidi } from "@/lib/policy";
import { NuovoSettoreForm } from "./ModuliSettore";

export const metadata: Metadata = { title: "Settori" };

export default async function Settori() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "settori.gestisci"));
  const settori = elencoSettori(getDb());
  return (
    <>
      <p><Link href="/amministrazione">← Amministrazione</Link></p>
      <h1 className="h2">Settori</h1>
      <section className="mb-5" aria-labelledby="elenco">
        <h2 id="elenco" className="h4">Elenco ({settori.length})</h2>
        <div className="table-responsive">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Nome</th>
                <th scope="col">Codice</th>
                <th scope="col">Stato</th>
                <th scope="col" className="text-end">Sezioni in preparazione</th>
                <th scope="col" className="text-end">Referenti attivi</th>
              </tr>
            </thead>
            <tbody>
              {settori.map((s) => (
                <tr key={s.id}>
                  <td><Link href={`/amministrazione/settori/${s.id}`}>{s.nome}</Link></td>
                  <td><code>{s.codice}</code></td>
                  <td>{s.attivo ? "Attivo" : s.unitoIn ? `Unito in «${s.unitoIn}»` : "Disattivato"}</td>
                  <td className="text-end">{s.sezioniAperte}</td>
                  <td className={`text-end${s.attivo && s.sezioniAperte > 0 && s.referenti === 0 ? " text-danger fw-semibold" : ""}`}>
                    {s.referenti}
                    {s.attivo && s.sezioniAperte > 0 && s.referenti === 0 && <span className="visually-hidden"> (nessun referente per sezioni da scrivere)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <NuovoSettoreForm />
    </>
  );
}
