import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { unisciSettoriAction } from "@/app/_server/admin-actions";
import { consentiOppure403 } from "@/app/_server/guard";
import { chiCorrente, richiediUtente } from "@/app/_server/session";
import { anteprimaUnione } from "@/lib/admin/settori";
import { plurale } from "@/lib/italiano";
import { decidi } from "@/lib/policy";
import { BottoneAzione } from "../../../_componenti/BottoneAzione";

export const metadata: Metadata = { title: "Unisci settori" };

/** The confirmation step of a merge: what moves, what is dropped as a duplicate, what stays; nothing is written until confirmed. */
export default async function UnisciSettori({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ in?: string }> }) {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "settori.gestisci"));
  const daId = Number((await params).id);
  const inId = Number((await searchParams).in);
  const chi = (await chiCorrente())!;
  const r = anteprimaUnione(getDb(), chi, { daId, inId });
  return (
    <>
      <p><Link href={`/amministrazione/settori/${daId}`}>← Torna al settore</Link></p>
      <h1 className="h2">Unisci settori</h1>
      {!r.ok ? (
        <div className="alert alert-danger" role="alert">
          {r.tipo === "non_valido" ? r.errori.map((e) => e.messaggio).join(" ") || r.messaggio : r.messaggio}
        </div>
      ) : (
        <>
          <p className="lead">
            «{r.anteprima.da.nome}» sarà unito a «{r.anteprima.in.nome}» e poi disattivato.
          </p>
          <ul>
            <li>{plurale(r.anteprima.sezioni, "sezione", "sezioni")} delle edizioni in preparazione {r.anteprima.sezioni === 1 ? "passa" : "passano"} a «{r.anteprima.in.nome}»;</li>
            <li>
              {plurale(r.anteprima.ambiti, "ambito nomina", "ambiti nominano")} ora «{r.anteprima.in.nome}»
              {r.anteprima.ambitiDoppi > 0 && `; in ${plurale(r.anteprima.ambitiDoppi, "ambito", "ambiti")} che già lo nominavano il doppione è tolto`};
            </li>
            <li>
              {r.anteprima.ruoli === 1 ? "1 referente diventa referente" : `${r.anteprima.ruoli} referenti diventano referenti`} di «{r.anteprima.in.nome}»
              {r.anteprima.ruoliDoppi > 0 &&
                (r.anteprima.ruoliDoppi === 1
                  ? "; 1 persona era già referente di entrambi e conserva un solo ruolo"
                  : `; ${r.anteprima.ruoliDoppi} persone erano già referenti di entrambi e conservano un solo ruolo`)};
            </li>
            <li>{plurale(r.anteprima.sezioniPubblicate, "sezione", "sezioni")} di edizioni pubblicate {r.anteprima.sezioniPubblicate === 1 ? "resta" : "restano"} com&apos;erano.</li>
          </ul>
          <p>L&apos;unione non si può annullare.</p>
          <div className="d-flex flex-wrap gap-3 align-items-center">
            <BottoneAzione azione={unisciSettoriAction} input={{ daId, inId }} classe="btn btn-danger" dopo={`/amministrazione/settori/${inId}?unito=1`}>
              Conferma l&apos;unione
            </BottoneAzione>
            <Link href={`/amministrazione/settori/${daId}`}>Annulla</Link>
          </div>
        </>
      )}
    </>
  );
}
