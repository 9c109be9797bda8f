/**
 * Bulk import of people from a CSV or XLSX sheet (columns: nome, email, ruolo,
 * codice settore), read with the same reader as the block import. First a
 * preview that writes nothing and lists every bad row; then the import, all in
 * one transaction: the people, their roles, the audit rows and one invitation
 * each — refused while there are bad rows the amministratore did not choose to drop.
 * A person may appear on several rows, one per role (referente of two settori,
 * coordinatore and lettore…).
 */
import "server-only";
import { inArray } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { settori, users } from "../../db/schema";
import { registra } from "../audit/registra";
import { invita } from "../auth/inviti";
import { formatNumero } from "../numbers/format";
import { ETICHETTE_RUOLO, messaggioIncompatibile, RUOLI, ruoloConSettore, ruoloIncompatibile, type Ruolo } from "../ruoli";
import { inTransazione, senzaPermesso, type Chi, type Esito } from "../servizio";
import { leggiFoglio } from "../spreadsheet/read";
import { cella, mappaColonne, nomeColonna, normalizzaIntestazione, rigaVuota, type ErroreRiga } from "../spreadsheet/indicators";
import { concediRuolo } from "./ruoli-concessi";
import { autore, emailSchema, nomeSchema } from "./utenti";

/** Largest file accepted. */
export const MAX_BYTE_IMPORT_UTENTI = 1024 * 1024;
/** Most data rows in one import (the header excluded). */
export const MAX_RIGHE_IMPORT_UTENTI = 500;

type Campo = "nome" | "email" | "ruolo" | "settore";

const NOMI_CAMPO: Record<Campo, string> = { nome: "nome", email: "email", ruolo: "ruolo", settore: "codice settore" };

const SINONIMI: Record<Campo, string[]> = {
  nome: ["nome", "nome e cognome", "cognome e nome", "nominativo"],
  email: ["email", "e mail", "mail", "indirizzo email", "posta elettronica"],
  ruolo: ["ruolo"],
  settore: ["codice settore", "settore", "codice del settore"],
};

const CAMPO_DA_INTESTAZIONE = new Map<string, Campo>(
  (Object.entries(SINONIMI) as [Campo, string[]][]).flatMap(([campo, nomi]) => nomi.map((n) => [n, campo] as const)),
);

/** How a role may be written in the sheet. */
const RUOLO_DA_TESTO = new Map<string, Ruolo>([
  ...RUOLI.map((r) => [r, r] as const),
  ...RUOLI.map((r) => [normalizzaIntestazione(ETICHETTE_RUOLO[r]), r] as const),
  ["referente settore", "referente"],
  ["admin", "amministratore"],
]);

export interface RuoloImportato {
  riga: number;
  ruolo: Ruolo;
  settoreId: number | null;
  settore: string | null;
}

export interface UtenteImportato {
  /** The first row naming this person. */
  riga: number;
  nome: string;
  email: string;
  ruoli: RuoloImportato[];
}

export interface AnteprimaUtenti {
  utenti: UtenteImportato[];
  errori: ErroreRiga[];
  erroriFile: string[];
  /** Data rows read (empty rows excluded). */
  righe: number;
  /** Rows with at least one error: dropped if the amministratore chooses so. */
  righeConErrori: number;
}

/**
 * The rows of a grid (header first) checked against the database: names,
 * emails (new, consistent across rows), roles and settori (existing, active).
 */
export function analizzaUtenti(tx: Pick<Db, "select">, griglia: string[][]): AnteprimaUtenti {
  const a: AnteprimaUtenti = { utenti: [], errori: [], erroriFile: [], righe: 0, righeConErrori: 0 };
  const intestazione = griglia[0] ?? [];
  if (rigaVuota(intestazione)) {
    a.erroriFile.push(griglia.length === 0 ? "Il file è vuoto." : "La prima riga è vuota: deve contenere le intestazioni delle colonne (nome, email, ruolo, codice settore).");
    return a;
  }
  const { colonne, errori } = mappaColonne(intestazione, CAMPO_DA_INTESTAZIONE, NOMI_CAMPO);
  a.erroriFile.push(...errori);
  const mancanti = (["nome", "email", "ruolo"] as const).filter((c) => colonne[c] === undefined).map((c) => `«${NOMI_CAMPO[c]}»`);
  if (mancanti.length) {
    a.erroriFile.push(
      `${mancanti.length === 1 ? "Manca la colonna" : "Mancano le colonne"} ${mancanti.join(", ")}: la prima riga deve contenere le intestazioni nome, email, ruolo, codice settore. Intestazioni trovate: ${intestazione.map((_, i) => `«${nomeColonna(intestazione, i)}»`).join(", ")}.`,
    );
  }
  if (a.erroriFile.length) return a;
  const datiRighe = griglia.slice(1).filter((r) => !rigaVuota(r)).length;
  if (datiRighe === 0) {
    a.erroriFile.push("Il file contiene solo la riga di intestazione: nessuna persona da importare.");
    return a;
  }
  if (datiRighe > MAX_RIGHE_IMPORT_UTENTI) {
    a.erroriFile.push(`Il file ha ${formatNumero(datiRighe)} righe di persone: se ne possono importare al massimo ${formatNumero(MAX_RIGHE_IMPORT_UTENTI)} alla volta. Dividere il file in parti più piccole.`);
    return a;
  }
  a.righe = datiRighe;

  const testo = (r: number, campo: Campo) => (colonne[campo] === undefined ? "" : cella(griglia, r, colonne[campo]!));
  const nomeCol = (campo: Campo) => (colonne[campo] === undefined ? NOMI_CAMPO[campo] : nomeColonna(intestazione, colonne[campo]!));

  // What the database already holds, read once.
  const tuttiSettori = new Map(tx.select({ id: settori.id, codice: settori.codice, nome: settori.nome, attivo: settori.attivo }).from(settori).all().map((s) => [s.codice, s]));
  const emailsNelFile = new Set<string>();
  for (let r = 1; r < griglia.length; r++) {
    const e = emailSchema.safeParse(testo(r, "email"));
    if (e.success) emailsNelFile.add(e.data);
  }
  const esistenti = new Set(
    emailsNelFile.size ? tx.select({ email: users.email }).from(users).where(inArray(users.email, [...emailsNelFile])).all().map((u) => u.email) : [],
  );

  const perEmail = new Map<string, UtenteImportato>();
  for (let r = 1; r < griglia.length; r++) {
    if (rigaVuota(griglia[r])) continue;
    const riga = r + 1;
    const errori: ErroreRiga[] = [];
    const errore = (campo: Campo, messaggio: string) => errori.push({ riga, colonna: nomeCol(campo), messaggio });

    const n = nomeSchema.safeParse(testo(r, "nome"));
    if (!n.success) errore("nome", n.error.issues[0].message);
    const e = emailSchema.safeParse(testo(r, "email"));
    if (!e.success) errore("email", e.error.issues[0].message);
    else if (esistenti.has(e.data)) errore("email", "Esiste già un utente con questa email: i suoi ruoli si cambiano dalla sua scheda.");

    const testoRuolo = testo(r, "ruolo");
    const ruolo = RUOLO_DA_TESTO.get(normalizzaIntestazione(testoRuolo));
    if (testoRuolo === "") errore("ruolo", "Manca il ruolo: amministratore, coordinatore, referente, assessore o lettore.");
    else if (!ruolo) errore("ruolo", `Ruolo «${testoRuolo}» sconosciuto: usare amministratore, coordinatore, referente, assessore o lettore.`);

    const codice = testo(r, "settore").toLowerCase();
    let settore: { id: number; codice: string; nome: string } | null = null;
    if (ruolo && ruoloConSettore(ruolo)) {
      const s = codice ? tuttiSettori.get(codice) : undefined;
      if (!codice) errore("settore", "Il referente ha bisogno del codice del suo settore.");
      else if (!s) errore("settore", `Nessun settore ha il codice «${codice}»: i codici sono nella pagina dei settori.`);
      else if (!s.attivo) errore("settore", `Il settore «${s.nome}» è disattivato.`);
      else settore = s;
    } else if (ruolo && codice) {
      errore("settore", `Il ruolo «${ETICHETTE_RUOLO[ruolo]}» non è legato a un settore: lasciare vuoto il codice settore.`);
    }

    // The same person on several rows: one name, no role twice.
    if (n.success && e.success && ruolo) {
      const gia = perEmail.get(e.data);
      if (gia && gia.nome !== n.data) {
        errore("nome", `La stessa email alla riga ${gia.riga} ha il nome «${gia.nome}»: una persona ha un solo nome.`);
      }
      const settoreId = settore?.id ?? null;
      const doppia = gia?.ruoli.find((x) => x.ruolo === ruolo && x.settoreId === settoreId);
      if (doppia) errore("ruolo", `Ruolo già indicato per questa persona alla riga ${doppia.riga}.`);
      const incompatibile = gia && ruoloIncompatibile(gia.ruoli.map((x) => x.ruolo), ruolo);
      if (incompatibile) {
        const riga = gia.ruoli.find((x) => x.ruolo === incompatibile)!.riga;
        errore("ruolo", `${messaggioIncompatibile(ruolo, incompatibile)} (riga ${riga})`);
      }
    }

    if (errori.length) {
      a.errori.push(...errori);
      a.righeConErrori++;
      continue;
    }
    const email = e.data!;
    const voce = perEmail.get(email) ?? { riga, nome: n.data!, email, ruoli: [] };
    voce.ruoli.push({ riga, ruolo: ruolo!, settoreId: settore?.id ?? null, settore: settore?.nome ?? null });
    if (!perEmail.has(email)) {
      perEmail.set(email, voce);
      a.utenti.push(voce);
    }
  }
  return a;
}

export interface RichiestaImportUtenti {
  nomeFile: string;
  /** The file's bytes, read only once the policy has said yes. */
  leggi: () => Promise<Uint8Array>;
  modalita: "anteprima" | "importa";
  scartaRigheConErrori: boolean;
}

export type EsitoImportUtenti =
  | Esito<{ stato: "anteprima"; anteprima: AnteprimaUtenti } | { stato: "importato"; creati: number; ruoli: number }>
  | { ok: false; tipo: "non_importabile"; messaggio: string; anteprima: AnteprimaUtenti };

function importabile(a: AnteprimaUtenti, scarta: boolean): string | null {
  if (a.erroriFile.length) return "Il file non può essere importato: " + a.erroriFile.join(" ");
  if (a.errori.length && !scarta) {
    return `Il file ha ${a.righeConErrori === 1 ? "una riga" : `${a.righeConErrori} righe`} con errori: correggile nel foglio oppure scegli di scartarle.`;
  }
  if (a.utenti.length === 0) return "Nel file non c'è nessuna persona da importare.";
  return null;
}

function scrivi(tx: Tx, chi: Chi, nomeFile: string, utenti: UtenteImportato[]): { creati: number; ruoli: number } {
  let ruoli = 0;
  const ids: number[] = [];
  for (const u of utenti) {
    const userId = Number(tx.insert(users).values({ nome: u.nome, email: u.email, passwordHash: "" }).run().lastInsertRowid);
    ids.push(userId);
    registra(tx, { ...autore(chi), azione: "utente.crea", dettagli: { email: u.email, origine: "importazione", utenteId: userId } });
    for (const r of u.ruoli) {
      concediRuolo(tx, chi, { id: userId, email: u.email, nome: u.nome }, r.ruolo, r.settoreId);
      ruoli++;
    }
  }
  registra(tx, { ...autore(chi), azione: "utente.importa", dettagli: { origine: nomeFile.slice(0, 200), utenti: utenti.length } });
  // One invitation each, in the same transaction: the outbox sends them after the commit.
  for (const userId of ids) invita(tx, { userId, creatoDa: chi.userId });
  return { creati: utenti.length, ruoli };
}

/**
 * The same request previews (writes nothing) or imports (all or nothing). The
 * policy is asked before a byte of the file is read. On import the rows are
 * checked again inside the write transaction, so what is written is what the
 * database allows at that moment.
 */
export async function importaUtenti(db: Db, chi: Chi, r: RichiestaImportUtenti): Promise<EsitoImportUtenti> {
  const no = senzaPermesso(chi, "utenti.gestisci");
  if (no) return no;
  const dati = await r.leggi();
  if (dati.byteLength > MAX_BYTE_IMPORT_UTENTI) {
    return { ok: false, tipo: "non_valido", messaggio: "Il file supera 1 MB.", errori: [{ campo: "file", messaggio: "Il file supera 1 MB: dividerlo in parti più piccole." }] };
  }
  let griglia: string[][];
  try {
    griglia = await leggiFoglio(r.nomeFile, dati);
  } catch (e) {
    const messaggio = (e as Error).message;
    return { ok: false, tipo: "non_valido", messaggio, errori: [{ campo: "file", messaggio }] };
  }
  if (r.modalita === "anteprima") return { ok: true, stato: "anteprima", anteprima: analizzaUtenti(db, griglia) };
  return inTransazione(db, (tx): EsitoImportUtenti => {
    const anteprima = analizzaUtenti(tx, griglia);
    const motivo = importabile(anteprima, r.scartaRigheConErrori);
    if (motivo) return { ok: false, tipo: "non_importabile", messaggio: motivo, anteprima };
    const { creati, ruoli } = scrivi(tx, chi, r.nomeFile, anteprima.utenti);
    return { ok: true, stato: "importato", creati, ruoli };
  });
}
