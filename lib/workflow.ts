/**
 * The two state machines as data, each written once: a section's review and an
 * edition's lifecycle. States, their Italian labels and the transitions (with the
 * permission each step needs) live here; lib/policy.ts decides with these tables,
 * the services apply them and the pages draw their buttons from them.
 * Pure data: the database schema imports the state lists from here.
 */
import type { Ruolo } from "./ruoli";

// ---- Sections: bozza → inviata → approvata, inviata → da rivedere → inviata, approvata → bozza

export const STATI_SEZIONE = ["bozza", "inviata", "da_rivedere", "approvata"] as const;
export type StatoSezione = (typeof STATI_SEZIONE)[number];

export const ETICHETTE_STATO_SEZIONE: Record<StatoSezione, string> = {
  bozza: "Bozza",
  inviata: "Inviata",
  da_rivedere: "Da rivedere",
  approvata: "Approvata",
};

/** The states in which the owner settore may still write. */
export const STATI_SEZIONE_MODIFICABILI: readonly StatoSezione[] = ["bozza", "da_rivedere"];

export type AzioneFlusso = "invia" | "approva" | "richiedi_modifiche" | "riapri";
export const AZIONI_FLUSSO = ["invia", "approva", "richiedi_modifiche", "riapri"] as const satisfies readonly AzioneFlusso[];

export interface Transizione {
  da: StatoSezione;
  azione: AzioneFlusso;
  a: StatoSezione;
  /**
   * What the step needs besides permission: data without errors (warnings confirmed),
   * or a written reason, which reaches the other side in the notification.
   */
  condizione?: "dati_senza_errori" | "motivo";
}

export const TRANSIZIONI: readonly Transizione[] = [
  { da: "bozza", azione: "invia", a: "inviata", condizione: "dati_senza_errori" },
  { da: "da_rivedere", azione: "invia", a: "inviata", condizione: "dati_senza_errori" },
  { da: "inviata", azione: "approva", a: "approvata" },
  { da: "inviata", azione: "richiedi_modifiche", a: "da_rivedere", condizione: "motivo" },
  { da: "approvata", azione: "riapri", a: "bozza", condizione: "motivo" },
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

// ---- Editions: in preparazione → in firma → firmata → pubblicata; ritira and rimanda go back

export const STATI_EDIZIONE = ["in_preparazione", "in_firma", "firmata", "pubblicata"] as const;
export type StatoEdizione = (typeof STATI_EDIZIONE)[number];

export const ETICHETTE_STATO_EDIZIONE: Record<StatoEdizione, string> = {
  in_preparazione: "In preparazione",
  in_firma: "In firma",
  firmata: "Firmata",
  pubblicata: "Pubblicata",
};

/** The one state in which an edition's content, structure, owners and deadlines change. */
export const STATO_EDIZIONE_APERTO = "in_preparazione" satisfies StatoEdizione;
export const edizioneAperta = (stato: StatoEdizione): boolean => stato === STATO_EDIZIONE_APERTO;
/** Frozen for a signature: sent to it or signed and not yet published. Nothing may move under it. */
export const STATI_EDIZIONE_CONGELATI: readonly StatoEdizione[] = ["in_firma", "firmata"];

export type PassoEdizione = "invia_firma" | "ritira" | "firma" | "rimanda" | "pubblica";

export interface TransizioneEdizione {
  da: StatoEdizione;
  passo: PassoEdizione;
  a: StatoEdizione;
  /** The one role that takes this step. */
  ruolo: Extract<Ruolo, "coordinatore" | "assessore">;
  /** Button label. */
  etichetta: string;
  /** The step needs a reason, shown to the other side. */
  motivo?: true;
}

export const TRANSIZIONI_EDIZIONE: readonly TransizioneEdizione[] = [
  { da: "in_preparazione", passo: "invia_firma", a: "in_firma", ruolo: "coordinatore", etichetta: "Invia alla firma" },
  { da: "in_firma", passo: "ritira", a: "in_preparazione", ruolo: "coordinatore", etichetta: "Ritira dalla firma", motivo: true },
  { da: "in_firma", passo: "firma", a: "firmata", ruolo: "assessore", etichetta: "Firma l'edizione" },
  { da: "in_firma", passo: "rimanda", a: "in_preparazione", ruolo: "assessore", etichetta: "Rimanda al coordinamento", motivo: true },
  { da: "firmata", passo: "pubblica", a: "pubblicata", ruolo: "coordinatore", etichetta: "Pubblica" },
];

export function transizioneEdizione(passo: PassoEdizione): TransizioneEdizione {
  return TRANSIZIONI_EDIZIONE.find((t) => t.passo === passo)!;
}

// ---- A citizen's comment: nuovo → gestito (with a note) | spam (hidden)

export const STATI_COMMENTO = ["nuovo", "gestito", "spam"] as const;
export type StatoCommento = (typeof STATI_COMMENTO)[number];
export const ETICHETTE_STATO_COMMENTO: Record<StatoCommento, string> = { nuovo: "Da leggere", gestito: "Gestito", spam: "Spam" };

// ---- A published revision's files: in_coda → in_corso → pronto | errore (retried at the next start)

export const STATI_FILE_SITO = ["in_coda", "in_corso", "pronto", "errore"] as const;
export type StatoFileSito = (typeof STATI_FILE_SITO)[number];
