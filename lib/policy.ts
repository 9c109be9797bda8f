/**
 * The one place that decides every permission: role × settore × state × action.
 * Pages, server actions and scripts all ask here; hiding a button is not a permission.
 */
import type { StatoEdizione, StatoSezione } from "./edition-package/schema";

export type Ruolo = "amministratore" | "coordinatore" | "referente" | "assessore" | "lettore";

export interface Attore {
  userId: number;
  /** A referente's membership names their settore; other roles have settoreId null. */
  ruoli: { ruolo: Ruolo; settoreId: number | null }[];
}

export interface SezioneRisorsa {
  settoreId: number;
  stato: StatoSezione;
  statoEdizione: StatoEdizione;
}

export interface EdizioneRisorsa {
  stato: StatoEdizione;
}

/** Actions on a section: they need the section. */
export type AzioneSezione =
  | "sezione.leggi"
  | "sezione.modifica"
  | "sezione.invia"
  | "sezione.approva"
  | "sezione.richiedi_modifiche"
  | "sezione.riapri"
  | "sezione.commenta"
  | "sezione.assegna";

/** Actions on an edition as a whole. */
export type AzioneEdizione =
  | "edizione.leggi"
  | "edizione.configura"
  | "edizione.invia_firma"
  /** The coordinator takes back an edition awaiting signature, to change it. */
  | "edizione.ritira"
  | "edizione.firma"
  | "edizione.rimanda"
  | "edizione.pubblica"
  /** Start a correction (erratum) of a published edition. */
  | "edizione.errata"
  /** Start the next edition, carried forward from a published one. */
  | "edizione.nuova";

/** Actions that need no resource. */
export type AzioneGenerale =
  | "utenti.gestisci"
  | "audit.leggi"
  /** The coordinator's dashboard of the edition. */
  | "coordinamento.accedi"
  /** The referente's list of their settore's sections. */
  | "settore.lavora";

export type Azione = AzioneSezione | AzioneEdizione | AzioneGenerale;

export type Decisione = { consentito: true } | { consentito: false; motivo: string };

const SI: Decisione = { consentito: true };
const no = (motivo: string): Decisione => ({ consentito: false, motivo });

export const ha = (a: Attore, ruolo: Ruolo) => a.ruoli.some((r) => r.ruolo === ruolo);
const referenteDi = (a: Attore, settoreId: number) =>
  a.ruoli.some((r) => r.ruolo === "referente" && r.settoreId === settoreId);
const MODIFICABILE: StatoSezione[] = ["bozza", "da_rivedere"];

function sezione(a: Attore, azione: AzioneSezione, s: SezioneRisorsa): Decisione {
  const coordinatore = ha(a, "coordinatore");
  const proprietario = referenteDi(a, s.settoreId);
  const lettoreEdizione = coordinatore || ha(a, "assessore") || ha(a, "lettore");
  const inPreparazione = s.statoEdizione === "in_preparazione";

  switch (azione) {
    case "sezione.leggi":
      return lettoreEdizione || proprietario ? SI : no("La sezione appartiene a un altro settore.");
    case "sezione.modifica":
    case "sezione.invia": {
      if (!proprietario && !(coordinatore && azione === "sezione.modifica")) {
        return no(proprietario || lettoreEdizione ? "Il tuo ruolo non consente questa operazione." : "La sezione appartiene a un altro settore.");
      }
      if (!inPreparazione) return no("L'edizione non è più in preparazione.");
      if (!MODIFICABILE.includes(s.stato)) {
        return no(s.stato === "inviata" ? "La sezione è in revisione presso il coordinamento." : "La sezione è approvata: solo il coordinamento può riaprirla.");
      }
      return SI;
    }
    case "sezione.approva":
    case "sezione.richiedi_modifiche":
      if (!coordinatore) return no("Solo il coordinamento decide sulle sezioni.");
      if (!inPreparazione) return no("L'edizione non è più in preparazione.");
      return s.stato === "inviata" ? SI : no("Si può decidere solo su una sezione inviata alla revisione.");
    case "sezione.riapri":
      if (!coordinatore) return no("Solo il coordinamento può riaprire una sezione.");
      if (!inPreparazione) return no("L'edizione non è più in preparazione.");
      return s.stato === "approvata" ? SI : no("Si può riaprire solo una sezione approvata.");
    case "sezione.commenta":
      if (!(coordinatore || ha(a, "assessore") || proprietario)) return no("Il tuo ruolo non consente di commentare questa sezione.");
      return s.statoEdizione === "pubblicata" ? no("L'edizione è pubblicata.") : SI;
    case "sezione.assegna":
      if (!coordinatore) return no("Solo il coordinamento assegna sezioni e scadenze.");
      return inPreparazione ? SI : no("L'edizione non è più in preparazione.");
  }
}

function edizione(a: Attore, azione: AzioneEdizione, e: EdizioneRisorsa): Decisione {
  switch (azione) {
    case "edizione.leggi":
      // The assembled report is for the whole team; a section's working page
      // (comments, decisions, history) stays with its settore and the reviewers.
      return a.ruoli.length > 0 ? SI : no("Il tuo account non ha ancora un ruolo.");
    case "edizione.configura":
    case "edizione.invia_firma":
      if (!ha(a, "coordinatore")) return no("Solo il coordinamento gestisce l'edizione.");
      return e.stato === "in_preparazione" ? SI : no("L'edizione non è più in preparazione.");
    case "edizione.ritira":
      if (!ha(a, "coordinatore")) return no("Solo il coordinamento gestisce l'edizione.");
      return e.stato === "in_firma" ? SI : no("L'edizione non è in attesa di firma.");
    case "edizione.firma":
    case "edizione.rimanda":
      if (!ha(a, "assessore")) return no("Solo l'Assessore firma l'edizione.");
      return e.stato === "in_firma" ? SI : no("L'edizione non è in attesa di firma.");
    case "edizione.pubblica":
      if (!ha(a, "coordinatore")) return no("Solo il coordinamento pubblica l'edizione.");
      return e.stato === "firmata" ? SI : no("Si può pubblicare solo un'edizione firmata.");
    case "edizione.errata":
    case "edizione.nuova":
      if (!ha(a, "coordinatore")) return no("Solo il coordinamento gestisce le edizioni.");
      return e.stato === "pubblicata" ? SI : no("Si parte solo da un'edizione pubblicata.");
  }
}

export function decidi(a: Attore, azione: AzioneSezione, risorsa: SezioneRisorsa): Decisione;
export function decidi(a: Attore, azione: AzioneEdizione, risorsa: EdizioneRisorsa): Decisione;
export function decidi(a: Attore, azione: AzioneGenerale): Decisione;
export function decidi(a: Attore, azione: Azione, risorsa?: SezioneRisorsa | EdizioneRisorsa): Decisione {
  if (azione === "utenti.gestisci") return ha(a, "amministratore") ? SI : no("Solo l'amministratore gestisce utenti e settori.");
  if (azione === "audit.leggi") {
    return ha(a, "amministratore") || ha(a, "coordinatore") ? SI : no("Il tuo ruolo non consente di consultare il registro.");
  }
  if (azione === "coordinamento.accedi") return ha(a, "coordinatore") ? SI : no("Pagina riservata al coordinamento.");
  if (azione === "settore.lavora") return ha(a, "referente") ? SI : no("Pagina riservata ai referenti di settore.");
  if (!risorsa) throw new Error(`L'azione ${azione} richiede una risorsa`);
  if (azione.startsWith("sezione.")) return sezione(a, azione as AzioneSezione, risorsa as SezioneRisorsa);
  return edizione(a, azione as AzioneEdizione, risorsa as EdizioneRisorsa);
}

export class PermessoNegato extends Error {
  constructor(motivo: string) {
    super(motivo);
    this.name = "PermessoNegato";
  }
}

/** Throws PermessoNegato with the Italian reason when the action is not allowed. */
export function richiedi(d: Decisione): void {
  if (!d.consentito) throw new PermessoNegato(d.motivo);
}
