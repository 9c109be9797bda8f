"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { commentoAction, risolviCommentoAction } from "@/app/_server/review-actions";
import type { Commento } from "@/lib/review/tipi";
import { formatDataOra } from "@/lib/numbers/format";

/** One discussion: the first comment, its replies, a reply box and the resolve switch. */
export function CommentoThread({ c, sectionId, dove, puoRispondere }: { c: Commento; sectionId: number; dove: string; puoRispondere: boolean }) {
  const router = useRouter();
  const [risposta, setRisposta] = useState("");
  const [errore, setErrore] = useState<string | null>(null);
  const idRisposta = `risposta-${c.id}`;
  return (
    <article className={`border-start border-4 ps-3 mb-3 ${c.risolto ? "border-success" : "border-warning"}`} aria-label={`Commento di ${c.autore} su ${dove}`} data-commento={c.id}>
      <p className="small text-muted mb-1">
        {dove} · {c.risolto ? "risolto" : "aperto"}
      </p>
      {[c, ...c.risposte].map((m) => (
        <div key={m.id} className="mb-2">
          <p className="mb-0">
            <strong>{m.autore}</strong> <span className="small text-muted">{formatDataOra(m.createdAt)}</span>
          </p>
          <p className="mb-0" style={{ whiteSpace: "pre-wrap" }}>{m.testo}</p>
        </div>
      ))}
      {puoRispondere && (
        <form
          className="mt-2"
          onSubmit={async (e) => {
            e.preventDefault();
            const r = await commentoAction({ sectionId, parentId: c.id, testo: risposta });
            if (r.ok) {
              setRisposta("");
              setErrore(null);
              router.refresh();
            } else setErrore(r.messaggio);
          }}
        >
          <label htmlFor={idRisposta} className="form-label small fw-semibold">Rispondi a {c.autore}</label>
          <textarea id={idRisposta} className="form-control form-control-sm mb-2" rows={2} value={risposta} onChange={(e) => setRisposta(e.target.value)} aria-describedby={errore ? `${idRisposta}-errore` : undefined} />
          {errore && <p id={`${idRisposta}-errore`} className="text-danger small" role="alert">{errore}</p>}
          <div className="d-flex gap-2">
            <button type="submit" className="btn btn-sm btn-outline-primary">Rispondi</button>
            <button
              type="button"
              className="btn btn-sm btn-outline-secondary"
              onClick={async () => {
                const r = await risolviCommentoAction({ sectionId, commentId: c.id, risolto: !c.risolto });
                if (r.ok) router.refresh();
                else setErrore(r.messaggio);
              }}
            >
              {c.risolto ? "Riapri la discussione" : "Segna come risolto"}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}
