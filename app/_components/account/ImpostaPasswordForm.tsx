"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { accettaInvitoAction, reimpostaPasswordAction } from "@/app/_server/account-actions";
import { CampoPassword } from "./CampoPassword";
import { campiDi } from "@/app/_components/esito";

type Risposta = Awaited<ReturnType<typeof accettaInvitoAction>>;

/** Choose a password through a single-use link (invitation or reset): the new password twice. */
export function ImpostaPasswordForm({ tipo, token, email, spiegazione }: { tipo: "invito" | "reimposta"; token: string; email: string; spiegazione: string }) {
  const [esito, invia, inCorso] = useActionState<Risposta | null, FormData>(tipo === "invito" ? accettaInvitoAction : reimpostaPasswordAction, null);
  const [password, setPassword] = useState("");
  const [conferma, setConferma] = useState("");
  const campi = campiDi(esito);
  const generale = esito && !esito.ok && !campi.password && !campi.conferma ? esito.messaggio : null;
  return (
    <form action={invia} noValidate>
      <input type="hidden" name="token" value={token} />
      {/* For password managers: which account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {generale && (
        <div className="alert alert-danger" role="alert">
          {generale}
          {esito && !esito.ok && esito.tipo === "link_non_valido" && (
            <> <Link href={tipo === "invito" ? "/login" : "/password-dimenticata"}>{tipo === "invito" ? "Vai all'accesso" : "Chiedi un nuovo collegamento"}</Link></>
          )}
        </div>
      )}
      <CampoPassword id="password" label="Nuova password" value={password} onChange={setPassword} errore={campi.password} aiuto={spiegazione} autoComplete="new-password" />
      <CampoPassword id="conferma" label="Ripeti la password" value={conferma} onChange={setConferma} errore={campi.conferma} autoComplete="new-password" />
      <button type="submit" className="btn btn-primary" disabled={inCorso}>
        {tipo === "invito" ? "Attiva l'account" : "Imposta la nuova password"}
      </button>
    </form>
  );
}
