"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { transizioneAction } from "@/app/_server/review-actions";
import type { Problema } from "@/lib/review/tipi";
import { ETICHETTE_AZIONE, type AzioneFlusso } from "@/lib/workflow";
import { completaSalvataggi, type ProblemaBlocco } from "../editor/salvataggi";
import { ElencoProblemi } from "../editor/GuardiaModifiche";
import { descrittori, Messaggi } from "../editor/fields";

const CAMPO_MESSAGGIO: Partial<Record<AzioneFlusso, string>> = {
  richiedi_modifiche: "Messaggio per il settore",
  riapri: "Motivo della riapertura",
};

/** "Prima di … correggi": what each step is called in a refusal. */
const PASSO: Record<AzioneFlusso, string> = {
  invia: "inviare la sezione",
  approva: "approvare la sezione",
  richiedi_modifiche: "chiedere modifiche",
  riapri: "riaprire la sezione",
};

/** The workflow buttons this person may use now, with the message a step needs and the problems that stop it. */
export function DecisionePanel({ sectionId, version, azioni, dopo }: { sectionId: number; version: number; azioni: AzioneFlusso[]; dopo?: string }) {
  const router = useRouter();
  const [messaggi, setMessaggi] = useState<Partial<Record<AzioneFlusso, string>>>({});
  const [esito, setEsito] = useState<{ errore?: string; problemi?: Problema[]; soloAvvisi?: boolean; fatto?: string; modifiche?: { messaggio: string; problemi: ProblemaBlocco[] }; campo?: { azione: AzioneFlusso; messaggio: string } } | null>(null);
  const [attesa, setAttesa] = useState(false);
  if (azioni.length === 0) return null;

  async function esegui(azione: AzioneFlusso, confermaAvvisi = false) {
    setAttesa(true);
    // Nothing typed on this page is left behind: every pending save lands first, and an invalid
    // or conflicting block stops the step before the section changes state.
    const salvato = await completaSalvataggi(PASSO[azione], { mostraAltrove: false });
    if (!salvato.ok) {
      setAttesa(false);
      setEsito({ modifiche: salvato });
      return;
    }
    const r = await transizioneAction({ sectionId, version, azione, messaggio: messaggi[azione], confermaAvvisi });
    setAttesa(false);
    if (r.ok) {
      setEsito({ fatto: `Fatto: ${ETICHETTE_AZIONE[azione].toLowerCase()}.` });
      if (dopo) router.push(dopo);
      router.refresh();
    } else if (r.tipo === "problemi") setEsito({ errore: r.messaggio, problemi: r.problemi, soloAvvisi: r.soloAvvisi });
    else if (r.tipo === "manca_messaggio" && CAMPO_MESSAGGIO[azione]) {
      setEsito({ campo: { azione, messaggio: r.messaggio } });
      requestAnimationFrame(() => document.getElementById(`messaggio-${azione}`)?.focus());
    } else setEsito({ errore: r.messaggio });
  }

  return (
    <section aria-labelledby="decisioni-titolo" className="card card-bg senza-piede border mb-4">
      <div className="card-body">
        <h2 id="decisioni-titolo" className="h5">Azioni sulla sezione</h2>
        {esito?.fatto && <p className="alert alert-success" role="status">{esito.fatto}</p>}
        {esito?.modifiche && <ElencoProblemi {...esito.modifiche} />}
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
                  <textarea
                    id={`messaggio-${a}`}
                    className={`form-control${esito?.campo?.azione === a ? " is-invalid" : ""}`}
                    rows={2}
                    value={messaggi[a] ?? ""}
                    aria-invalid={esito?.campo?.azione === a ? true : undefined}
                    aria-describedby={descrittori(`messaggio-${a}`, esito?.campo?.azione === a ? esito.campo.messaggio : undefined)}
                    onChange={(e) => setMessaggi({ ...messaggi, [a]: e.target.value })}
                  />
                  <div className="mb-2">
                    <Messaggi id={`messaggio-${a}`} errore={esito?.campo?.azione === a ? esito.campo.messaggio : undefined} />
                  </div>
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
