/**
 * Read models of editions: the one being worked on, by slug, all of them, their
 * lifecycle steps and signature, the structure editor's tree, and the sections
 * whose settore has nobody to write them.
 */
import "server-only";
import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { ambiti, ambitoSettori, areas, blocks, editions, parts, sections, settori, sezioniRimosse as sezioniRimosseTabella, signatures, users } from "../../db/schema";
import { vociAudit } from "../audit/leggi";
import type { AzioneAudit } from "../audit/vocabolario";
import { bloccoSchema, type Blocco } from "../content/blocks";
import { referentiDi } from "../notifications/avvisi";
import { datiSchema, type DatiEdizione } from "../publication/dati";
import { ETICHETTE_MOTIVO_REVISIONE, type MotivoRevisione } from "../sections/tipi";
import type { StatoSezione } from "../workflow";

export type Edizione = typeof editions.$inferSelect;
/** The edition being worked on: the newest not yet published, else the newest. */
export function edizioneCorrente(db: Tx): Edizione | undefined {
  return (
    db.select().from(editions).where(ne(editions.stato, "pubblicata")).orderBy(desc(editions.annoFine), desc(editions.id)).get() ??
    db.select().from(editions).orderBy(desc(editions.annoFine), desc(editions.id)).get()
  );
}

export function edizioneDaSlug(db: Tx, slug: string): Edizione | undefined {
  return db.select().from(editions).where(eq(editions.slug, slug)).get();
}

/** Every edition, newest first: the published ones, their errata, those in progress. */
export function tutteLeEdizioni(db: Tx): Edizione[] {
  return db.select().from(editions).orderBy(desc(editions.annoFine), asc(editions.correggeId), desc(editions.revisione), desc(editions.id)).all();
}

/** The frozen snapshot of an edition awaiting or bearing the signature. */
export function datiCongelati(ed: Edizione): DatiEdizione | null {
  return ed.datiJson ? datiSchema.parse(JSON.parse(ed.datiJson)) : null;
}

export interface Passo {
  azione: (typeof PASSI)[number];
  chi: string | null;
  quando: string;
  motivo: string | null;
  sha256: string | null;
}

const PASSI = [
  "edizione.importa",
  "edizione.crea",
  "edizione.nuova",
  "edizione.errata",
  "edizione.invia_firma",
  "edizione.ritira",
  "edizione.rimanda",
  "edizione.firma",
  "edizione.firma_rifiutata",
  "edizione.pubblica",
] as const satisfies readonly AzioneAudit[];

/** The lifecycle steps of an edition, newest first, with who and why. */
export function passiEdizione(db: Tx, editionId: number): Passo[] {
  return vociAudit(db, { azioni: PASSI, editionId, ordine: "desc" }).map((v) => {
    const d = v.dettagli;
    return { azione: v.azione, chi: v.chi, quando: v.at, motivo: d && "motivo" in d ? d.motivo : null, sha256: d && "sha256" in d ? (d.sha256 ?? null) : null };
  });
}

/** Who signed this edition's current revision, and when. */
export function firmaEdizione(db: Tx, ed: Edizione): { nome: string; firmataIl: string; sha256: string } | undefined {
  return db
    .select({ nome: sql<string>`coalesce(${signatures.firmatario}, ${users.nome})`, firmataIl: signatures.firmataIl, sha256: signatures.sha256 })
    .from(signatures)
    .innerJoin(users, eq(users.id, signatures.userId))
    .where(and(eq(signatures.editionId, ed.id), eq(signatures.revisione, ed.revisione)))
    .orderBy(desc(signatures.id))
    .get();
}

/** Editions not yet published (in preparation, awaiting or bearing the signature), newest period first. */
export function edizioniInLavorazione(db: Tx): Edizione[] {
  return tutteLeEdizioni(db).filter((e) => e.stato !== "pubblicata");
}

// ---- The structure editor's read model

export interface SezioneStruttura {
  id: number;
  codice: string;
  titolo: string;
  settoreId: number;
  settoreNome: string;
  stato: StatoSezione;
  blocchi: number;
}
export interface AmbitoStruttura {
  id: number;
  codice: string;
  titolo: string;
  obiettivo: string;
  assessori: string[];
  settori: { id: number; nome: string }[];
  sezione: SezioneStruttura | null;
}
export interface AreaStruttura {
  id: number;
  numero: number;
  titolo: string;
  ambiti: AmbitoStruttura[];
}
export interface ParteStruttura {
  id: number;
  codice: string;
  titolo: string;
  pagine: SezioneStruttura[];
  aree: AreaStruttura[];
}

/** The whole structure of an edition in order, with each section's owner and number of blocks. */
export function strutturaEdizione(db: Tx, editionId: number): ParteStruttura[] {
  const righe = db
    .select({
      id: sections.id,
      codice: sections.codice,
      titolo: sections.titolo,
      partId: sections.partId,
      ambitoId: sections.ambitoId,
      settoreId: sections.settoreId,
      settoreNome: settori.nome,
      stato: sections.stato,
    })
    .from(sections)
    .innerJoin(settori, eq(settori.id, sections.settoreId))
    .where(eq(sections.editionId, editionId))
    .orderBy(asc(sections.posizione))
    .all();
  const ids = righe.map((r) => r.id);
  const conteggi = new Map(
    (ids.length ? db.select({ id: blocks.sectionId, n: count() }).from(blocks).where(inArray(blocks.sectionId, ids)).groupBy(blocks.sectionId).all() : []).map((c) => [c.id, c.n]),
  );
  const sezione = (r: (typeof righe)[number]): SezioneStruttura => ({
    id: r.id,
    codice: r.codice,
    titolo: r.titolo,
    settoreId: r.settoreId,
    settoreNome: r.settoreNome,
    stato: r.stato,
    blocchi: conteggi.get(r.id) ?? 0,
  });
  const perAmbito = new Map(righe.filter((r) => r.ambitoId !== null).map((r) => [r.ambitoId!, sezione(r)]));
  const parti = db.select().from(parts).where(eq(parts.editionId, editionId)).orderBy(asc(parts.posizione), asc(parts.id)).all();
  return parti.map((p) => ({
    id: p.id,
    codice: p.codice,
    titolo: p.titolo,
    pagine: righe.filter((r) => r.partId === p.id && r.ambitoId === null).map(sezione),
    aree: db
      .select()
      .from(areas)
      .where(eq(areas.partId, p.id))
      .orderBy(asc(areas.posizione), asc(areas.id))
      .all()
      .map((a) => ({
        id: a.id,
        numero: a.numero,
        titolo: a.titolo,
        ambiti: db
          .select()
          .from(ambiti)
          .where(eq(ambiti.areaId, a.id))
          .orderBy(asc(ambiti.posizione), asc(ambiti.id))
          .all()
          .map((b) => ({
            id: b.id,
            codice: b.codice,
            titolo: b.titolo,
            obiettivo: b.obiettivo,
            assessori: b.assessori,
            settori: db
              .select({ id: settori.id, nome: settori.nome })
              .from(ambitoSettori)
              .innerJoin(settori, eq(settori.id, ambitoSettori.settoreId))
              .where(eq(ambitoSettori.ambitoId, b.id))
              .orderBy(asc(ambitoSettori.posizione))
              .all(),
            sezione: perAmbito.get(b.id) ?? null,
          })),
      })),
  }));
}

// ---- Sections nobody can write

export interface SettoreSenzaReferente {
  settoreId: number;
  settoreNome: string;
  attivo: boolean;
  sezioni: { id: number; titolo: string }[];
}

/** Sections of the edition whose settore has no active referente: nobody can write them. */
export function sezioniSenzaReferente(db: Tx, editionId: number): SettoreSenzaReferente[] {
  const righe = db
    .select({ id: sections.id, titolo: sections.titolo, settoreId: sections.settoreId, settoreNome: settori.nome, attivo: settori.attivo })
    .from(sections)
    .innerJoin(settori, eq(settori.id, sections.settoreId))
    .where(eq(sections.editionId, editionId))
    .orderBy(asc(settori.nome), asc(sections.posizione))
    .all();
  const perSettore = new Map<number, SettoreSenzaReferente>();
  const haReferente = new Map<number, boolean>();
  for (const r of righe) {
    if (!haReferente.has(r.settoreId)) haReferente.set(r.settoreId, referentiDi(db, r.settoreId).length > 0);
    if (haReferente.get(r.settoreId)) continue;
    const g = perSettore.get(r.settoreId) ?? { settoreId: r.settoreId, settoreNome: r.settoreNome, attivo: r.attivo, sezioni: [] };
    g.sezioni.push({ id: r.id, titolo: r.titolo });
    perSettore.set(r.settoreId, g);
  }
  return [...perSettore.values()];
}

// ---- Sections removed from the structure

export interface SezioneRimossa {
  id: number;
  codice: string;
  titolo: string;
  settore: string;
  rimossaDa: string | null;
  rimossaIl: string;
  /** The blocks as they were when removed, in order; those no longer valid are counted, not shown. */
  blocchi: { id: number; dati: Blocco }[];
  illeggibili: number;
  revisioni: { numero: number; motivo: string; createdAt: string; blocchi: number }[];
}

/** The archive of an edition's removed pages and ambiti (lib/editions/struttura.ts), newest first. */
export function sezioniRimosse(db: Tx, editionId: number): SezioneRimossa[] {
  const righe = db
    .select({ r: sezioniRimosseTabella, settore: settori.nome, chi: users.nome })
    .from(sezioniRimosseTabella)
    .leftJoin(settori, eq(settori.id, sezioniRimosseTabella.settoreId))
    .leftJoin(users, eq(users.id, sezioniRimosseTabella.rimossaDa))
    .where(eq(sezioniRimosseTabella.editionId, editionId))
    .orderBy(desc(sezioniRimosseTabella.id))
    .all();
  return righe.map(({ r, settore, chi }) => {
    const grezzi = (Array.isArray(r.blocchi) ? r.blocchi : []) as { id?: unknown; tipo?: unknown; payload?: unknown }[];
    const blocchi: SezioneRimossa["blocchi"] = [];
    for (const [i, b] of grezzi.entries()) {
      const dati = bloccoSchema.safeParse({ ...(b.payload as object), tipo: b.tipo });
      if (dati.success) blocchi.push({ id: typeof b.id === "number" ? b.id : -(i + 1), dati: dati.data });
    }
    const revisioni = ((Array.isArray(r.revisioni) ? r.revisioni : []) as { numero: number; motivo: string; createdAt: string; contenuto?: unknown }[]).map((v) => ({
      numero: v.numero,
      motivo: ETICHETTE_MOTIVO_REVISIONE[v.motivo as MotivoRevisione] ?? v.motivo,
      createdAt: v.createdAt,
      blocchi: Array.isArray(v.contenuto) ? v.contenuto.length : 0,
    }));
    return { id: r.id, codice: r.codice, titolo: r.titolo, settore: settore ?? "—", rimossaDa: chi, rimossaIl: r.rimossaIl, blocchi, illeggibili: grezzi.length - blocchi.length, revisioni };
  });
}
