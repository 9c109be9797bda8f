/**
 * Reading the audit log: filters, pages, Italian labels, and the CSV export.
 * Days in the filters are Italian calendar days (Europe/Rome); the log stores UTC.
 */
import { and, asc, count, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import "server-only";
import type { Db, Tx } from "../../db/client";
import { edizioneCorrente } from "../editions/queries";
import { sezioniEdizione } from "../sections/queries";
import { auditLog, sections, settori, users } from "../../db/schema";
import { giornoDopo, giornoReale, inizioGiornoRoma } from "../numbers/calendario";
import { formatData, formatDataOra } from "../numbers/format";
import { ETICHETTE_STATO_EDIZIONE, ETICHETTE_STATO_SEZIONE } from "../workflow";
import { z } from "../zod-it";
import { cellaFoglio } from "../csv-foglio";
import { AZIONI_AUDIT, etichettaAzione, type AzioneAudit } from "./vocabolario";

export interface FiltriRegistro {
  userId?: number;
  settoreId?: number;
  sectionId?: number;
  azione?: AzioneAudit;
  /** Inclusive, "YYYY-MM-DD", Italian time. */
  dal?: string;
  /** Inclusive, "YYYY-MM-DD", Italian time. */
  al?: string;
  /** 1-based. */
  pagina?: number;
}

export interface RigaRegistro {
  id: number;
  /** ISO-8601 UTC. */
  quando: string;
  /** The user's name; for rows without a user, the recorded `attore` text, else "Sistema". */
  chi: string;
  /** The user's e-mail, or the `attore` text when it differs from `chi`. */
  chiDettaglio: string | null;
  azione: string;
  azioneEtichetta: string;
  sectionId: number | null;
  sezione: string | null;
  settore: string | null;
  /** `dettagli` summarised in one readable line. */
  dettagli: string;
}

export interface PaginaRegistro {
  righe: RigaRegistro[];
  totale: number;
  /** The page actually shown (clamped to the last one). */
  pagina: number;
  pagine: number;
  perPagina: number;
}

// ---------------------------------------------------------------- search parameters

export type ParametriRicerca = Record<string, string | string[] | undefined>;

const idPositivo = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const giorno = z.string().refine((s) => giornoReale(s) && s >= "2000-01-01" && s <= "2100-12-31");
const CAMPI = {
  utente: { chiave: "userId", nome: "Utente", schema: idPositivo },
  settore: { chiave: "settoreId", nome: "Settore", schema: idPositivo },
  sezione: { chiave: "sectionId", nome: "Sezione", schema: idPositivo },
  azione: { chiave: "azione", nome: "Azione", schema: z.enum(AZIONI_AUDIT as [AzioneAudit, ...AzioneAudit[]]) },
  dal: { chiave: "dal", nome: "Dal", schema: giorno },
  al: { chiave: "al", nome: "Al", schema: giorno },
  pagina: { chiave: "pagina", nome: "Pagina", schema: idPositivo.max(1_000_000) },
} as const;

/**
 * The filters from a query string. A value that is not valid is dropped, with an
 * Italian notice to show, so a mistyped address never breaks the page.
 */
export function leggiFiltri(p: ParametriRicerca | URLSearchParams): { filtri: FiltriRegistro; avvisi: string[] } {
  const prendi = (k: string): string | undefined => {
    const v = p instanceof URLSearchParams ? p.get(k) ?? undefined : p[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined || s.trim() === "" ? undefined : s.trim();
  };
  const filtri: Record<string, unknown> = {};
  const avvisi: string[] = [];
  for (const [param, campo] of Object.entries(CAMPI)) {
    const grezzo = prendi(param);
    if (grezzo === undefined) continue;
    const r = campo.schema.safeParse(grezzo);
    if (r.success) filtri[campo.chiave] = r.data;
    else avvisi.push(`Il valore del filtro «${campo.nome}» non è valido ed è stato ignorato.`);
  }
  const f = filtri as FiltriRegistro;
  if (f.dal && f.al && f.dal > f.al) avvisi.push("La data «Dal» è successiva alla data «Al»: nessuna attività può corrispondere.");
  return { filtri: f, avvisi };
}

/** The query string for these filters (without "?"), e.g. for the CSV link and the page links. */
export function queryFiltri(f: FiltriRegistro, pagina?: number): string {
  const q = new URLSearchParams();
  if (f.userId) q.set("utente", String(f.userId));
  if (f.settoreId) q.set("settore", String(f.settoreId));
  if (f.sectionId) q.set("sezione", String(f.sectionId));
  if (f.azione) q.set("azione", f.azione);
  if (f.dal) q.set("dal", f.dal);
  if (f.al) q.set("al", f.al);
  if (pagina && pagina > 1) q.set("pagina", String(pagina));
  return q.toString();
}

// ---------------------------------------------------------------- queries

function condizione(f: FiltriRegistro): SQL | undefined {
  const c: SQL[] = [];
  if (f.userId) c.push(eq(auditLog.userId, f.userId));
  if (f.settoreId) c.push(eq(auditLog.settoreId, f.settoreId));
  if (f.sectionId) c.push(eq(auditLog.sectionId, f.sectionId));
  if (f.azione) c.push(eq(auditLog.azione, f.azione));
  if (f.dal) c.push(gte(auditLog.at, inizioGiornoRoma(f.dal)));
  if (f.al) c.push(lt(auditLog.at, inizioGiornoRoma(giornoDopo(f.al))));
  return c.length ? and(...c) : undefined;
}

/** The rows matching the filters, newest first; `dopo` continues after a row already read (paging by key). */
function selezione(db: Db, f: FiltriRegistro, dopo?: { at: string; id: number }) {
  const seguenti = dopo ? or(lt(auditLog.at, dopo.at), and(eq(auditLog.at, dopo.at), lt(auditLog.id, dopo.id))) : undefined;
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      attore: auditLog.attore,
      azione: auditLog.azione,
      sectionId: auditLog.sectionId,
      dettagli: auditLog.dettagli,
      nome: users.nome,
      email: users.email,
      sezione: sections.titolo,
      settore: settori.nome,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .leftJoin(sections, eq(sections.id, auditLog.sectionId))
    .leftJoin(settori, eq(settori.id, auditLog.settoreId))
    .where(and(condizione(f), seguenti))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .$dynamic();
}

type Grezza = Awaited<ReturnType<ReturnType<typeof selezione>["all"]>>[number];

function riga(r: Grezza): RigaRegistro {
  const chi = r.nome ?? r.attore ?? "Sistema";
  const chiDettaglio = r.email ?? (r.attore && r.attore !== chi ? r.attore : null);
  return {
    id: r.id,
    quando: r.at,
    chi,
    chiDettaglio,
    azione: r.azione,
    azioneEtichetta: etichettaAzione(r.azione),
    sectionId: r.sectionId,
    sezione: r.sezione,
    settore: r.settore,
    dettagli: riassumiDettagli(r.azione, r.dettagli),
  };
}

export function cercaRegistro(db: Db, filtri: FiltriRegistro, perPagina = 50): PaginaRegistro {
  const totale = db.select({ n: count() }).from(auditLog).where(condizione(filtri)).get()?.n ?? 0;
  const pagine = Math.max(1, Math.ceil(totale / perPagina));
  const pagina = Math.min(Math.max(1, filtri.pagina ?? 1), pagine);
  const righe = selezione(db, filtri).limit(perPagina).offset((pagina - 1) * perPagina).all().map(riga);
  return { righe, totale, pagina, pagine, perPagina };
}

/**
 * The people, settori, sections and actions to offer in the filters. Sections are the
 * current edition's; one filtered from another edition (e.g. from a link) stays
 * selectable, so the form shows what is filtered.
 */
export function opzioniFiltri(db: Tx, filtri: FiltriRegistro = {}) {
  const utenti = db.select({ id: users.id, nome: users.nome, email: users.email }).from(users).orderBy(asc(users.nome), asc(users.email)).all();
  const elencoSettori = db.select({ id: settori.id, nome: settori.nome }).from(settori).orderBy(asc(settori.nome)).all();
  const azioni = AZIONI_AUDIT.map((valore) => ({ valore, etichetta: etichettaAzione(valore) })).sort((a, b) => a.etichetta.localeCompare(b.etichetta, "it"));
  const ed = edizioneCorrente(db);
  const sezioni = ed ? sezioniEdizione(db, ed.id).map((s) => ({ id: s.id, titolo: s.titolo })) : [];
  if (filtri.sectionId && !sezioni.some((s) => s.id === filtri.sectionId)) {
    const altra = db.select({ id: sections.id, titolo: sections.titolo }).from(sections).where(eq(sections.id, filtri.sectionId)).get();
    sezioni.unshift(altra ? { id: altra.id, titolo: `${altra.titolo} (altra edizione)` } : { id: filtri.sectionId, titolo: `Sezione n. ${filtri.sectionId}` });
  }
  return { utenti, settori: elencoSettori, azioni, sezioni, edizione: ed?.titolo ?? null };
}

// ---------------------------------------------------------------- details

const CHIAVI: Record<string, string> = {
  blockId: "blocco n.",
  tipo: "tipo",
  posizione: "posizione",
  version: "versione",
  daRevisione: "dalla revisione",
  revisione: "revisione",
  origine: "origine",
  blocchi: "blocchi",
  sezioni: "sezioni",
  slug: "edizione",
  motivo: "motivo",
  messaggio: "messaggio",
  commentId: "commento n.",
  campo: "campo",
  scadenza: "scadenza",
  superata: "superata",
  stato: "stato",
  destinatari: "destinatari",
  da: "da",
  a: "a",
};

const MAX_DETTAGLI = 240;

const STATI: Record<string, string> = { ...ETICHETTE_STATO_SEZIONE, ...ETICHETTE_STATO_EDIZIONE };

function valore(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "boolean") return v ? "sì" : "no";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") {
    if (STATI[v]) return STATI[v];
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDataOra(v);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatData(v);
    return v.length > 80 ? `${v.slice(0, 79)}…` : v;
  }
  if (Array.isArray(v) && v.every((x) => x === null || typeof x !== "object")) return v.map(valore).join(", ");
  const json = JSON.stringify(v) ?? "";
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}

/**
 * `dettagli` in one line: "blocco n.: 12; versione: 4"; a change of state or of
 * deadline as "da Bozza a Inviata", "da 31/03/2017 a 15/04/2017".
 */
export function riassumiDettagli(azione: string, d: unknown): string {
  if (d === null || d === undefined) return "";
  let testo: string;
  if (typeof d !== "object" || Array.isArray(d)) testo = valore(d);
  else {
    const o = { ...(d as Record<string, unknown>) };
    const parti: string[] = [];
    if ("da" in o && "a" in o) {
      const v = (x: unknown) => (azione === "sezione.scadenza" && (x === null || x === "") ? "nessuna" : valore(x));
      parti.push(`da ${v(o.da)} a ${v(o.a)}`);
      delete o.da;
      delete o.a;
    }
    for (const [k, v] of Object.entries(o)) parti.push(`${CHIAVI[k] ?? k}: ${valore(v)}`);
    testo = parti.join("; ");
  }
  return testo.length > MAX_DETTAGLI ? `${testo.slice(0, MAX_DETTAGLI - 1)}…` : testo;
}

// ---------------------------------------------------------------- CSV

export const INTESTAZIONE_CSV = "quando;chi;azione;sezione;settore;dettagli";

/**
 * One CSV field for Italian Excel (lib/csv-foglio.ts): always quoted, quotes doubled, and
 * a formula's start defused with an apostrophe wherever a cell could begin (at the start
 * and after any ; , tab or line break inside), so a crafted value (a failed login's
 * e-mail, say) never runs as a formula, however the spreadsheet splits the line.
 */
export function campoCsv(v: string): string {
  return cellaFoglio(v);
}

/** The most rows one CSV export holds: the newest; the file says so when more match. */
export const MAX_RIGHE_CSV = 50_000;
/** Rows read from the database at a time while an export streams. */
const RIGHE_PER_LETTURA = 1_000;

function lineaCsv(celle: string[]): string {
  return `${celle.map(campoCsv).join(";")}\r\n`;
}

/**
 * The CSV of the rows matching the filters (paging ignored), newest first, line by line
 * (each ending in CRLF; the first with a UTF-8 BOM). Rows are read a page at a time, by
 * key, so a response can stream them without holding them all, nor a statement open
 * between reads. At most `massimo` rows: when more match, the line after the header says
 * how to get the older ones.
 */
export function* lineeCsv(db: Db, filtri: FiltriRegistro, { massimo = MAX_RIGHE_CSV, perLettura = RIGHE_PER_LETTURA } = {}): Generator<string, void, undefined> {
  const f = { ...filtri, pagina: undefined };
  yield `\uFEFF${INTESTAZIONE_CSV}\r\n`;
  const totale = db.select({ n: count() }).from(auditLog).where(condizione(f)).get()?.n ?? 0;
  if (totale > massimo) {
    const n = (x: number) => x.toLocaleString("it-IT");
    yield lineaCsv([
      "",
      "Bilancio Sociale",
      "Esportazione limitata",
      "",
      "",
      `Il file contiene le ${n(massimo)} attività più recenti delle ${n(totale)} filtrate: per le precedenti scaricalo di nuovo con le date «Dal» e «Al».`,
    ]);
  }
  let dopo: { at: string; id: number } | undefined;
  for (let scritte = 0; scritte < massimo; ) {
    const limite = Math.min(perLettura, massimo - scritte);
    const righe = selezione(db, f, dopo).limit(limite).all();
    for (const g of righe) {
      const r = riga(g);
      yield lineaCsv([formatDataOra(r.quando), r.chiDettaglio ? `${r.chi} <${r.chiDettaglio}>` : r.chi, r.azioneEtichetta, r.sezione ?? "", r.settore ?? "", r.dettagli]);
    }
    scritte += righe.length;
    if (righe.length < limite) break;
    dopo = { at: righe[righe.length - 1].at, id: righe[righe.length - 1].id };
  }
}

/** The whole CSV as one text (what `lineeCsv` streams). */
export function righeCsv(db: Db, filtri: FiltriRegistro, opzioni?: { massimo?: number; perLettura?: number }): string {
  return [...lineeCsv(db, filtri, opzioni)].join("");
}
