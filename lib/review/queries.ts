/**
 * Read models of the review: the queue, the revision a review compares with, short
 * block labels, a section's comments and decisions, and the coordinator's progress view.
 */
import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { comments, revisions, sections, users } from "../../db/schema";
import { vociAudit } from "../audit/leggi";
import type { Blocco } from "../content/blocks";
import { richDocToPlainText } from "../content/rich-text";
import { sezioniEdizione } from "../sections/queries";
import { type RigaSezione } from "../sections/tipi";
import { oggiRoma } from "../numbers/calendario";
import { formatValore } from "../numbers/format";
import { AZIONI_FLUSSO, STATI_SEZIONE, type StatoSezione } from "../workflow";
import type { Commento } from "./tipi";

export interface RigaCoda extends RigaSezione {
  inviataIl: string;
}

/** Sections waiting for review, oldest submission first. */
export function codaRevisione(db: Db, editionId: number): RigaCoda[] {
  const inviate = sezioniEdizione(db, editionId).filter((s) => s.stato === "inviata");
  if (inviate.length === 0) return [];
  const invii = vociAudit(db, { azioni: ["sezione.invia"], sectionIds: inviate.map((s) => s.id) });
  const ultimoInvio = new Map(invii.map((r) => [r.sectionId, r.at]));
  return inviate
    .map((s) => ({ ...s, inviataIl: ultimoInvio.get(s.id) ?? "" }))
    .sort((a, b) => a.inviataIl.localeCompare(b.inviataIl));
}

/**
 * What a review compares with: the last approved version; else the submission
 * before the current one; else the section as it started.
 */
export function baseConfronto(db: Db, sectionId: number): { etichetta: string; numero: number; contenuto: Blocco[] } | null {
  const revs = db.select().from(revisions).where(eq(revisions.sectionId, sectionId)).orderBy(desc(revisions.numero)).all();
  const approvata = revs.find((r) => r.motivo === "approvazione");
  if (approvata) return { etichetta: `l'ultima versione approvata (revisione n. ${approvata.numero})`, numero: approvata.numero, contenuto: approvata.contenuto as Blocco[] };
  const invii = revs.filter((r) => r.motivo === "invio");
  if (invii.length >= 2) return { etichetta: `l'invio precedente (revisione n. ${invii[1].numero})`, numero: invii[1].numero, contenuto: invii[1].contenuto as Blocco[] };
  const prima = revs.at(-1);
  return prima ? { etichetta: `la versione di partenza (revisione n. ${prima.numero})`, numero: prima.numero, contenuto: prima.contenuto as Blocco[] } : null;
}

/** A short, recognisable name for a block: its value and label, or its title. */
export function etichettaBlocco(b: Blocco): string {
  const corta = (t: string) => (t.length > 70 ? t.slice(0, 67) + "…" : t);
  switch (b.tipo) {
    case "indicatore":
      return corta(`${b.valore === null ? b.testoValore : formatValore(b.valore, b.unita, { scala: b.scala, variazione: b.variazione })} ${b.etichetta}`);
    case "testo":
      return corta(b.titolo || richDocToPlainText(b.contenuto) || "Testo");
    default:
      return corta(b.titolo);
  }
}

export function versioneSezione(db: Db, sectionId: number): number | undefined {
  return db.select({ v: sections.version }).from(sections).where(eq(sections.id, sectionId)).get()?.v;
}

// ---- A section's comments and decisions

/** Comments of a section as threads (replies under their first comment), oldest first. */
export function commentiSezione(db: Db, sectionId: number): Commento[] {
  const righe = db
    .select({ id: comments.id, blockId: comments.blockId, campo: comments.campo, parentId: comments.parentId, autore: users.nome, testo: comments.testo, risolto: comments.risolto, createdAt: comments.createdAt })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.sectionId, sectionId))
    .orderBy(asc(comments.id))
    .all();
  const perId = new Map<number, Commento>(righe.map((r) => [r.id, { ...r, risposte: [] }]));
  const radici: Commento[] = [];
  for (const c of perId.values()) {
    const padre = c.parentId ? perId.get(c.parentId) : undefined;
    if (padre) padre.risposte.push(c);
    else radici.push(c);
  }
  return radici;
}

/** The decisions taken on a section, newest first, from the audit log. */
export function decisioniSezione(db: Tx, sectionId: number) {
  return vociAudit(db, { azioni: AZIONI_FLUSSO.map((a) => `sezione.${a}` as const), sectionIds: [sectionId], ordine: "desc" }).map((v) => ({
    at: v.at,
    azione: v.azione,
    chi: v.chi ?? "—",
    messaggio: v.dettagli?.messaggio,
  }));
}

// ---- The coordinator's view of an edition's progress: sections per state, per settore and per area, late ones and the next deadline

export type { StatoSezione };
export type ConteggiStato = Record<StatoSezione, number>;

export interface RigaAvanzamento {
  /** "settore-3", "area-7", or "parte-1" for pages directly in a part. */
  chiave: string;
  etichetta: string;
  conteggi: ConteggiStato;
  totale: number;
  /** Whole percent of sections approved (0 when there are none). */
  percentualeApprovate: number;
  /** Sections past their deadline (scadenza < oggi) and not yet approved. */
  scadute: number;
  /** The nearest deadline still ahead (scadenza ≥ oggi) of a section not yet approved. */
  prossimaScadenza: string | null;
}

export interface SezioneScaduta {
  id: number;
  titolo: string;
  settoreNome: string;
  scadenza: string;
  stato: StatoSezione;
}

export interface Avanzamento {
  oggi: string;
  totali: ConteggiStato & { totale: number; percentualeApprovate: number; scadute: number; prossimaScadenza: string | null };
  perSettore: RigaAvanzamento[];
  perArea: RigaAvanzamento[];
  /** Overdue sections, the oldest deadline first. */
  scadute: SezioneScaduta[];
  /** Each section's current version, for the deadline forms' optimistic check. */
  versioni: Map<number, number>;
}

const vuoti = (): ConteggiStato => ({ bozza: 0, inviata: 0, da_rivedere: 0, approvata: 0 });

interface Accumulo {
  chiave: string;
  etichetta: string;
  conteggi: ConteggiStato;
  scadute: number;
  prossima: string | null;
}

function nuovo(chiave: string, etichetta: string): Accumulo {
  return { chiave, etichetta, conteggi: vuoti(), scadute: 0, prossima: null };
}

function aggiungi(a: Accumulo, s: { stato: StatoSezione; scadenza: string | null }, oggi: string) {
  a.conteggi[s.stato]++;
  if (s.stato === "approvata" || !s.scadenza) return;
  if (s.scadenza < oggi) a.scadute++;
  else if (a.prossima === null || s.scadenza < a.prossima) a.prossima = s.scadenza;
}

const percentuale = (approvate: number, totale: number) => (totale ? Math.round((approvate / totale) * 100) : 0);

function chiudi(a: Accumulo): RigaAvanzamento {
  const totale = STATI_SEZIONE.reduce((n, s) => n + a.conteggi[s], 0);
  return {
    chiave: a.chiave,
    etichetta: a.etichetta,
    conteggi: a.conteggi,
    totale,
    percentualeApprovate: percentuale(a.conteggi.approvata, totale),
    scadute: a.scadute,
    prossimaScadenza: a.prossima,
  };
}

export function avanzamento(db: Db, editionId: number, oggi: string = oggiRoma()): Avanzamento {
  const righe = sezioniEdizione(db, editionId);

  const totale = nuovo("totale", "Totale");
  const settoriMap = new Map<number, Accumulo>();
  // Areas in report order (first appearance); pages outside an area grouped by their part.
  const areeMap = new Map<string, Accumulo>();
  const scadute: SezioneScaduta[] = [];
  const versioni = new Map<number, number>();

  for (const s of righe) {
    versioni.set(s.id, s.version);
    aggiungi(totale, s, oggi);
    let st = settoriMap.get(s.settoreId);
    if (!st) settoriMap.set(s.settoreId, (st = nuovo(`settore-${s.settoreId}`, s.settoreNome)));
    aggiungi(st, s, oggi);
    const chiaveArea = s.areaId !== null ? `area-${s.areaId}` : `parte-${s.partId}`;
    let ar = areeMap.get(chiaveArea);
    if (!ar) areeMap.set(chiaveArea, (ar = nuovo(chiaveArea, s.areaId !== null ? `${s.areaNumero}. ${s.areaTitolo}` : s.parteTitolo)));
    aggiungi(ar, s, oggi);
    if (s.stato !== "approvata" && s.scadenza && s.scadenza < oggi) {
      scadute.push({ id: s.id, titolo: s.titolo, settoreNome: s.settoreNome, scadenza: s.scadenza, stato: s.stato });
    }
  }

  const t = chiudi(totale);
  return {
    oggi,
    totali: { ...t.conteggi, totale: t.totale, percentualeApprovate: t.percentualeApprovate, scadute: t.scadute, prossimaScadenza: t.prossimaScadenza },
    perSettore: [...settoriMap.values()].map(chiudi).sort((a, b) => a.etichetta.localeCompare(b.etichetta, "it")),
    perArea: [...areeMap.values()].map(chiudi),
    scadute: scadute.sort((a, b) => a.scadenza.localeCompare(b.scadenza) || a.titolo.localeCompare(b.titolo, "it")),
    versioni,
  };
}
