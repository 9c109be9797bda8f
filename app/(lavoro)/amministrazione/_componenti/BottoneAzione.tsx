"use client";

/**
 * One button, one action called with a fixed input (deactivate, reactivate,
 * re-send the invitation, remove a role…): the outcome is said beside it, and
 * the page is refreshed from the server after a success.
 */
import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type ReactNode } from "react";

type Risposta = { ok: true; [k: string]: unknown } | { ok: false; messaggio: string };

export function BottoneAzione<I>({
  azione,
  input,
  children,
  classe = "btn btn-outline-primary btn-sm",
  conferma,
  riuscito,
  dopo,
}: {
  azione: (input: I) => Promise<Risposta>;
  input: I;
  children: ReactNode;
  classe?: string;
  /** Asked with the browser's confirm() before acting. */
  conferma?: string;
  /** Said after a success. */
  riuscito?: string;
  /** Where to go after a success (a path inside the app); otherwise the page is refreshed. */
  dopo?: string;
}) {
  const router = useRouter();
  const id = useId();
  const [esito, setEsito] = useState<{ ok: boolean; testo: string } | null>(null);
  const [inCorso, avvia] = useTransition();
  return (
    <span className="d-inline-flex flex-wrap align-items-center gap-2">
      <button
        type="button"
        className={classe}
        disabled={inCorso}
        aria-describedby={esito ? id : undefined}
        onClick={() => {
          if (conferma && !window.confirm(conferma)) return;
          avvia(async () => {
            const r = await azione(input);
            if (r.ok) {
              setEsito(riuscito ? { ok: true, testo: riuscito } : null);
              if (dopo && dopo.startsWith("/") && !dopo.startsWith("//")) router.push(dopo);
              else router.refresh();
            } else {
              setEsito({ ok: false, testo: r.messaggio });
            }
          });
        }}
      >
        {children}
      </button>
      <span id={id} role={esito && !esito.ok ? "alert" : "status"} className={`small ${esito?.ok ? "text-success" : "text-danger fw-semibold"}`}>
        {inCorso ? "Attendere…" : esito?.testo}
      </span>
    </span>
  );
}
