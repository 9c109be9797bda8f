"use client";

import { useActionState } from "react";
import { segnaLetteAction } from "@/app/_server/notification-actions";

/** "Segna tutte come lette" for the notifications the page shows (their ids travel in the form). */
export function SegnaLetteForm({ ids }: { ids: number[] }) {
  const [esito, azione, inCorso] = useActionState(segnaLetteAction, null);
  return (
    <form action={azione} className="mb-4">
      {ids.map((id) => (
        <input key={id} type="hidden" name="id" value={id} />
      ))}
      <button type="submit" className="btn btn-outline-primary btn-sm" disabled={inCorso}>Segna tutte come lette</button>
      {esito && !esito.ok && <p className="text-danger small mt-1 mb-0" role="alert">{esito.messaggio}</p>}
    </form>
  );
}
