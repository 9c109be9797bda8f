"use client";

import { useActionState, useState } from "react";
import { creaUtenteAction } from "@/app/_server/admin-actions";
import { Campo } from "../../_componenti/Campo";
import { RuoloESettore } from "../../_componenti/RuoloESettore";
import { campiDi } from "@/app/_components/esito";
import { inviaSenzaReset } from "@/app/_components/invia-senza-reset";

/** Name, email and optionally a first role: no password, the invitation leaves at once. */
export function NuovoUtenteForm({ settori, settoreIniziale }: { settori: { id: number; nome: string; codice: string }[]; settoreIniziale?: number }) {
  const [esito, invia, inCorso] = useActionState(creaUtenteAction, null);
  const [nome, setNome] = useState("");
  const [email, setEmail] = useState("");
  const [ruolo, setRuolo] = useState(settoreIniziale ? "referente" : "");
  const [settoreId, setSettoreId] = useState(settoreIniziale ? String(settoreIniziale) : "");
  const campi = campiDi(esito);
  return (
    <form action={invia} onSubmit={inviaSenzaReset(invia)} noValidate>
      <div className="row">
        <Campo id="nome" name="nome" label="Nome e cognome" className="col-md-6" value={nome} onChange={setNome} errore={campi.nome} autoComplete="off" maxLength={200} />
        <Campo id="email" name="email" type="email" label="Email" className="col-md-6" value={email} onChange={setEmail} errore={campi.email} autoComplete="off" maxLength={254} />
      </div>
      <RuoloESettore prefisso="nuovo" ruolo={ruolo} setRuolo={setRuolo} settoreId={settoreId} setSettoreId={setSettoreId} settori={settori} campi={campi} ruoloFacoltativo />
      {esito && !esito.ok && <div className="alert alert-danger" role="alert">{esito.messaggio}</div>}
      <button type="submit" className="btn btn-primary" disabled={inCorso}>Crea e invia l&apos;invito</button>
    </form>
  );
}
