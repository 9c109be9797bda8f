"use client";

import Link from "next/link";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { importaUtentiAction } from "@/app/_server/admin-actions";
import { Messaggi } from "@/app/_components/editor/fields";
import { ETICHETTE_RUOLO } from "@/lib/ruoli";
import { campiDi } from "@/app/_components/esito";

/** Choose a file, see who would be created and every bad row, then import — or drop the bad rows explicitly. */
export function ImportaUtentiForm() {
  const [esito, azione, inCorso] = useActionState(importaUtentiAction, null);
  const [scarta, setScarta] = useState(false);
  const anteprima = esito && "anteprima" in esito ? esito.anteprima : undefined;
  const campi = campiDi(esito);

  // Submitted by hand: a form action would reset the file input after the preview.
  function invia(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const dati = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    startTransition(() => azione(dati));
  }

  if (esito?.ok && esito.stato === "importato") {
    return (
      <div className="alert alert-success" role="status">
        Importate {esito.creati} {esito.creati === 1 ? "persona" : "persone"} con {esito.ruoli} {esito.ruoli === 1 ? "ruolo" : "ruoli"}: a ciascuna è stato inviato l&apos;invito.{" "}
        <Link href="/amministrazione">Torna all&apos;elenco degli utenti</Link>
      </div>
    );
  }
  const importabili = anteprima ? anteprima.utenti.length : 0;
  return (
    <form onSubmit={invia} noValidate>
      <div className="mb-3">
        <label htmlFor="file" className="form-label fw-semibold">File CSV o Excel (.xlsx)</label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".csv,.txt,.xlsx"
          className={`form-control${campi.file ? " is-invalid" : ""}`}
          aria-invalid={campi.file ? true : undefined}
          aria-describedby={`file-aiuto${campi.file ? " file-errore" : ""}`}
        />
        <Messaggi
          id="file"
          errore={campi.file}
          aiuto="Prima riga: nome, email, ruolo, codice settore. Una riga per ruolo: la stessa persona può comparire su più righe. Al massimo 500 righe e 1 MB. Nulla viene scritto finché non confermi."
        />
      </div>
      {esito && !esito.ok && !campi.file && <div className="alert alert-danger" role="alert">{esito.messaggio}</div>}

      {anteprima && (
        <section aria-labelledby="anteprima-titolo" className="my-4">
          <h2 id="anteprima-titolo" className="h4">Anteprima</h2>
          {anteprima.erroriFile.map((e) => <div key={e} className="alert alert-danger" role="alert">{e}</div>)}
          {anteprima.errori.length > 0 && (
            <div className="mb-3">
              <h3 className="h5 text-danger">Righe con errori ({anteprima.righeConErrori})</h3>
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
          {anteprima.erroriFile.length === 0 && (
            <>
              <h3 className="h5">Saranno create ({importabili} {importabili === 1 ? "persona" : "persone"})</h3>
              {importabili > 0 ? (
                <table className="table table-sm">
                  <caption className="visually-hidden">Persone da creare</caption>
                  <thead><tr><th scope="col">Riga</th><th scope="col">Nome</th><th scope="col">Email</th><th scope="col">Ruoli</th></tr></thead>
                  <tbody>
                    {anteprima.utenti.map((u) => (
                      <tr key={u.email}>
                        <td>{u.riga}</td>
                        <td>{u.nome}</td>
                        <td>{u.email}</td>
                        <td>{u.ruoli.map((r) => ETICHETTE_RUOLO[r.ruolo] + (r.settore ? ` (${r.settore})` : "")).join(", ")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p>Nessuna riga valida.</p>
              )}
            </>
          )}
          {anteprima.errori.length > 0 && importabili > 0 && (
            <div className="form-check mt-3">
              <input className="form-check-input" type="checkbox" id="scarta" name="scarta" value="si" checked={scarta} onChange={(e) => setScarta(e.target.checked)} />
              <label className="form-check-label" htmlFor="scarta">Scarta le righe con errori e importa solo quelle valide</label>
            </div>
          )}
        </section>
      )}
      <div className="d-flex gap-2">
        <button type="submit" name="modalita" value="anteprima" className="btn btn-outline-primary" disabled={inCorso}>Mostra anteprima</button>
        {anteprima && importabili > 0 && anteprima.erroriFile.length === 0 && (
          <button type="submit" name="modalita" value="importa" className="btn btn-primary" disabled={inCorso || (anteprima.errori.length > 0 && !scarta)}>
            Importa {importabili} {importabili === 1 ? "persona" : "persone"} e invia gli inviti
          </button>
        )}
      </div>
    </form>
  );
}
