"use client";

import Link from "next/link";
import { useActionState, useEffect, useState } from "react";
import { richiediCambioEmailAction } from "@/app/_server/account-actions";
import { campiDi } from "@/app/_components/esito";

type Risposta = Awaited<ReturnType<typeof richiediCambioEmailAction>>;

/** One labelled field with its error beside it (ids distinct from the password form on the same page). */
function Campo(p: { id: string; name: string; label: string; type: "email" | "password"; value: string; onChange: (v: string) => void; errore?: string; autoComplete: string }) {
  return (
    <div className="form-group mb-4">
      <label htmlFor={p.id} className="active">{p.label}</label>
      <input
        id={p.id}
        name={p.name}
        type={p.type}
        autoComplete={p.autoComplete}
        maxLength={p.type === "email" ? 254 : 500}
        className={`form-control${p.errore ? " is-invalid" : ""}`}
        aria-invalid={p.errore ? true : undefined}
        aria-describedby={p.errore ? `${p.id}-errore` : undefined}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
      />
      {p.errore && <div id={`${p.id}-errore`} className="invalid-feedback d-block" role="alert">{p.errore}</div>}
    </div>
  );
}

/** A new email for one's own account: a link goes to it, a notice to the current one; nothing changes until the link is opened. */
export function CambiaEmailForm() {
  const [esito, invia, inCorso] = useActionState<Risposta | null, FormData>(richiediCambioEmailAction, null);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  useEffect(() => {
    if (esito?.ok) setPassword("");
  }, [esito]);
  const campi = campiDi(esito);
  const generale = esito && !esito.ok && Object.keys(campi).length === 0 ? esito : null;
  return (
    <form action={invia} noValidate>
      {esito?.ok && (
        <div className="alert alert-success" role="status">
          Ti abbiamo scritto a {esito.mascherata}: apri il collegamento nel messaggio per confermare il nuovo indirizzo (vale 24 ore). Fino ad allora il tuo
          indirizzo resta quello attuale, che ha ricevuto un avviso.
        </div>
      )}
      {generale && (
        <div className="alert alert-danger" role="alert">
          {generale.messaggio} {generale.tipo === "sessione_scaduta" && <Link href="/login?callbackUrl=/profilo">Accedi</Link>}
        </div>
      )}
      <Campo id="nuova-email" name="email" label="Nuovo indirizzo email" type="email" value={email} onChange={setEmail} errore={campi.email} autoComplete="email" />
      <Campo id="password-email" name="password" label="La tua password, per confermare" type="password" value={password} onChange={setPassword} errore={campi.password} autoComplete="current-password" />
      <button type="submit" className="btn btn-outline-primary" disabled={inCorso}>Cambia l&apos;email</button>
    </form>
  );
}
