"use client";

import { useActionState, useState } from "react";
import { creaSettoreAction, rinominaSettoreAction } from "@/app/_server/admin-actions";
import { Campo } from "../_componenti/Campo";
import { campiDi } from "@/app/_components/esito";
import { inviaSenzaReset } from "@/app/_components/invia-senza-reset";

export function NuovoSettoreForm() {
  const [esito, invia, inCorso] = useActionState(creaSettoreAction, null);
  const [codice, setCodice] = useState("");
  const [nome, setNome] = useState("");
  const campi = campiDi(esito);
  return (
    <form action={invia} onSubmit={inviaSenzaReset(invia)} noValidate aria-labelledby="nuovo-settore">
      <h2 id="nuovo-settore" className="h4">Nuovo settore</h2>
      <div className="row">
        <Campo id="nome" name="nome" label="Nome" className="col-md-7" value={nome} onChange={setNome} errore={campi.nome} maxLength={200} autoComplete="off" />
        <Campo
          id="codice"
          name="codice"
          label="Codice"
          className="col-md-5"
          value={codice}
          onChange={setCodice}
          errore={campi.codice}
          maxLength={60}
          autoComplete="off"
          aiuto="Lettere minuscole, cifre e trattini, ad esempio polizia-locale. Non si cambia più: compare nei pacchetti delle edizioni."
        />
      </div>
      {esito && !esito.ok && <div className="alert alert-danger" role="alert">{esito.messaggio}</div>}
      <button type="submit" className="btn btn-primary" disabled={inCorso}>Crea il settore</button>
    </form>
  );
}

export function RinominaSettoreForm({ settoreId, nome: nomeSalvato }: { settoreId: number; nome: string }) {
  const [esito, invia, inCorso] = useActionState(rinominaSettoreAction, null);
  const [nome, setNome] = useState(nomeSalvato);
  const campi = campiDi(esito);
  return (
    <form action={invia} onSubmit={inviaSenzaReset(invia)} noValidate>
      <input type="hidden" name="settoreId" value={settoreId} />
      <Campo id="nome" name="nome" label="Nome" value={nome} onChange={setNome} errore={campi.nome} maxLength={200} autoComplete="off" />
      <div className="d-flex align-items-center gap-3">
        <button type="submit" className="btn btn-primary" disabled={inCorso}>Rinomina</button>
        <span role="status" className="small text-success">{esito?.ok ? "Nome salvato." : ""}</span>
      </div>
      {esito && !esito.ok && !campi.nome && <div className="alert alert-danger mt-3" role="alert">{esito.messaggio}</div>}
    </form>
  );
}
