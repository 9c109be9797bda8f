"use client";

import Link from "next/link";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { importaFoglioAction } from "@/app/_server/import-actions";
import { MAX_BYTE_FOGLIO } from "@/lib/spreadsheet/limiti";
import { SezioneContent } from "@/app/_components/report/SezioneContent";
import { Messaggi } from "@/app/_components/editor/fields";
import { campiDi } from "@/app/_components/esito";
import { perNumero, plurale } from "@/lib/italiano";

/** Choose a file, see what would be written and every bad row, then import — or drop the bad rows explicitly. */
export function ImportForm({ sectionId }: { sectionId: number }) {
  const [esito, azione, inCorso] = useActionState(importaFoglioAction, null);
  const [tipo, setTipo] = useState<"indicatori" | "serie">("indicatori");
  const [scarta, setScarta] = useState(false);
  const anteprima = esito && "anteprima" in esito ? esito.anteprima : undefined;
  const [troppoGrande, setTroppoGrande] = useState<string | null>(null);
  const campi: Record<string, string | undefined> = { ...campiDi(esito), ...(troppoGrande ? { file: troppoGrande } : {}) };

  // Submitted by hand: a form action would reset the file input after the preview.
  function invia(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const dati = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    // The server would refuse a larger body before the action runs: say it here, in words.
    const file = dati.get("file");
    if (file instanceof File && file.size > MAX_BYTE_FOGLIO) {
      setTroppoGrande(`Il file pesa ${(file.size / 1024 / 1024).toLocaleString("it-IT", { maximumFractionDigits: 1 })} MB: il massimo è 5 MB. Salvare solo il foglio necessario o dividerlo.`);
      return;
    }
    setTroppoGrande(null);
    startTransition(() => azione(dati));
  }

  if (esito?.ok && esito.stato === "importato") {
    return (
      <div className="alert alert-success" role="status">
        {perNumero(esito.aggiunti, "Importato", "Importati")} {plurale(esito.aggiunti, "blocco", "blocchi")}. <Link href={`/sezioni/${sectionId}/modifica`}>Torna all&apos;editor</Link>
      </div>
    );
  }
  return (
    <form onSubmit={invia} noValidate>
      <input type="hidden" name="sectionId" value={sectionId} />
      <fieldset className="mb-3">
        <legend className="fs-6 fw-semibold">Che cosa contiene il file</legend>
        <div className="form-check">
          <input className="form-check-input" type="radio" id="tipo-indicatori" name="tipo" value="indicatori" checked={tipo === "indicatori"} onChange={() => setTipo("indicatori")} />
          <label className="form-check-label" htmlFor="tipo-indicatori">Indicatori: una riga per indicatore, colonne etichetta, valore, unità, riferimento, fonte, nota</label>
        </div>
        <div className="form-check">
          <input className="form-check-input" type="radio" id="tipo-serie" name="tipo" value="serie" checked={tipo === "serie"} onChange={() => setTipo("serie")} />
          <label className="form-check-label" htmlFor="tipo-serie">Una serie per un grafico: prima colonna gli anni o le categorie, una colonna per serie</label>
        </div>
      </fieldset>
      {tipo === "serie" && (
        <div className="row">
          <div className="col-md-6 mb-3">
            <label htmlFor="titolo" className="form-label fw-semibold">Titolo del grafico</label>
            <input id="titolo" name="titolo" className="form-control" aria-describedby={campi.titolo ? "titolo-errore" : undefined} />
            <Messaggi id="titolo" errore={campi.titolo} />
          </div>
          <div className="col-md-3 select-wrapper mb-3">
            <label htmlFor="grafico" className="fw-semibold">Tipo di grafico</label>
            <select id="grafico" name="grafico" defaultValue="barre">
              <option value="barre">Barre</option>
              <option value="linee">Linee</option>
              <option value="torta">Torta</option>
              <option value="barre-in-pila">Barre in pila</option>
            </select>
          </div>
          <div className="col-md-3 mb-3">
            <label htmlFor="unita" className="form-label fw-semibold">Unità di misura</label>
            <input id="unita" name="unita" className="form-control" />
          </div>
        </div>
      )}
      <div className="mb-3">
        <label htmlFor="file" className="form-label fw-semibold">File CSV o Excel (.xlsx)</label>
        <input id="file" name="file" type="file" accept=".csv,.txt,.xlsx" className="form-control" aria-describedby={`file-aiuto${campi.file ? " file-errore" : ""}`} />
        <Messaggi id="file" errore={campi.file} aiuto="Numeri all'italiana (1.234,5). Il file non viene salvato finché non confermi l'importazione." />
      </div>
      {esito && !esito.ok && <div className="alert alert-danger" role="alert">{esito.messaggio}</div>}

      {anteprima && (
        <section aria-labelledby="anteprima-titolo" className="my-4">
          <h2 id="anteprima-titolo" className="h4">Anteprima</h2>
          {anteprima.erroriFile.map((e) => <div key={e} className="alert alert-danger" role="alert">{e}</div>)}
          {anteprima.errori.length > 0 && (
            <div className="mb-3">
              <h3 className="h5 text-danger">Righe con errori ({anteprima.errori.length})</h3>
              <table className="table table-sm">
                <caption className="visually-hidden">Errori nel file</caption>
                <thead><tr><th scope="col">Riga</th><th scope="col">Colonna</th><th scope="col">Che cosa non va</th></tr></thead>
                <tbody>
                  {anteprima.errori.map((e, i) => (
                    <tr key={i}><td>{e.riga}</td><td>{e.colonna}</td><td>{e.messaggio}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h3 className="h5">Sarà importato ({anteprima.blocchi.length} {anteprima.blocchi.length === 1 ? "blocco" : "blocchi"})</h3>
          {anteprima.blocchi.length > 0 ? (
            <div className="border p-3"><SezioneContent blocchi={anteprima.blocchi.map((b, i) => ({ id: i + 1, dati: b.blocco }))} /></div>
          ) : (
            <p>Nessun blocco valido.</p>
          )}
          {anteprima.errori.length > 0 && anteprima.blocchi.length > 0 && (
            <div className="form-check mt-3">
              <input className="form-check-input" type="checkbox" id="scarta" name="scarta" value="si" checked={scarta} onChange={(e) => setScarta(e.target.checked)} />
              <label className="form-check-label" htmlFor="scarta">Scarta le righe con errori e importa solo quelle valide</label>
            </div>
          )}
        </section>
      )}
      <div className="d-flex gap-2">
        <button type="submit" name="modalita" value="anteprima" className="btn btn-outline-primary" disabled={inCorso}>Mostra anteprima</button>
        {anteprima && anteprima.blocchi.length > 0 && anteprima.erroriFile.length === 0 && (
          <button type="submit" name="modalita" value="importa" className="btn btn-primary" disabled={inCorso || (anteprima.errori.length > 0 && !scarta)}>
            Importa {plurale(anteprima.blocchi.length, "blocco", "blocchi")}
          </button>
        )}
      </div>
    </form>
  );
}
