/**
 * What the rating widget asks, as plain data: the widget, the route that records the
 * answer, the coordinator's view and the open data all read the same words.
 * Modelled on the rating component of Designers Italia's "modello Comuni": a 1–5 star
 * question, then one follow-up question whose answers depend on the rating.
 */

/** The question at the foot of every public page (a contract: DESIGN.md). */
export const DOMANDA_ASCOLTO = "Quanto sono chiare le informazioni su questa pagina?";

export const VOTI = [1, 2, 3, 4, 5] as const;
export type Voto = (typeof VOTI)[number];

/** What each star says to a screen reader and in the coordinator's tables. */
export const ETICHETTE_VOTO: Record<Voto, string> = {
  1: "1 stella su 5: per niente chiare",
  2: "2 stelle su 5: poco chiare",
  3: "3 stelle su 5: abbastanza chiare",
  4: "4 stelle su 5: chiare",
  5: "5 stelle su 5: molto chiare",
};

export interface Motivo {
  codice: string;
  etichetta: string;
}

/** Follow-up for 1–3 stars. */
export const DOMANDA_NEGATIVA = "Che cosa non era chiaro?";
export const MOTIVI_NEGATIVI = [
  { codice: "testo-difficile", etichetta: "Il testo era difficile da capire" },
  { codice: "incomplete", etichetta: "Le informazioni erano incomplete" },
  { codice: "numeri-poco-chiari", etichetta: "I numeri e i grafici non erano chiari" },
  { codice: "non-trovato", etichetta: "Non ho trovato quello che cercavo" },
  { codice: "problemi-tecnici", etichetta: "Ho avuto problemi tecnici" },
  { codice: "altro-negativo", etichetta: "Altro" },
] as const satisfies readonly Motivo[];

/** Follow-up for 4–5 stars. */
export const DOMANDA_POSITIVA = "Che cosa era chiaro?";
export const MOTIVI_POSITIVI = [
  { codice: "testo-chiaro", etichetta: "Il testo era facile da capire" },
  { codice: "complete", etichetta: "Le informazioni erano complete" },
  { codice: "numeri-chiari", etichetta: "I numeri e i grafici erano chiari" },
  { codice: "trovato", etichetta: "Ho trovato quello che cercavo" },
  { codice: "nessun-problema", etichetta: "Non ho avuto problemi tecnici" },
  { codice: "altro-positivo", etichetta: "Altro" },
] as const satisfies readonly Motivo[];

export type CodiceMotivo = (typeof MOTIVI_NEGATIVI)[number]["codice"] | (typeof MOTIVI_POSITIVI)[number]["codice"];

/** 1–3 stars ask what was unclear, 4–5 what was clear. */
export const negativo = (voto: number): boolean => voto <= 3;

export function motiviPer(voto: number): readonly Motivo[] {
  return negativo(voto) ? MOTIVI_NEGATIVI : MOTIVI_POSITIVI;
}

/** A follow-up answer only counts with the rating it belongs to (a hidden choice left checked does not). */
export function motivoValido(voto: number, motivo: string | null | undefined): motivo is CodiceMotivo {
  return !!motivo && motiviPer(voto).some((m) => m.codice === motivo);
}

const TUTTI: readonly Motivo[] = [...MOTIVI_NEGATIVI, ...MOTIVI_POSITIVI];

/** The label of a stored answer ("Altro" says which list). */
export function etichettaMotivo(codice: string | null | undefined): string | null {
  if (!codice) return null;
  const m = TUTTI.find((x) => x.codice === codice);
  if (!m) return codice;
  return m.codice === "altro-negativo" ? "Altro (non chiaro)" : m.codice === "altro-positivo" ? "Altro (chiaro)" : m.etichetta;
}

export const MAX_COMMENTO = 1000;
export const MAX_EMAIL = 254;
export const MAX_NOTA = 1000;

/** Days after which a contact email is erased even if its comment was never handled. */
export const GIORNI_EMAIL = 90;

/** The one-line privacy notice under the widget: what is kept, for how long, who reads it. */
export const INFORMATIVA_ASCOLTO =
  `Voto e commento sono letti solo dal coordinamento del Bilancio sociale; nessun cookie: del tuo indirizzo di rete resta solo ` +
  `un'impronta che dopo un giorno non si ricollega a te; l'email non è mai pubblicata ed è cancellata quando il commento è gestito, ` +
  `al più tardi dopo ${GIORNI_EMAIL} giorni.`;
