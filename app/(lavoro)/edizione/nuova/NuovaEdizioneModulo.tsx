"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState, type ChangeEvent } from "react";
import { creaEdizioneAction } from "@/app/_server/crea-edizione-actions";
import { campiDi } from "@/app/_components/esito";
import { Campo, EsitoModulo, Scelta, useModulo } from "../_moduli/modulo";
import { perNumero } from "@/lib/italiano";

type Origine = "vuota" | "modello" | "pacchetto";

const ORIGINI: { valore: Origine; etichetta: string; spiegazione: string }[] = [
  { valore: "vuota", etichetta: "Vuota", spiegazione: "Solo l'edizione: parti, aree, ambiti e pagine li aggiungi dopo." },
  {
    valore: "modello",
    etichetta: "Da un modello",
    spiegazione: "Parti, aree, ambiti (con obiettivo, settori e assessori) e sezioni di un'edizione esistente, con i loro titoli e settori, senza contenuti e senza scadenze.",
  },
  {
    valore: "pacchetto",
    etichetta: "Da un pacchetto",
    spiegazione: "Un file JSON nel formato del pacchetto di edizione (come quello di «npm run edition:export»), con strutture e contenuti.",
  },
];

type Valori = { titolo: string; slug: string; annoInizio: string; annoFine: string };

/** Slug proposed from the years: "2020-2022". */
const proposta = (v: Pick<Valori, "annoInizio" | "annoFine">) => {
  const a = v.annoInizio.trim();
  const b = v.annoFine.trim();
  return /^\d{4}$/.test(a) && /^\d{4}$/.test(b) ? (a === b ? a : `${a}-${b}`) : "";
};

export function NuovaEdizioneModulo({ modelli, maxMb, annoProposto }: { modelli: { slug: string; titolo: string }[]; maxMb: number; annoProposto: number }) {
  const router = useRouter();
  const [origine, setOrigine] = useState<Origine>("vuota");
  const iniziali: Valori = { titolo: "", slug: "", annoInizio: String(annoProposto), annoFine: String(annoProposto + 2) };
  const [valori, setValori] = useState<Valori>({ ...iniziali, slug: proposta(iniziali) });
  // The address follows the years until the person types their own.
  const [slugLibero, setSlugLibero] = useState(false);
  const [letturaFile, setLetturaFile] = useState<string | null>(null);

  const dopoOk = useCallback((r: { ok: boolean; slug?: string }) => {
    if (r.slug) router.push(`/edizione/${r.slug}/struttura`);
  }, [router]);
  const [esito, invia, inCorso] = useModulo(creaEdizioneAction, dopoOk);
  const campi = campiDi(esito);
  const erroriPacchetto = esito && !esito.ok && "erroriPacchetto" in esito ? (esito.erroriPacchetto as { percorso: string; messaggio: string }[]) : [];
  const altri = esito && !esito.ok && "altriErrori" in esito ? (esito.altriErrori as number) : 0;

  const cambia = (campo: keyof Valori) => (e: ChangeEvent<HTMLInputElement>) => {
    const nuovi = { ...valori, [campo]: e.target.value };
    if (campo === "slug") setSlugLibero(e.target.value.trim() !== "");
    else if (!slugLibero && (campo === "annoInizio" || campo === "annoFine")) nuovi.slug = proposta(nuovi);
    setValori(nuovi);
  };

  // With a package, empty fields are taken from the file: show what it says (read in the browser, nothing is sent).
  async function leggiFile(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    setLetturaFile(null);
    if (!f) return;
    if (f.size > maxMb * 1024 * 1024) {
      setLetturaFile(`Il file supera ${maxMb} MB: non sarà accettato.`);
      return;
    }
    try {
      const ed = (JSON.parse(await f.text()) as { edizione?: Partial<Record<keyof Valori, unknown>> }).edizione;
      if (ed && typeof ed === "object") {
        setValori((v) => ({
          titolo: v.titolo || (typeof ed.titolo === "string" ? ed.titolo : ""),
          slug: (slugLibero && v.slug) || (typeof ed.slug === "string" ? ed.slug : v.slug),
          annoInizio: typeof ed.annoInizio === "number" ? String(ed.annoInizio) : v.annoInizio,
          annoFine: typeof ed.annoFine === "number" ? String(ed.annoFine) : v.annoFine,
        }));
        setSlugLibero(true);
        setLetturaFile("Titolo, anni e indirizzo sono stati presi dal pacchetto: puoi cambiarli prima di creare l'edizione.");
      }
    } catch {
      // The server says what is wrong with the file, with its JSON path.
    }
  }

  return (
    <form onSubmit={invia} noValidate className="mt-4" aria-describedby="nuova-regola">
      <fieldset className="mb-4">
        <legend className="h5">Come iniziare</legend>
        {ORIGINI.map((o) => (
          <div key={o.valore} className="form-check">
            <input
              className="form-check-input"
              type="radio"
              name="origine"
              id={`origine-${o.valore}`}
              value={o.valore}
              checked={origine === o.valore}
              onChange={() => setOrigine(o.valore)}
              aria-describedby={`origine-${o.valore}-aiuto`}
            />
            <label className="form-check-label fw-semibold" htmlFor={`origine-${o.valore}`}>{o.etichetta}</label>
            <small id={`origine-${o.valore}-aiuto`} className="form-text d-block mb-2">{o.spiegazione}</small>
          </div>
        ))}
      </fieldset>

      {origine === "modello" && (
        <Scelta
          id="nuova-modello"
          nome="modello"
          etichetta="Edizione da usare come modello"
          campi={campi}
          className="mb-4"
          defaultValue={modelli[0]?.slug}
          opzioni={modelli.map((m) => ({ valore: m.slug, etichetta: m.titolo }))}
        />
      )}

      {origine === "pacchetto" && (
        <div className="mb-4">
          <Campo
            id="nuova-pacchetto"
            nome="pacchetto"
            etichetta="File del pacchetto (.json)"
            campi={campi}
            alias={["pacchetto.testo", "pacchetto.nome"]}
            tipo="file"
            accept=".json,application/json"
            onChange={leggiFile}
            aiuto={`Al massimo ${maxMb} MB. Il pacchetto è controllato come da «npm run edition:import»: se contiene errori non viene scritto nulla e ogni errore è elencato con il suo percorso nel file.`}
          />
          {letturaFile && <p className="small" role="status">{letturaFile}</p>}
        </div>
      )}

      <p id="nuova-regola" className="small">
        {origine === "pacchetto"
          ? "Titolo, anni e indirizzo scritti qui valgono al posto di quelli del pacchetto; un campo lasciato vuoto prende il valore del pacchetto."
          : "Tutti i campi sono obbligatori."}
      </p>
      <div className="row g-3">
        <Campo id="nuova-titolo" nome="titolo" etichetta="Titolo" campi={campi} className="col-12" value={valori.titolo} onChange={cambia("titolo")} placeholder="Bilancio Sociale 2020–2022" maxLength={300} />
        <Campo id="nuova-annoInizio" nome="annoInizio" etichetta="Anno iniziale" campi={campi} className="col-md-4" inputMode="numeric" value={valori.annoInizio} onChange={cambia("annoInizio")} maxLength={4} />
        <Campo id="nuova-annoFine" nome="annoFine" etichetta="Anno finale" campi={campi} className="col-md-4" inputMode="numeric" value={valori.annoFine} onChange={cambia("annoFine")} maxLength={4} />
        <Campo
          id="nuova-slug"
          nome="slug"
          etichetta="Indirizzo"
          campi={campi}
          className="col-md-4"
          value={valori.slug}
          onChange={cambia("slug")}
          maxLength={60}
          aiuto="Sarà /edizioni/<indirizzo> quando sarà pubblicata: minuscole, cifre e trattini. Proposto dagli anni."
        />
      </div>

      <div className="mt-3">
        <EsitoModulo esito={esito} soloErrori />
      </div>
      {erroriPacchetto.length > 0 && (
        <section aria-labelledby="errori-pacchetto" className="mb-3">
          <h2 id="errori-pacchetto" className="h5 text-danger">Errori nel pacchetto ({erroriPacchetto.length + altri})</h2>
          <table className="table table-sm">
            <caption className="visually-hidden">Errori nel pacchetto, con il loro percorso nel file</caption>
            <thead>
              <tr><th scope="col">Percorso nel file</th><th scope="col">Che cosa non va</th></tr>
            </thead>
            <tbody>
              {erroriPacchetto.map((e, i) => (
                <tr key={i}><td><code>{e.percorso}</code></td><td>{e.messaggio}</td></tr>
              ))}
            </tbody>
          </table>
          {altri > 0 && <p className="small">…e {perNumero(altri, "un altro errore", `altri ${altri} errori`)}.</p>}
        </section>
      )}
      <button type="submit" className="btn btn-primary" disabled={inCorso}>
        {inCorso ? "Creazione in corso…" : "Crea l'edizione"}
      </button>
    </form>
  );
}
