"use client";

import { useActionState } from "react";
import { confermaCambioEmailAction } from "@/app/_server/account-actions";

type Risposta = Awaited<ReturnType<typeof confermaCambioEmailAction>>;

/** One button: the new address is applied only by this POST, never by opening the link. */
export function ConfermaEmailForm({ token }: { token: string }) {
  const [esito, invia, inCorso] = useActionState<Risposta | null, FormData>(confermaCambioEmailAction, null);
  return (
    <form action={invia}>
      <input type="hidden" name="token" value={token} />
      {esito && !esito.ok && <div className="alert alert-danger" role="alert">{esito.messaggio}</div>}
      <button type="submit" className="btn btn-primary" disabled={inCorso}>Conferma il nuovo indirizzo</button>
    </form>
  );
}
