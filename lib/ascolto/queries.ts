/**
 * Read models of listening: the coordinator's view (/ascolto), its CSV export, the
 * section editor's "Cosa hanno detto i cittadini" and the dashboard's least clear
 * ambiti. Page and ambito titles come from the edition's latest published revision.
 * Ratings hidden as spam count nowhere.
 */
import "server-only";
import { and, asc, count, desc, eq, isNotNull, ne, type SQL } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { editions, publications, sections, users, valutazioni, valutazioniPubblicate } from "../../db/schema";
import { rigaFoglio } from "../csv-foglio";
import { pubblicazione } from "../publication/queries";
import { aggrega, aggregaPer, andamento, type Aggregato, type Periodo, type PuntoAndamento } from "./aggregazione";
import { etichettaMotivo, VOTI } from "./domande";
import { ambitiEdizione, pagineValutabili } from "./pagine";
import { ETICHETTE_STATO_COMMENTO, STATI_COMMENTO, type StatoCommento } from "../workflow";


export interface EdizioneAscolto {
  id: number;
  slug: string;
  titolo: string;
  valutazioni: number;
  commentiNuovi: number;
}

/** Published editions (newest first) with how many ratings and unread comments they have. */
export function edizioniAscolto(db: Tx): EdizioneAscolto[] {
  const pubblicate = db
    .selectDistinct({ id: editions.id, slug: editions.slug, titolo: editions.titolo, annoFine: editions.annoFine })
    .from(editions)
    .innerJoin(publications, eq(publications.editionId, editions.id))
    .orderBy(desc(editions.annoFine), desc(editions.id))
    .all();
  return pubblicate.map((e) => ({
    id: e.id,
    slug: e.slug,
    titolo: e.titolo,
    valutazioni: db.select({ n: count() }).from(valutazioni).where(and(eq(valutazioni.editionId, e.id), ne(valutazioni.stato, "spam"))).get()!.n,
    commentiNuovi: db.select({ n: count() }).from(valutazioni).where(and(eq(valutazioni.editionId, e.id), eq(valutazioni.stato, "nuovo"), isNotNull(valutazioni.commento))).get()!.n,
  }));
}

// ---- Filters (from the address bar: bounded, unknown values dropped)

export interface FiltriAscolto {
  /** Slug of a published edition; the newest when absent. */
  edizione?: string;
  ambito?: string;
  voto?: number;
  /** Absent: new and handled (not spam). */
  stato?: StatoCommento;
  periodo: Periodo;
  pagina: number;
}

export type ParametriAscolto = Record<string, string | string[] | undefined>;

const primo = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.slice(0, 200);

export function leggiFiltriAscolto(p: ParametriAscolto | URLSearchParams): FiltriAscolto {
  const get = (k: string) => (p instanceof URLSearchParams ? (p.get(k) ?? undefined)?.slice(0, 200) : primo(p[k]));
  const voto = Number(get("voto"));
  const stato = get("stato");
  const pagina = Number(get("pagina"));
  const codice = (s: string | undefined) => (s && /^[a-z0-9-]{1,100}$/.test(s) ? s : undefined);
  return {
    edizione: codice(get("edizione")),
    ambito: codice(get("ambito")),
    voto: VOTI.includes(voto as 1) ? voto : undefined,
    stato: (STATI_COMMENTO as readonly string[]).includes(stato ?? "") ? (stato as StatoCommento) : undefined,
    periodo: get("periodo") === "mese" ? "mese" : "settimana",
    pagina: Number.isInteger(pagina) && pagina > 1 && pagina < 100_000 ? pagina : 1,
  };
}

export function queryFiltriAscolto(f: Partial<FiltriAscolto>, pagina?: number): string {
  const q = new URLSearchParams();
  if (f.edizione) q.set("edizione", f.edizione);
  if (f.ambito) q.set("ambito", f.ambito);
  if (f.voto) q.set("voto", String(f.voto));
  if (f.stato) q.set("stato", f.stato);
  if (f.periodo && f.periodo !== "settimana") q.set("periodo", f.periodo);
  if (pagina && pagina > 1) q.set("pagina", String(pagina));
  return q.toString();
}

// ---- The summary of an edition

export interface RigaPagina extends Aggregato {
  percorso: string;
  titolo: string;
  ambito: string | null;
}

export interface RiepilogoAscolto {
  edizione: { id: number; slug: string; titolo: string };
  totale: Aggregato;
  perAmbito: (Aggregato & { codice: string; titolo: string; percorso: string; area: number })[];
  perPagina: RigaPagina[];
  andamento: PuntoAndamento[];
  /** Options of the ambito filter, in reading order. */
  ambiti: { codice: string; titolo: string }[];
  pubblicate: { createdAt: string; sha256: string } | null;
}

/** Ratings of one published edition (spam left out), optionally of one ambito. */
export function riepilogoAscolto(db: Tx, slug: string, f: Pick<FiltriAscolto, "ambito" | "periodo">): RiepilogoAscolto | null {
  const ed = db.select({ id: editions.id, slug: editions.slug, titolo: editions.titolo }).from(editions).where(eq(editions.slug, slug)).get();
  const pub = ed ? pubblicazione(db, slug) : null;
  if (!ed || !pub) return null;
  const c: SQL[] = [eq(valutazioni.editionId, ed.id), ne(valutazioni.stato, "spam")];
  if (f.ambito) c.push(eq(valutazioni.ambito, f.ambito));
  const righe = db.select({ voto: valutazioni.voto, percorso: valutazioni.percorso, ambito: valutazioni.ambito, createdAt: valutazioni.createdAt }).from(valutazioni).where(and(...c)).all();

  const pagine = pagineValutabili(pub.dati);
  const titoli = new Map(pagine.map((p) => [p.percorso, p.titolo]));
  const perPercorso = aggregaPer(righe, (r) => r.percorso, (r) => r.voto);
  const perPagina: RigaPagina[] = [];
  // Reading order first, then any page a revision no longer has.
  for (const p of pagine) {
    const a = perPercorso.get(p.percorso);
    if (a) perPagina.push({ ...a, percorso: p.percorso, titolo: p.titolo, ambito: p.ambito });
  }
  for (const [percorso, a] of perPercorso) if (!titoli.has(percorso)) perPagina.push({ ...a, percorso, titolo: percorso, ambito: null });

  const ambiti = ambitiEdizione(pub.dati);
  const perCodice = aggregaPer(righe, (r) => r.ambito, (r) => r.voto);
  const perAmbito = ambiti.filter((a) => perCodice.has(a.codice)).map((a) => ({ ...perCodice.get(a.codice)!, codice: a.codice, titolo: a.titolo, percorso: a.percorso, area: a.area.numero }));

  const pubblicata = db
    .select({ createdAt: valutazioniPubblicate.createdAt, sha256: valutazioniPubblicate.sha256 })
    .from(valutazioniPubblicate)
    .where(eq(valutazioniPubblicate.editionId, ed.id))
    .orderBy(desc(valutazioniPubblicate.id))
    .get();
  return {
    edizione: ed,
    totale: aggrega(righe.map((r) => r.voto)),
    perAmbito,
    perPagina,
    andamento: andamento(righe, f.periodo),
    ambiti: ambiti.map((a) => ({ codice: a.codice, titolo: a.titolo })),
    pubblicate: pubblicata ?? null,
  };
}

// ---- Comments

export interface Commento {
  id: number;
  createdAt: string;
  slug: string;
  percorso: string;
  titoloPagina: string;
  ambito: string | null;
  voto: number;
  motivo: string | null;
  commento: string | null;
  email: string | null;
  stato: StatoCommento;
  nota: string | null;
  gestitoDa: string | null;
  gestitoIl: string | null;
}

export const COMMENTI_PER_PAGINA = 20;

function condizioniCommenti(editionId: number, f: Pick<FiltriAscolto, "ambito" | "voto" | "stato">): SQL {
  const c: SQL[] = [eq(valutazioni.editionId, editionId), isNotNull(valutazioni.commento)];
  if (f.ambito) c.push(eq(valutazioni.ambito, f.ambito));
  if (f.voto) c.push(eq(valutazioni.voto, f.voto));
  c.push(f.stato ? eq(valutazioni.stato, f.stato) : ne(valutazioni.stato, "spam"));
  return and(...c)!;
}

function righeCommenti(db: Tx, slug: string, editionId: number, f: Pick<FiltriAscolto, "ambito" | "voto" | "stato">, limite?: { offset: number; limit: number }): Commento[] {
  const pub = pubblicazione(db, slug);
  const titoli = new Map((pub ? pagineValutabili(pub.dati) : []).map((p) => [p.percorso, p.titolo]));
  let q = db
    .select({
      id: valutazioni.id,
      createdAt: valutazioni.createdAt,
      percorso: valutazioni.percorso,
      ambito: valutazioni.ambito,
      voto: valutazioni.voto,
      motivo: valutazioni.motivo,
      commento: valutazioni.commento,
      email: valutazioni.email,
      stato: valutazioni.stato,
      nota: valutazioni.nota,
      gestitoDa: users.nome,
      gestitoIl: valutazioni.gestitoIl,
    })
    .from(valutazioni)
    .leftJoin(users, eq(users.id, valutazioni.gestitoDa))
    .where(condizioniCommenti(editionId, f))
    .orderBy(desc(valutazioni.createdAt), desc(valutazioni.id))
    .$dynamic();
  if (limite) q = q.limit(limite.limit).offset(limite.offset);
  return q.all().map((r) => ({ ...r, slug, titoloPagina: titoli.get(r.percorso) ?? r.percorso }));
}

/** One page of comments of an edition, newest first. */
export function commentiAscolto(db: Tx, slug: string, f: FiltriAscolto): { righe: Commento[]; totale: number; pagina: number; pagine: number } {
  const ed = db.select({ id: editions.id }).from(editions).where(eq(editions.slug, slug)).get();
  if (!ed) return { righe: [], totale: 0, pagina: 1, pagine: 1 };
  const totale = db.select({ n: count() }).from(valutazioni).where(condizioniCommenti(ed.id, f)).get()!.n;
  const pagine = Math.max(1, Math.ceil(totale / COMMENTI_PER_PAGINA));
  const pagina = Math.min(f.pagina, pagine);
  return { righe: righeCommenti(db, slug, ed.id, f, { offset: (pagina - 1) * COMMENTI_PER_PAGINA, limit: COMMENTI_PER_PAGINA }), totale, pagina, pagine };
}

const MAX_RIGHE_CSV = 50_000;

/** The filtered comments as CSV for the coordination, comma-separated, for a spreadsheet (never the contact emails: they stay in the app). */
export function csvCommenti(db: Tx, slug: string, f: FiltriAscolto): string {
  const ed = db.select({ id: editions.id }).from(editions).where(eq(editions.slug, slug)).get();
  const righe = ed ? righeCommenti(db, slug, ed.id, f, { offset: 0, limit: MAX_RIGHE_CSV }) : [];
  const testa = ["data", "edizione", "pagina", "titolo_pagina", "ambito", "voto", "risposta", "commento", "stato", "nota", "gestito_da", "gestito_il"];
  const corpo = righe.map((r) =>
    // A spreadsheet must not run what a citizen typed (lib/csv-foglio.ts): every field quoted, formulas defused.
    rigaFoglio([r.createdAt, r.slug, r.percorso || "/", r.titoloPagina, r.ambito, r.voto, etichettaMotivo(r.motivo), r.commento, ETICHETTE_STATO_COMMENTO[r.stato], r.nota, r.gestitoDa, r.gestitoIl], ","),
  );
  return `\uFEFF${[testa.join(","), ...corpo].join("\r\n")}\r\n`;
}

// ---- Into the next edition

export interface VoceCittadini extends Aggregato {
  edizione: { slug: string; titolo: string };
  /** Handled comments with the coordination's note, newest first (never an email). */
  gestiti: { id: number; voto: number; motivo: string | null; commento: string; nota: string | null; gestitoIl: string | null }[];
}

/**
 * What citizens said about one ambito (by its section codice) in the published edition
 * an edition was carried forward from; null when the edition was not carried forward
 * or nobody rated that ambito.
 */
export function voceCittadini(db: Tx, edizione: { basataSuId: number | null }, codice: string): VoceCittadini | null {
  if (!edizione.basataSuId) return null;
  const prec = db.select({ id: editions.id, slug: editions.slug, titolo: editions.titolo }).from(editions).where(eq(editions.id, edizione.basataSuId)).get();
  if (!prec) return null;
  const dove = and(eq(valutazioni.editionId, prec.id), eq(valutazioni.ambito, codice), ne(valutazioni.stato, "spam"));
  const voti = db.select({ voto: valutazioni.voto }).from(valutazioni).where(dove).all();
  if (voti.length === 0) return null;
  const gestiti = db
    .select({ id: valutazioni.id, voto: valutazioni.voto, motivo: valutazioni.motivo, commento: valutazioni.commento, nota: valutazioni.nota, gestitoIl: valutazioni.gestitoIl })
    .from(valutazioni)
    .where(and(dove, eq(valutazioni.stato, "gestito"), isNotNull(valutazioni.commento)))
    .orderBy(desc(valutazioni.gestitoIl), desc(valutazioni.id))
    .limit(50)
    .all()
    .map((r) => ({ ...r, commento: r.commento ?? "" }));
  return { ...aggrega(voti.map((v) => v.voto)), edizione: { slug: prec.slug, titolo: prec.titolo }, gestiti };
}

/** The same, for a section of the working tables: only an ambito's section of a carried-forward edition. */
export function voceCittadiniSezione(db: Tx, sectionId: number): VoceCittadini | null {
  const s = db
    .select({ codice: sections.codice, ambitoId: sections.ambitoId, basataSuId: editions.basataSuId })
    .from(sections)
    .innerJoin(editions, eq(editions.id, sections.editionId))
    .where(eq(sections.id, sectionId))
    .get();
  return s && s.ambitoId !== null ? voceCittadini(db, s, s.codice) : null;
}

export interface AmbitoMenoChiaro extends Aggregato {
  codice: string;
  titolo: string;
  percorso: string;
}

/**
 * The ambiti of a published edition rated least clear: lowest average first, among
 * those with at least `minimo` ratings (two stray votes say little).
 */
export function ambitiMenoChiari(db: Tx, editionId: number, quanti = 5, minimo = 3): { edizione: { slug: string; titolo: string }; ambiti: AmbitoMenoChiaro[] } | null {
  const ed = db.select({ slug: editions.slug, titolo: editions.titolo }).from(editions).where(eq(editions.id, editionId)).get();
  const pub = ed ? pubblicazione(db, ed.slug) : null;
  if (!ed || !pub) return null;
  const righe = db
    .select({ ambito: valutazioni.ambito, voto: valutazioni.voto })
    .from(valutazioni)
    .where(and(eq(valutazioni.editionId, editionId), ne(valutazioni.stato, "spam"), isNotNull(valutazioni.ambito)))
    .orderBy(asc(valutazioni.id))
    .all();
  const per = aggregaPer(righe, (r) => r.ambito, (r) => r.voto);
  const ambiti = ambitiEdizione(pub.dati)
    .map((a) => ({ ...(per.get(a.codice) ?? aggrega([])), codice: a.codice, titolo: a.titolo, percorso: a.percorso }))
    .filter((a) => a.conteggio >= minimo)
    .sort((x, y) => x.media! - y.media! || y.conteggio - x.conteggio)
    .slice(0, quanti);
  return { edizione: ed, ambiti };
}
