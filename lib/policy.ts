/**
 * The one place that decides every permission: role × settore × state × action.
 * Pages, server actions and scripts all ask here; hiding a button is not a permission.
 * The state machines themselves are data in lib/workflow.ts; this module applies them.
 */
import type { Ruolo } from "./ruoli";
import {
  ETICHETTE_AZIONE,
  ETICHETTE_STATO_SEZIONE,
  edizioneAperta,
  STATI_SEZIONE_MODIFICABILI,
  TRANSIZIONI,
  TRANSIZIONI_EDIZIONE,
  transizione,
  type AzioneFlusso,
  type PassoEdizione,
  type StatoEdizione,
  type StatoSezione,
} from "./workflow";

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
  /** Who sent it for signature: they do not sign it. */
  inviataFirmaDa?: number | null;
}

/** The policy's view of a section: its owner, its state and its edition's state. */
export function risorsaSezione(s: { settoreId: number; stato: StatoSezione }, edizione: StatoEdizione | { stato: StatoEdizione }): SezioneRisorsa {
  return { settoreId: s.settoreId, stato: s.stato, statoEdizione: typeof edizione === "string" ? edizione : edizione.stato };
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
  /** Structure, owners and deadlines of an edition in preparation. */
  | "edizione.configura"
  | `edizione.${PassoEdizione}`
  /** Start a correction (erratum) of a published edition. */
  | "edizione.errata"
  /** Start the next edition, carried forward from a published one. */
  | "edizione.nuova";

/** Actions that need no resource. */
export type AzioneGenerale =
  | "utenti.gestisci"
  | "settori.gestisci"
  /** The ente's own settings: the licence of its open data. */
  | "ente.configura"
  | "audit.leggi"
  /** Create an edition: blank, from a template or from a package. */
  | "edizione.crea"
  /** The list of editions and the assembled report: every role. */
  | "edizioni.elenca"
  /** The structure and assignment pages of any edition (changes need "edizione.configura" on its state). */
  | "edizioni.gestisci"
  /** The coordinator's dashboard of the edition. */
  | "coordinamento.accedi"
  /** The referente's list of their settore's sections. */
  | "settore.lavora"
  /** One's own profile and password. */
  | "profilo.modifica"
  /** Citizens' ratings and comments on the published editions (/ascolto). */
  | "ascolto.leggi"
  /** Handle a citizen's comment, hide it as spam, publish the ratings as open data. */
  | "ascolto.gestisci";

export type Azione = AzioneSezione | AzioneEdizione | AzioneGenerale;

export type Decisione = { consentito: true } | { consentito: false; motivo: string };

const SI: Decisione = { consentito: true };
const no = (motivo: string): Decisione => ({ consentito: false, motivo });

export const ha = (a: Attore, ruolo: Ruolo) => a.ruoli.some((r) => r.ruolo === ruolo);
const referenteDi = (a: Attore, settoreId: number) => a.ruoli.some((r) => r.ruolo === "referente" && r.settoreId === settoreId);

function sezione(a: Attore, azione: AzioneSezione, s: SezioneRisorsa): Decisione {
  const coordinatore = ha(a, "coordinatore");
  const proprietario = referenteDi(a, s.settoreId);
  const lettoreEdizione = coordinatore || ha(a, "assessore") || ha(a, "lettore");
  const inPreparazione = edizioneAperta(s.statoEdizione);

  switch (azione) {
    case "sezione.leggi":
      return lettoreEdizione || proprietario ? SI : no("La sezione appartiene a un altro settore.");
    case "sezione.modifica":
    case "sezione.invia": {
      if (!proprietario && !(coordinatore && azione === "sezione.modifica")) {
        return no(proprietario || lettoreEdizione ? "Il tuo ruolo non consente questa operazione." : "La sezione appartiene a un altro settore.");
      }
      if (!inPreparazione) return no("L'edizione non è più in preparazione.");
      if (!STATI_SEZIONE_MODIFICABILI.includes(s.stato)) {
        return no(s.stato === "inviata" ? "La sezione è in revisione presso il coordinamento." : "La sezione è approvata: solo il coordinamento può riaprirla.");
      }
      return SI;
    }
    case "sezione.approva":
    case "sezione.richiedi_modifiche":
    case "sezione.riapri": {
      if (!coordinatore) return no(azione === "sezione.riapri" ? "Solo il coordinamento può riaprire una sezione." : "Solo il coordinamento decide sulle sezioni.");
      if (!inPreparazione) return no("L'edizione non è più in preparazione.");
      const passo = azione.slice("sezione.".length) as AzioneFlusso;
      if (transizione(s.stato, passo)) return SI;
      return no(passo === "riapri" ? "Si può riaprire solo una sezione approvata." : "Si può decidere solo su una sezione inviata alla revisione.");
    }
    case "sezione.commenta":
      if (!(coordinatore || ha(a, "assessore") || proprietario)) return no("Il tuo ruolo non consente di commentare questa sezione.");
      return s.statoEdizione === "pubblicata" ? no("L'edizione è pubblicata.") : SI;
    case "sezione.assegna":
      if (!coordinatore) return no("Solo il coordinamento assegna sezioni e scadenze.");
      return inPreparazione ? SI : no("L'edizione non è più in preparazione.");
  }
}

/** Why a lifecycle step is refused, by role and by state, as the edition page says it. */
const RIFIUTO_PASSO: Record<PassoEdizione, { ruolo: string; stato: string }> = {
  invia_firma: { ruolo: "Solo il coordinamento gestisce l'edizione.", stato: "L'edizione non è più in preparazione." },
  ritira: { ruolo: "Solo il coordinamento gestisce l'edizione.", stato: "L'edizione non è in attesa di firma." },
  firma: { ruolo: "Solo l'Assessore firma l'edizione.", stato: "L'edizione non è in attesa di firma." },
  rimanda: { ruolo: "Solo l'Assessore firma l'edizione.", stato: "L'edizione non è in attesa di firma." },
  pubblica: { ruolo: "Solo il coordinamento pubblica l'edizione.", stato: "Si può pubblicare solo un'edizione firmata." },
};

function edizione(a: Attore, azione: AzioneEdizione, e: EdizioneRisorsa): Decisione {
  switch (azione) {
    case "edizione.leggi":
      // The assembled report is for the whole team, in every state; a section's working
      // page (comments, decisions, history) stays with its settore and the reviewers.
      return generale(a, "edizioni.elenca");
    case "edizione.configura":
      if (!ha(a, "coordinatore")) return no("Solo il coordinamento gestisce l'edizione.");
      return edizioneAperta(e.stato) ? SI : no("L'edizione non è più in preparazione.");
    case "edizione.errata":
    case "edizione.nuova":
      if (!ha(a, "coordinatore")) return no("Solo il coordinamento gestisce le edizioni.");
      return e.stato === "pubblicata" ? SI : no("Si parte solo da un'edizione pubblicata.");
    default: {
      const passo = azione.slice("edizione.".length) as PassoEdizione;
      const t = TRANSIZIONI_EDIZIONE.find((x) => x.passo === passo)!;
      if (!ha(a, t.ruolo)) return no(RIFIUTO_PASSO[passo].ruolo);
      if (passo === "firma") {
        // Separation of duties: who prepares or manages does not sign, nor does who sent it for signature.
        if (ha(a, "amministratore") || ha(a, "coordinatore")) return no("Chi è anche amministratore o coordinatore non firma l'edizione.");
        if (e.inviataFirmaDa === a.userId) return no("Hai inviato tu l'edizione alla firma: deve firmarla un'altra persona.");
      }
      return e.stato === t.da ? SI : no(RIFIUTO_PASSO[passo].stato);
    }
  }
}

function generale(a: Attore, azione: AzioneGenerale): Decisione {
  switch (azione) {
    case "utenti.gestisci":
    case "settori.gestisci":
      return ha(a, "amministratore") ? SI : no("Solo l'amministratore gestisce utenti e settori.");
    case "ente.configura":
      return ha(a, "amministratore") ? SI : no("Solo l'amministratore configura l'ente.");
    case "audit.leggi":
      return ha(a, "amministratore") || ha(a, "coordinatore") ? SI : no("Il tuo ruolo non consente di consultare il registro.");
    case "edizione.crea":
      return ha(a, "coordinatore") ? SI : no("Solo il coordinamento crea le edizioni.");
    case "edizioni.elenca":
      return a.ruoli.length > 0 ? SI : no("Il tuo account non ha ancora un ruolo.");
    case "edizioni.gestisci":
      return ha(a, "coordinatore") ? SI : no("Solo il coordinamento gestisce l'edizione.");
    case "coordinamento.accedi":
      return ha(a, "coordinatore") ? SI : no("Pagina riservata al coordinamento.");
    case "settore.lavora":
      return ha(a, "referente") ? SI : no("Pagina riservata ai referenti di settore.");
    case "profilo.modifica":
      // Any active account: the session layer has already refused deactivated ones.
      return SI;
    case "ascolto.leggi":
    case "ascolto.gestisci":
      // Comments may carry a contact email: only the coordination reads and handles them.
      return ha(a, "coordinatore") ? SI : no("Le valutazioni dei cittadini sono riservate al coordinamento.");
  }
}

const GENERALI: readonly AzioneGenerale[] = ["utenti.gestisci", "settori.gestisci", "ente.configura", "audit.leggi", "edizione.crea", "edizioni.elenca", "edizioni.gestisci", "coordinamento.accedi", "settore.lavora", "profilo.modifica", "ascolto.leggi", "ascolto.gestisci"];

export function decidi(a: Attore, azione: AzioneSezione, risorsa: SezioneRisorsa): Decisione;
export function decidi(a: Attore, azione: AzioneEdizione, risorsa: EdizioneRisorsa): Decisione;
export function decidi(a: Attore, azione: AzioneGenerale): Decisione;
export function decidi(a: Attore, azione: Azione, risorsa?: SezioneRisorsa | EdizioneRisorsa): Decisione {
  if ((GENERALI as readonly string[]).includes(azione)) return generale(a, azione as AzioneGenerale);
  if (!risorsa) throw new Error(`L'azione ${azione} richiede una risorsa`);
  if (azione.startsWith("sezione.")) return sezione(a, azione as AzioneSezione, risorsa as SezioneRisorsa);
  return edizione(a, azione as AzioneEdizione, risorsa as EdizioneRisorsa);
}

// ---- The section workflow table, applied

/** Whether this person may take this review step now: the table first, then the permission. */
export function decidiTransizione(a: Attore, azione: AzioneFlusso, s: SezioneRisorsa): Decisione & { verso?: StatoSezione } {
  const t = transizione(s.stato, azione);
  if (!t) return no(`Da una sezione «${ETICHETTE_STATO_SEZIONE[s.stato].toLowerCase()}» non si può «${ETICHETTE_AZIONE[azione].toLowerCase()}».`);
  const d = decidi(a, `sezione.${azione}`, s);
  return d.consentito ? { consentito: true, verso: t.a } : d;
}

/** The review steps this person can take on this section now (for the buttons). */
export function azioniPossibili(a: Attore, s: SezioneRisorsa): AzioneFlusso[] {
  return TRANSIZIONI.filter((t) => t.da === s.stato && decidi(a, `sezione.${t.azione}`, s).consentito).map((t) => t.azione);
}

/** The lifecycle steps this person can take on this edition now (for the edition page's buttons). */
export function passiPossibili(a: Attore, e: EdizioneRisorsa): PassoEdizione[] {
  return TRANSIZIONI_EDIZIONE.filter((t) => t.da === e.stato && decidi(a, `edizione.${t.passo}`, e).consentito).map((t) => t.passo);
}
