"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { richiediReimpostazioneAction } from "@/app/_server/account-actions";
import { campiDi } from "@/app/_components/esito";

type Risposta = Awaited<ReturnType<typeof richiediReimpostazioneAction>>;

/** The email of the account; the reply is the same whether or not it exists. */
export function PasswordDimenticataForm() {
  const [esito, invia, inCorso] = useActionState<Risposta | null, FormData>(richiediReimpostazioneAction, null);
  const [email, setEmail] = useState("");
  if (esito?.ok) {
    return (
      <>
        <div className="alert alert-success" role="status">{esito.messaggio}</div>
        <p>
          Non trovi l&apos;email? Controlla la posta indesiderata, oppure chiedi all&apos;amministratore del Bilancio Sociale del tuo ente.
        </p>
        <p><Link href="/login">Torna all&apos;accesso</Link></p>
      </>
    );
  }
  const errore = campiDi(esito).email ?? esito?.messaggio;
  return (
    <form action={invia} noValidate>
      <div className="form-group mb-4">
        <label htmlFor="email" className="active">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          maxLength={320}
          className={`form-control${errore ? " is-invalid" : ""}`}
          aria-invalid={errore ? true : undefined}
          aria-describedby={`email-aiuto${errore ? " email-errore" : ""}`}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <small id="email-aiuto" className="form-text d-block">L&apos;indirizzo con cui accedi al Bilancio Sociale.</small>
        {errore && <div id="email-errore" className="invalid-feedback d-block" role="alert">{errore}</div>}
      </div>
      <button type="submit" className="btn btn-primary" disabled={inCorso}>Invia le istruzioni</button>
      <p className="mt-4"><Link href="/login">Torna all&apos;accesso</Link></p>
    </form>
  );
}
