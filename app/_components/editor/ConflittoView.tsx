"use client";

import type { Blocco } from "@/lib/content/blocks";
import { formatDataOra } from "@/lib/numbers/format";
import { SezioneContent } from "../report/SezioneContent";

/** Both versions side by side, rendered as the report would show them; the user decides. */
export function ConflittoView({
  id,
  mia,
  loro,
  autore,
  il,
  onMia,
  onLoro,
  onAMano,
}: {
  /** Unique in the page: a refused step brings the focus here. */
  id: string;
  mia: Blocco;
  loro: Blocco;
  autore: string | null;
  il: string;
  onMia: () => void;
  onLoro: () => void;
  onAMano: () => void;
}) {
  return (
    <section id={id} className="alert alert-warning" aria-labelledby={`${id}-titolo`} role="alert" tabIndex={-1}>
      <h3 id={`${id}-titolo`} className="h5">Un collega ha modificato questo blocco</h3>
      <p>
        {autore ?? "Qualcuno"} ha salvato una versione alle {formatDataOra(il)}, dopo che avevi aperto il blocco. Le tue modifiche non sono andate perse: scegli quale tenere.
      </p>
      <div className="row g-3">
        <div className="col-md-6">
          <h4 className="h6">La tua versione</h4>
          <div className="border bg-white p-2"><SezioneContent blocchi={[{ id: -1, dati: mia }]} /></div>
        </div>
        <div className="col-md-6">
          <h4 className="h6">La versione salvata da {autore ?? "un collega"}</h4>
          <div className="border bg-white p-2"><SezioneContent blocchi={[{ id: -2, dati: loro }]} /></div>
        </div>
      </div>
      <div className="d-flex flex-wrap gap-2 mt-3">
        <button type="button" className="btn btn-primary" onClick={onMia}>Tieni la mia versione</button>
        <button type="button" className="btn btn-outline-primary" onClick={onLoro}>Prendi la loro</button>
        <button type="button" className="btn btn-outline-secondary" onClick={onAMano}>Modifica a mano</button>
      </div>
    </section>
  );
}
