import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { disattivaUtenteAction, reinviaInvitoAction, riattivaUtenteAction, rimuoviRuoloAction } from "@/app/_server/admin-actions";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { schedaUtente, settoriAttivi } from "@/lib/admin/queries";
import { storicoRuoliDi } from "@/lib/admin/ruoli-concessi";
import { formatDataOra } from "@/lib/numbers/format";
import { decidi } from "@/lib/policy";
import type { EventoRuolo } from "@/db/schema";
import { BottoneAzione } from "../../_componenti/BottoneAzione";
import { testoInvito, testoRuolo } from "../../_componenti/etichette";
import { AggiungiRuoloForm, ModificaUtenteForm } from "./ModuliUtente";

export const metadata: Metadata = { title: "Utente" };

const EVENTO: Record<EventoRuolo, string> = { concesso: "assegnato", revocato: "tolto", spostato: "spostato (unione di settori)", preesistente: "già assegnato prima dello storico" };

export default async function SchedaUtente({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ invitato?: string }> }) {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "utenti.gestisci"));
  const id = Number((await params).id);
  const db = getDb();
  const x = Number.isInteger(id) && id > 0 ? schedaUtente(db, id) : null;
  if (!x) notFound();
  const invitato = (await searchParams).invitato === "1";
  const senzaPassword = x.invito.stato !== "password";
  // Nobody changes their own name, email or roles here (the services refuse it too).
  const proprio = x.id === u.attore.userId;
  const storico = storicoRuoliDi(db, x.id);
  return (
    <>
      <p><Link href="/amministrazione">← Amministrazione</Link></p>
      <h1 className="h2">{x.nome}</h1>
      <p className="lead">
        {x.email} · {x.attivo ? "Attivo" : <span className="badge bg-secondary">Disattivato</span>} · {testoInvito(x.invito)}
      </p>
      {invitato && (
        <div className="alert alert-success" role="status">Utente creato: l&apos;invito è stato inviato a {x.email}.</div>
      )}

      {proprio && (
        <div className="alert alert-info" role="note">
          È il tuo account: nome, email e ruoli te li cambia un altro amministratore, mai tu stesso. L&apos;email puoi cambiarla dal tuo{" "}
          <Link href="/profilo">profilo</Link>, con una conferma al nuovo indirizzo.
        </div>
      )}

      {!proprio && (
        <section className="mb-5" aria-labelledby="dati">
          <h2 id="dati" className="h4">Dati</h2>
          <ModificaUtenteForm key={`${x.nome}|${x.email}`} userId={x.id} nome={x.nome} email={x.email} />
        </section>
      )}

      <section className="mb-5" aria-labelledby="ruoli">
        <h2 id="ruoli" className="h4">Ruoli</h2>
        {x.ruoli.length === 0 ? (
          <p>Nessun ruolo: la persona può accedere ma non vede alcun lavoro.</p>
        ) : (
          <ul className="list-group mb-4">
            {x.ruoli.map((r) => (
              <li key={r.id} className="list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2">
                <span>{testoRuolo(r)}{r.settoreAttivo === false && <span className="text-muted small"> (settore disattivato)</span>}</span>
                {!proprio && (
                  <BottoneAzione azione={rimuoviRuoloAction} input={{ membershipId: r.id }} classe="btn btn-outline-danger btn-sm">
                    Togli<span className="visually-hidden"> il ruolo {testoRuolo(r)}</span>
                  </BottoneAzione>
                )}
              </li>
            ))}
          </ul>
        )}
        {!proprio && <AggiungiRuoloForm userId={x.id} settori={settoriAttivi(db)} />}
        {storico.length > 0 && (
          <div className="table-responsive mt-4">
            <table className="table table-sm">
              <caption className="caption-top">Storico dei ruoli (non si modifica): chi ha assegnato o tolto ogni ruolo, e quando</caption>
              <thead>
                <tr>
                  <th scope="col">Quando</th>
                  <th scope="col">Ruolo</th>
                  <th scope="col">Che cosa</th>
                  <th scope="col">Da chi</th>
                </tr>
              </thead>
              <tbody>
                {storico.map((v) => (
                  <tr key={v.id}>
                    <td>{formatDataOra(v.at)}</td>
                    <td>{testoRuolo(v)}</td>
                    <td>{EVENTO[v.evento]}</td>
                    <td>{v.attore ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="mb-5" aria-labelledby="accesso">
        <h2 id="accesso" className="h4">Accesso</h2>
        {x.attivo && senzaPassword && (
          <div className="mb-3">
            <p>La persona non ha ancora scelto la sua password.</p>
            <BottoneAzione azione={reinviaInvitoAction} input={{ userId: x.id }} riuscito="Invito inviato di nuovo: il collegamento precedente non vale più.">
              Invia di nuovo l&apos;invito
            </BottoneAzione>
          </div>
        )}
        {x.attivo ? (
          <div>
            <p>Un utente disattivato esce alla sua prossima richiesta e non può più accedere; resta nel registro delle attività.</p>
            <BottoneAzione azione={disattivaUtenteAction} input={{ userId: x.id }} classe="btn btn-outline-danger" conferma={`Disattivare ${x.nome}?`}>
              Disattiva l&apos;utente
            </BottoneAzione>
          </div>
        ) : (
          <BottoneAzione azione={riattivaUtenteAction} input={{ userId: x.id }} classe="btn btn-outline-primary">
            Riattiva l&apos;utente
          </BottoneAzione>
        )}
      </section>
    </>
  );
}
