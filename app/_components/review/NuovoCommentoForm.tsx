"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { commentoAction } from "@/app/_server/review-actions";
import type { TipoBlocco } from "@/lib/content/blocks";
import { CAMPI_COMMENTABILI } from "@/lib/review/fields";

/** A new comment anchored to a block and one of its fields (or to the whole section). */
export function NuovoCommentoForm({ sectionId, blocchi }: { sectionId: number; blocchi: { id: number; tipo: TipoBlocco; etichetta: string }[] }) {
  const router = useRouter();
  const [blockId, setBlockId] = useState<string>("");
  const [campo, setCampo] = useState<string>("");
  const [testo, setTesto] = useState("");
  const [errore, setErrore] = useState<string | null>(null);
  const blocco = blocchi.find((b) => String(b.id) === blockId);
  return (
    <form
      aria-labelledby="nuovo-commento"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await commentoAction({ sectionId, blockId: blocco ? blocco.id : null, campo: blocco && campo ? campo : null, testo });
        if (r.ok) {
          setTesto("");
          setErrore(null);
          router.refresh();
        } else setErrore(r.messaggio);
      }}
    >
      <h3 id="nuovo-commento" className="h5">Nuovo commento</h3>
      {/* Bootstrap Italia floats a select's label above its field: the row leaves it room under the heading. */}
      <div className="row mt-4">
        <div className="col-md-7 select-wrapper mb-3">
          <label htmlFor="commento-blocco" className="fw-semibold">Su quale blocco</label>
          <select id="commento-blocco" value={blockId} onChange={(e) => { setBlockId(e.target.value); setCampo(""); }}>
            <option value="">Tutta la sezione</option>
            {blocchi.map((b, i) => (
              <option key={b.id} value={b.id}>{`${i + 1}. ${b.etichetta}`}</option>
            ))}
          </select>
        </div>
        <div className="col-md-5 select-wrapper mb-3">
          <label htmlFor="commento-campo" className="fw-semibold">Su quale campo</label>
          <select id="commento-campo" value={campo} onChange={(e) => setCampo(e.target.value)} disabled={!blocco}>
            <option value="">Blocco intero</option>
            {blocco && CAMPI_COMMENTABILI[blocco.tipo].map((c) => <option key={c.campo} value={c.campo}>{c.etichetta}</option>)}
          </select>
        </div>
      </div>
      <label htmlFor="commento-testo" className="form-label fw-semibold">Commento</label>
      <textarea id="commento-testo" className="form-control mb-2" rows={3} value={testo} onChange={(e) => setTesto(e.target.value)} aria-describedby={errore ? "commento-errore" : undefined} />
      {errore && <p id="commento-errore" className="text-danger small" role="alert">{errore}</p>}
      <button type="submit" className="btn btn-outline-primary">Aggiungi commento</button>
    </form>
  );
}
