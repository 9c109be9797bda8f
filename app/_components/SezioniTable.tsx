import Link from "next/link";
import type { ReactNode } from "react";
import type { RigaSezione } from "@/lib/sections/tipi";
import { formatData } from "@/lib/numbers/format";
import { StatoBadge } from "./StatoBadge";

/**
 * Sections grouped by part and area, in report order.
 * `scadenza`, when given, renders the deadline cell (e.g. a form to change it).
 */
export function SezioniTable({
  sezioni,
  mostraSettore = true,
  scadenza,
}: {
  sezioni: RigaSezione[];
  mostraSettore?: boolean;
  scadenza?: (s: RigaSezione) => ReactNode;
}) {
  const gruppi: { titolo: string; righe: RigaSezione[] }[] = [];
  for (const s of sezioni) {
    const titolo = s.areaNumero ? `${s.parteTitolo} · ${s.areaNumero}. ${s.areaTitolo}` : s.parteTitolo;
    const ultimo = gruppi[gruppi.length - 1];
    if (ultimo?.titolo === titolo) ultimo.righe.push(s);
    else gruppi.push({ titolo, righe: [s] });
  }
  return (
    <>
      {gruppi.map((g) => (
        <section key={g.titolo} className="mb-4">
          <h2 className="h5">{g.titolo}</h2>
          <div className="table-responsive">
            <table className="table table-hover align-middle">
              <thead>
                <tr>
                  <th scope="col">Sezione</th>
                  {mostraSettore && <th scope="col">Settore</th>}
                  <th scope="col">Stato</th>
                  <th scope="col">Scadenza</th>
                  <th scope="col" className="text-end">Blocchi</th>
                </tr>
              </thead>
              <tbody>
                {g.righe.map((s) => (
                  <tr key={s.id}>
                    <td><Link href={`/sezioni/${s.id}`}>{s.titolo}</Link></td>
                    {mostraSettore && <td>{s.settoreNome}</td>}
                    <td><StatoBadge stato={s.stato} /></td>
                    <td>{scadenza ? scadenza(s) : s.scadenza ? formatData(s.scadenza) : "—"}</td>
                    <td className="text-end">{s.blocchi}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
