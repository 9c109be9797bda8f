/**
 * The section workflow as data: one table of state × action → next state,
 * with the permission each step needs and its conditions. The UI shows the
 * buttons it allows; the server applies the same table.
 */
import type { StatoSezione } from "./edition-package/schema";
import { decidi, type Attore, type AzioneSezione, type Decisione, type SezioneRisorsa } from "./policy";

export type AzioneFlusso = "invia" | "approva" | "richiedi_modifiche" | "riapri";

export interface Transizione {
  da: StatoSezione;
  azione: AzioneFlusso;
  a: StatoSezione;
  permesso: AzioneSezione;
  /** What the step needs besides permission, in words shown to the user. */
  condizione?: "dati_senza_errori" | "commento_o_messaggio" | "motivo";
}

export const TRANSIZIONI: readonly Transizione[] = [
  { da: "bozza", azione: "invia", a: "inviata", permesso: "sezione.invia", condizione: "dati_senza_errori" },
  { da: "da_rivedere", azione: "invia", a: "inviata", permesso: "sezione.invia", condizione: "dati_senza_errori" },
  { da: "inviata", azione: "approva", a: "approvata", permesso: "sezione.approva" },
  { da: "inviata", azione: "richiedi_modifiche", a: "da_rivedere", permesso: "sezione.richiedi_modifiche", condizione: "commento_o_messaggio" },
  { da: "approvata", azione: "riapri", a: "bozza", permesso: "sezione.riapri", condizione: "motivo" },
];

export const ETICHETTE_AZIONE: Record<AzioneFlusso, string> = {
  invia: "Invia alla revisione",
  approva: "Approva",
  richiedi_modifiche: "Richiedi modifiche",
  riapri: "Riapri",
};

export function transizione(da: StatoSezione, azione: AzioneFlusso): Transizione | undefined {
  return TRANSIZIONI.find((t) => t.da === da && t.azione === azione);
}

/** Whether this person may take this step now: the table first, then the policy. */
export function decidiTransizione(a: Attore, azione: AzioneFlusso, s: SezioneRisorsa): Decisione & { verso?: StatoSezione } {
  const t = transizione(s.stato, azione);
  if (!t) return { consentito: false, motivo: `Da una sezione «${s.stato.replace("_", " ")}» non si può «${ETICHETTE_AZIONE[azione].toLowerCase()}».` };
  const d = decidi(a, t.permesso, s);
  return d.consentito ? { consentito: true, verso: t.a } : d;
}

/** The steps this person can take on this section now (for the buttons). */
export function azioniPossibili(a: Attore, s: SezioneRisorsa): AzioneFlusso[] {
  return TRANSIZIONI.filter((t) => t.da === s.stato && decidi(a, t.permesso, s).consentito).map((t) => t.azione);
}
