"use client";

import { useActionState, useEffect, useState } from "react";
import { aggiungiRuoloAction, modificaUtenteAction } from "@/app/_server/admin-actions";
import { Campo } from "../../_componenti/Campo";
import { RuoloESettore } from "../../_componenti/RuoloESettore";
import { campiDi } from "@/app/_components/esito";
import { inviaSenzaReset } from "@/app/_components/invia-senza-reset";

/** Name and email; the email stays unique (said beside the field). */
export function ModificaUtenteForm({ userId, nome: nomeSalvato, email: emailSalvata }: { userId: number; nome: string; email: string }) {
  const [esito, invia, inCorso] = useActionState(modificaUtenteAction, null);
  const [nome, setNome] = useState(nomeSalvato);
  const [email, setEmail] = useState(emailSalvata);
  const campi = campiDi(esito);
  return (
    <form action={invia} onSubmit={inviaSenzaReset(invia)} noValidate>
      <input type="hidden" name="userId" value={userId} />
      <div className="row">
        <Campo id="nome" name="nome" label="Nome e cognome" className="col-md-6" value={nome} onChange={setNome} errore={campi.nome} autoComplete="off" maxLength={200} />
        <Campo id="email" name="email" type="email" label="Email" className="col-md-6" value={email} onChange={setEmail} errore={campi.email} autoComplete="off" maxLength={254} />
      </div>
      <div className="d-flex align-items-center gap-3">
        <button type="submit" className="btn btn-primary" disabled={inCorso}>Salva</button>
        <span role="status" className="small text-success">{esito?.ok ? (esito.campi.length ? (esito.invitoInviato ? "Modifiche salvate. L'invito precedente non vale più: ne è partito uno nuovo al nuovo indirizzo." : "Modifiche salvate.") : "Nessuna modifica da salvare.") : ""}</span>
      </div>
      {esito && !esito.ok && <div className="alert alert-danger mt-3" role="alert">{esito.messaggio}</div>}
    </form>
  );
}

/** Adds one role; a referente's needs its settore. */
export function AggiungiRuoloForm({ userId, settori }: { userId: number; settori: { id: number; nome: string; codice: string }[] }) {
  const [esito, invia, inCorso] = useActionState(aggiungiRuoloAction, null);
  const [ruolo, setRuolo] = useState("");
  const [settoreId, setSettoreId] = useState("");
  const campi = campiDi(esito);
  // After a success the form starts again empty.
  useEffect(() => {
    if (esito?.ok) {
      setRuolo("");
      setSettoreId("");
    }
  }, [esito]);
  return (
    <form action={invia} onSubmit={inviaSenzaReset(invia)} noValidate aria-labelledby="aggiungi-ruolo-titolo">
      <h3 id="aggiungi-ruolo-titolo" className="h5">Aggiungi un ruolo</h3>
      <input type="hidden" name="userId" value={userId} />
      <RuoloESettore prefisso="aggiungi" ruolo={ruolo} setRuolo={setRuolo} settoreId={settoreId} setSettoreId={setSettoreId} settori={settori} campi={campi} />
      <div className="d-flex align-items-center gap-3">
        <button type="submit" className="btn btn-outline-primary" disabled={inCorso}>Aggiungi il ruolo</button>
        <span role="status" className="small text-success">{esito?.ok ? "Ruolo aggiunto." : ""}</span>
      </div>
      {esito && !esito.ok && !esito.campi && <div className="alert alert-danger mt-3" role="alert">{esito.messaggio}</div>}
    </form>
  );
}
