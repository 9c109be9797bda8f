import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { disattivaSettoreAction, riattivaSettoreAction } from "@/app/_server/admin-actions";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { elencoSettori, personeDelSettore, settoriAttivi } from "@/lib/admin/queries";
import { decidi } from "@/lib/policy";
import { BottoneAzione } from "../../_componenti/BottoneAzione";
import { RinominaSettoreForm } from "../ModuliSettore";

export const metadata: Metadata = { title: "Settore" };

export default async function SchedaSettore({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ creato?: string; unito?: string }> }) {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "settori.gestisci"));
  const id = Number((await params).id);
  const db = getDb();
  const s = elencoSettori(db).find((x) => x.id === id);
  if (!s) notFound();
  const avviso = await searchParams;
  const persone = personeDelSettore(db, s.id);
  const destinazioni = settoriAttivi(db, s.id);
  return (
    <>
      <p><Link href="/amministrazione/settori">← Settori</Link></p>
      <h1 className="h2">{s.nome}</h1>
      <p className="lead">
        Codice <code>{s.codice}</code> · {s.attivo ? "Attivo" : s.unitoIn ? `Unito in «${s.unitoIn}»` : "Disattivato"} · {s.sezioniAperte} sezioni in preparazione, {s.sezioni} in tutte le edizioni
      </p>
      {avviso.creato === "1" && <div className="alert alert-success" role="status">Settore creato. Ora puoi invitarne il referente.</div>}
      {avviso.unito === "1" && <div className="alert alert-success" role="status">Unione completata: sezioni e referenti sono passati a questo settore.</div>}

      <section className="mb-5" aria-labelledby="persone">
        <h2 id="persone" className="h4">Referenti</h2>
        {persone.length === 0 ? (
          <p>Nessun referente: le sezioni del settore non hanno chi le scrive.</p>
        ) : (
          <ul>
            {persone.map((p) => (
              <li key={p.id}>
                <Link href={`/amministrazione/utenti/${p.id}`}>{p.nome}</Link> ({p.email}){!p.attivo && " — disattivato"}
              </li>
            ))}
          </ul>
        )}
        {s.attivo && (
          <Link className="btn btn-outline-primary" href={`/amministrazione/utenti/nuovo?settore=${s.id}`}>Invita un referente del settore</Link>
        )}
      </section>

      {!s.unitoInId && (
        <section className="mb-5" aria-labelledby="nome-settore">
          <h2 id="nome-settore" className="h4">Nome</h2>
          <RinominaSettoreForm key={s.nome} settoreId={s.id} nome={s.nome} />
        </section>
      )}

      {s.attivo && destinazioni.length > 0 && (
        <section className="mb-5" aria-labelledby="unisci">
          <h2 id="unisci" className="h4">Unisci a un altro settore</h2>
          <p>
            Le sezioni delle edizioni in preparazione, i legami con gli ambiti e i referenti passano al settore scelto; questo settore viene disattivato.
            Le edizioni pubblicate restano come sono. Prima di unire vedrai che cosa cambia.
          </p>
          <form method="get" action={`/amministrazione/settori/${s.id}/unisci`} className="row align-items-end">
            <div className="col-md-8 mb-3">
              <label htmlFor="in" className="form-label fw-semibold">Settore che resta</label>
              <select id="in" name="in" className="form-select" required defaultValue="">
                <option value="" disabled>Scegli il settore</option>
                {destinazioni.map((d) => (
                  <option key={d.id} value={d.id}>{d.nome} ({d.codice})</option>
                ))}
              </select>
            </div>
            <div className="col-md-4 mb-3">
              <button type="submit" className="btn btn-outline-primary">Continua</button>
            </div>
          </form>
        </section>
      )}

      {!s.unitoInId && (
        <section className="mb-5" aria-labelledby="stato">
          <h2 id="stato" className="h4">Stato</h2>
          {s.attivo ? (
            <>
              <p>Un settore disattivato non riceve nuovi referenti. Si può disattivare solo quando non ha sezioni in edizioni in preparazione.</p>
              <BottoneAzione azione={disattivaSettoreAction} input={{ settoreId: s.id }} classe="btn btn-outline-danger" conferma={`Disattivare «${s.nome}»?`}>
                Disattiva il settore
              </BottoneAzione>
            </>
          ) : (
            <BottoneAzione azione={riattivaSettoreAction} input={{ settoreId: s.id }}>Riattiva il settore</BottoneAzione>
          )}
        </section>
      )}
    </>
  );
}
