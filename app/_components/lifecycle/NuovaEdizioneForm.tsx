"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { nuovaEdizioneAction } from "@/app/_server/edition-actions";
import { campiDi } from "@/app/_components/esito";

type Campo = "slug" | "titolo" | "annoInizio" | "annoFine";

const CAMPI: { campo: Campo; etichetta: string; aiuto?: string; larghezza: string }[] = [
  { campo: "titolo", etichetta: "Titolo", larghezza: "col-12" },
  { campo: "slug", etichetta: "Indirizzo pubblico", aiuto: "Sarà /edizioni/<indirizzo>: minuscole, cifre e trattini.", larghezza: "col-md-4" },
  { campo: "annoInizio", etichetta: "Anno iniziale", larghezza: "col-md-4" },
  { campo: "annoFine", etichetta: "Anno finale", larghezza: "col-md-4" },
];

/** Starts the next edition from a published one; each field's message appears beside it. */
export function NuovaEdizioneForm({ da, annoFine }: { da: string; annoFine: number }) {
  const router = useRouter();
  const inizio = annoFine + 1;
  const [valori, setValori] = useState<Record<Campo, string>>({
    titolo: `Bilancio Sociale ${inizio}–${inizio + 1}`,
    slug: `${inizio}-${inizio + 1}`,
    annoInizio: String(inizio),
    annoFine: String(inizio + 1),
  });
  const [esito, setEsito] = useState<Awaited<ReturnType<typeof nuovaEdizioneAction>> | null>(null);
  const [attesa, setAttesa] = useState(false);

  async function invia(e: FormEvent) {
    e.preventDefault();
    setAttesa(true);
    const r = await nuovaEdizioneAction({ da, ...valori });
    setAttesa(false);
    setEsito(r);
    if (r.ok) router.push(r.vai);
  }

  const errori = campiDi(esito);
  return (
    <form onSubmit={invia} noValidate className="mt-2">
      <p>
        Struttura, settori, assegnazioni e indicatori passano alla nuova edizione; gli ultimi valori pubblicati restano come base di confronto accanto a
        ogni nuovo valore. Tutte le sezioni ripartono in bozza.
      </p>
      <div className="row g-3">
        {CAMPI.map(({ campo, etichetta, aiuto, larghezza }) => (
          <div key={campo} className={larghezza}>
            <label htmlFor={`nuova-${campo}`} className="form-label fw-semibold">{etichetta}</label>
            <input
              id={`nuova-${campo}`}
              className={`form-control${errori[campo] ? " is-invalid" : ""}`}
              value={valori[campo]}
              inputMode={campo.startsWith("anno") ? "numeric" : undefined}
              onChange={(e) => setValori({ ...valori, [campo]: e.target.value })}
              aria-invalid={!!errori[campo]}
              aria-describedby={[aiuto && `nuova-${campo}-aiuto`, errori[campo] && `nuova-${campo}-errore`].filter(Boolean).join(" ") || undefined}
            />
            {aiuto && <div id={`nuova-${campo}-aiuto`} className="form-text">{aiuto}</div>}
            {errori[campo] && <div id={`nuova-${campo}-errore`} className="invalid-feedback d-block">{errori[campo]}</div>}
          </div>
        ))}
      </div>
      {esito && !esito.ok && Object.keys(errori).length === 0 && <p className="alert alert-danger mt-3" role="alert">{esito.messaggio}</p>}
      <button type="submit" className="btn btn-primary mt-3" disabled={attesa}>Crea la nuova edizione</button>
    </form>
  );
}
