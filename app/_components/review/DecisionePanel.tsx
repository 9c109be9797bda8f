"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { transizioneAction } from "@/app/_server/review-actions";
import type { Problema } from "@/lib/review/tipi";
import { ETICHETTE_AZIONE, type AzioneFlusso } from "@/lib/workflow";

const CAMPO_MESSAGGIO: Partial<Record<AzioneFlusso, string>> = {
  richiedi_modifiche: "Messaggio per il settore",
  riapri: "Motivo della riapertura",
};

/** The workflow buttons this person may use now, with the message a step needs and the problems that stop it. */
export function DecisionePanel({ sectionId, version, azioni, dopo }: { sectionId: number; version: number; azioni: AzioneFlusso[]; dopo?: string }) {
  const router = useRouter();
  const [messaggi, setMessaggi] = useState<Partial<Record<AzioneFlusso, string>>>({});
  const [esito, setEsito] = useState<{ errore?: string; problemi?: Problema[]; soloAvvisi?: boolean; fatto?: string } | null>(null);
  const [attesa, setAttesa] = useState(false);
  if (azioni.length === 0) return null;

  async function esegui(azione: AzioneFlusso, confermaAvvisi = false) {
    setAttesa(true);
    const r = await transizioneAction({ sectionId, version, azione, messaggio: messaggi[azione], confermaAvvisi });
    setAttesa(false);
    if (r.ok) {
      setEsito({ fatto: `Fatto: ${ETICHETTE_AZIONE[azione].toLowerCase()}.` });
      if (dopo) router.push(dopo);
      router.refresh();
    } else if (r.tipo === "problemi") setEsito({ errore: r.messaggio, problemi: r.problemi, soloAvvisi: r.soloAvvisi });
    else setEsito({ errore: r.messaggio });
  }

  return (
    <section aria-labelledby="decisioni-titolo" className="card card-bg senza-piede border mb-4">
      <div className="card-body">
        <h2 id="decisioni-titolo" className="h5">Azioni sulla sezione</h2>
        {esito?.fatto && <p className="alert alert-success" role="status">{esito.fatto}</p>}
        {esito?.errore && (
          <div className="alert alert-danger" role="alert">
            <p className="mb-1">{esito.errore}</p>
            {esito.problemi && (
              <ul className="mb-2">
                {esito.problemi.map((p, i) => (
                  <li key={i}>
                    <a href={`#blocco-${p.blockId}-${p.campo.split(".")[0]}`} onClick={() => document.querySelector(`[data-blocco="${p.blockId}"]`)?.scrollIntoView()}>
                      Blocco {p.posizione + 1}
                    </a>
                    : {p.livello === "errore" ? "errore" : "avviso"} — {p.messaggio}
                  </li>
                ))}
              </ul>
            )}
            {esito.soloAvvisi && (
              <button type="button" className="btn btn-sm btn-primary" disabled={attesa} onClick={() => esegui("invia", true)}>
                Ho controllato: invia comunque
              </button>
            )}
          </div>
        )}
        <div className="d-flex flex-wrap gap-4 align-items-end">
          {azioni.map((a) => (
            <div key={a}>
              {CAMPO_MESSAGGIO[a] && (
                <>
                  <label htmlFor={`messaggio-${a}`} className="form-label fw-semibold">{CAMPO_MESSAGGIO[a]}</label>
                  <textarea id={`messaggio-${a}`} className="form-control mb-2" rows={2} value={messaggi[a] ?? ""} onChange={(e) => setMessaggi({ ...messaggi, [a]: e.target.value })} />
                </>
              )}
              <button type="button" className={`btn ${a === "approva" || a === "invia" ? "btn-primary" : "btn-outline-primary"}`} disabled={attesa} onClick={() => esegui(a)}>
                {ETICHETTE_AZIONE[a]}
              </button>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}
