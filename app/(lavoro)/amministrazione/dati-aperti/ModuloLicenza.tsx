"use client";

/**
 * The licence of the ente's open data: one choice among the licences of
 * lib/opendata/licenze.ts, as radio buttons with what each allows. What was chosen
 * stays selected after a refused submit; the error is said beside the group.
 */
import { useActionState, useState } from "react";
import { impostaLicenzaAction } from "@/app/_server/ente-actions";
import { Messaggi } from "@/app/_components/editor/fields";
import { campiDi } from "@/app/_components/esito";
import { inviaSenzaReset } from "@/app/_components/invia-senza-reset";

export interface OpzioneLicenza {
  spdx: string;
  nome: string;
  sigla: string;
  uri: string;
  spiegazione: string;
}

export function ModuloLicenza({ licenze, attuale }: { licenze: OpzioneLicenza[]; attuale: string }) {
  const [esito, invia, inCorso] = useActionState(impostaLicenzaAction, null);
  const [scelta, setScelta] = useState(attuale);
  const errore = campiDi(esito).licenza;
  return (
    <form action={invia} onSubmit={inviaSenzaReset(invia)} noValidate>
      <fieldset className="mb-3" aria-describedby={["licenza-aiuto", errore && "licenza-errore"].filter(Boolean).join(" ")} aria-invalid={errore ? true : undefined}>
        <legend className="h5">Licenza dei dati aperti</legend>
        {licenze.map((l) => (
          <div key={l.spdx} className="form-check mb-2">
            <input
              className={`form-check-input${errore ? " is-invalid" : ""}`}
              type="radio"
              name="licenza"
              id={`licenza-${l.spdx}`}
              value={l.spdx}
              checked={scelta === l.spdx}
              onChange={() => setScelta(l.spdx)}
              aria-describedby={`licenza-${l.spdx}-spiegazione`}
            />
            <label className="form-check-label fw-semibold" htmlFor={`licenza-${l.spdx}`}>
              {l.nome} ({l.sigla})
            </label>
            <small id={`licenza-${l.spdx}-spiegazione`} className="form-text d-block">
              {l.spiegazione} <a href={l.uri} rel="noopener noreferrer" target="_blank">Testo della licenza<span className="visually-hidden"> {l.sigla} (si apre in una nuova scheda)</span></a>
            </small>
          </div>
        ))}
        <Messaggi id="licenza" errore={errore} aiuto="Vale per tutte le edizioni pubblicate: il catalogo DCAT-AP_IT la indica per ogni file, la copertina di ogni edizione la mostra accanto ai dati." />
      </fieldset>
      <div className="d-flex align-items-center gap-3">
        <button type="submit" className="btn btn-primary" disabled={inCorso}>Salva la licenza</button>
        <span role="status" className="small text-success">{esito?.ok ? (esito.cambiata ? "Licenza salvata." : "La licenza era già questa.") : ""}</span>
      </div>
      {esito && !esito.ok && !errore && <div className="alert alert-danger mt-3" role="alert">{esito.messaggio}</div>}
    </form>
  );
}
