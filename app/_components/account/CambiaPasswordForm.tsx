"use client";

import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { cambiaPasswordAction } from "@/app/_server/account-actions";
import { CampoPassword } from "./CampoPassword";
import { campiDi } from "@/app/_components/esito";

type Risposta = Awaited<ReturnType<typeof cambiaPasswordAction>>;

/** The current password, then the new one twice; other sessions end, this one stays. */
export function CambiaPasswordForm({ email, spiegazione }: { email: string; spiegazione: string }) {
  const [esito, invia, inCorso] = useActionState<Risposta | null, FormData>(cambiaPasswordAction, null);
  const [attuale, setAttuale] = useState("");
  const [password, setPassword] = useState("");
  const [conferma, setConferma] = useState("");
  useEffect(() => {
    if (esito?.ok) {
      setAttuale("");
      setPassword("");
      setConferma("");
    }
  }, [esito]);
  const campi = campiDi(esito);
  const generale = esito && !esito.ok && Object.keys(campi).length === 0 ? esito : null;
  return (
    <form action={invia} noValidate>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {esito?.ok && (
        <div className="alert alert-success" role="status">
          Password cambiata. Le altre sessioni aperte con il tuo account sono state chiuse; questa resta aperta.
        </div>
      )}
      {generale && (
        <div className="alert alert-danger" role="alert">
          {generale.messaggio} {generale.tipo === "sessione_scaduta" && <Link href="/login?callbackUrl=/profilo">Accedi</Link>}
        </div>
      )}
      <CampoPassword id="attuale" label="Password attuale" value={attuale} onChange={setAttuale} errore={campi.attuale} autoComplete="current-password" />
      <CampoPassword id="password" label="Nuova password" value={password} onChange={setPassword} errore={campi.password} aiuto={spiegazione} autoComplete="new-password" />
      <CampoPassword id="conferma" label="Ripeti la password" value={conferma} onChange={setConferma} errore={campi.conferma} autoComplete="new-password" />
      <button type="submit" className="btn btn-primary" disabled={inCorso}>Cambia la password</button>
    </form>
  );
}
