import type { Metadata } from "next";
import { ETICHETTE_MOTIVO_REVISIONE } from "@/lib/sections/tipi";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { RipristinoButton } from "@/app/_components/RipristinoButton";
import { elencoRevisioni } from "@/lib/sections/revisioni";
import { caricaSezione } from "@/lib/sections/queries";
import { formatDataOra } from "@/lib/numbers/format";
import { decidi, risorsaSezione } from "@/lib/policy";

export const metadata: Metadata = { title: "Cronologia della sezione" };


export default async function Cronologia({ params }: { params: Promise<{ id: string }> }) {
  const u = await richiediUtente();
  const id = Number((await params).id);
  const db = getDb();
  const s = Number.isInteger(id) ? caricaSezione(db, id) : null;
  if (!s) notFound();
  const risorsa = risorsaSezione(s, s.edizione);
  consentiOppure403(decidi(u.attore, "sezione.leggi", risorsa));
  const puoRipristinare = decidi(u.attore, "sezione.modifica", risorsa).consentito;
  const revisioni = elencoRevisioni(db, id);
  return (
    <>
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item"><Link href={`/sezioni/${s.id}`}>{s.titolo}</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item active" aria-current="page">Cronologia</li>
        </ol>
      </nav>
      <h1 className="h2">Cronologia: {s.titolo}</h1>
      <p>Ogni salvataggio crea una revisione (i salvataggi automatici della stessa persona nello stesso minuto sono raggruppati). Ripristinare una revisione ne crea una nuova: nulla si perde.</p>
      <div className="table-responsive">
        <table className="table align-middle">
          <thead>
            <tr>
              <th scope="col">Revisione</th>
              <th scope="col">Quando</th>
              <th scope="col">Chi</th>
              <th scope="col">Che cosa</th>
              <th scope="col" className="text-end">Blocchi</th>
              <th scope="col"><span className="visually-hidden">Azioni</span></th>
            </tr>
          </thead>
          <tbody>
            {revisioni.map((r, i) => (
              <tr key={r.numero}>
                <td><Link href={`/sezioni/${s.id}/cronologia/${r.numero}`}>n. {r.numero}</Link>{i === 0 && " (attuale)"}</td>
                <td>{formatDataOra(r.createdAt)}</td>
                <td>{r.autore ?? "Sistema"}</td>
                <td>{ETICHETTE_MOTIVO_REVISIONE[r.motivo]}</td>
                <td className="text-end">{r.blocchi}</td>
                <td className="text-end">{puoRipristinare && i > 0 && <RipristinoButton sectionId={s.id} numero={r.numero} ultima={revisioni[0].numero} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
