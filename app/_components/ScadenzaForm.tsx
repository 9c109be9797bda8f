"use client";

import { useId, useRef, useState, useTransition } from "react";
import { impostaScadenzaAction } from "@/app/_server/deadline-actions";

/** Sets or clears one section's deadline; the typed date stays in the field if saving fails. */
export function ScadenzaForm({ sectionId, titolo, scadenza, version }: { sectionId: number; titolo: string; scadenza: string | null; version: number }) {
  const id = useId();
  const [valore, setValore] = useState(scadenza ?? "");
  const [versione, setVersione] = useState(version);
  const [esito, setEsito] = useState<{ ok: boolean; testo: string } | null>(null);
  const [inCorso, avvia] = useTransition();
  const campo = useRef<HTMLInputElement>(null);

  // A newer version from the server (after a refresh) becomes the base of the next save.
  const [versioneVista, setVersioneVista] = useState(version);
  if (version !== versioneVista) {
    setVersioneVista(version);
    if (version > versione) {
      setVersione(version);
      if (!esito || esito.ok) setValore(scadenza ?? "");
    }
  }

  const idCampo = `${id}-scadenza`;
  const idEsito = `${id}-esito`;
  return (
    <form
      noValidate
      className="d-flex flex-wrap align-items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        // A half-typed date reads as "": never mistake it for "remove the deadline".
        if (campo.current?.validity.badInput) {
          setEsito({ ok: false, testo: "La data è incompleta o non valida." });
          return;
        }
        avvia(async () => {
          const r = await impostaScadenzaAction({ sectionId, scadenza: valore === "" ? null : valore, version: versione });
          if (r.ok) {
            setVersione(r.version);
            setEsito({ ok: true, testo: r.messaggio });
          } else {
            // After a conflict the next «Salva» deliberately overwrites the colleague's change.
            if (r.tipo === "conflitto") setVersione(r.corrente.version);
            setEsito({ ok: false, testo: r.messaggio });
          }
        });
      }}
    >
      <label htmlFor={idCampo} className="visually-hidden">Scadenza di «{titolo}»</label>
      <input
        ref={campo}
        id={idCampo}
        type="date"
        min="2000-01-01"
        className={`form-control form-control-sm w-auto${esito && !esito.ok ? " is-invalid" : ""}`}
        value={valore}
        onChange={(e) => setValore(e.target.value)}
        aria-invalid={esito && !esito.ok ? true : undefined}
        aria-describedby={esito ? idEsito : undefined}
      />
      <button type="submit" className="btn btn-sm btn-outline-primary" disabled={inCorso}>
        Salva<span className="visually-hidden"> la scadenza di «{titolo}»</span>
      </button>
      <span id={idEsito} className={`small ${esito?.ok ? "text-success" : "text-danger"}`} role="status">
        {inCorso ? "Salvataggio…" : esito?.testo}
      </span>
    </form>
  );
}
