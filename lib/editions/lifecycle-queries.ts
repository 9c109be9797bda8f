/** Read models of the edition pages: where an edition stands in its lifecycle and what happened to it. */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, editions, signatures, users } from "../../db/schema";
import { datiSchema, type DatiEdizione } from "../publication/dati";
import type { Edizione } from "./queries";


export function edizioneDaSlug(db: Db, slug: string): Edizione | undefined {
  return db.select().from(editions).where(eq(editions.slug, slug)).get();
}

/** Every edition, newest first: the published ones, their errata, those in progress. */
export function tutteLeEdizioni(db: Db): Edizione[] {
  return db.select().from(editions).orderBy(desc(editions.annoFine), asc(editions.correggeId), desc(editions.revisione), desc(editions.id)).all();
}

/** The frozen snapshot of an edition awaiting or bearing the signature. */
export function datiCongelati(ed: Edizione): DatiEdizione | null {
  return ed.datiJson ? datiSchema.parse(JSON.parse(ed.datiJson)) : null;
}

export interface Passo {
  azione: string;
  chi: string | null;
  quando: string;
  motivo: string | null;
  sha256: string | null;
}

const PASSI = ["edizione.invia_firma", "edizione.ritira", "edizione.rimanda", "edizione.firma", "edizione.firma_rifiutata", "edizione.pubblica", "edizione.errata", "edizione.nuova", "edizione.importa"];

/** The lifecycle steps of an edition, newest first, with who and why. */
export function passiEdizione(db: Db, editionId: number): Passo[] {
  return db
    .select({ azione: auditLog.azione, chi: users.nome, attore: auditLog.attore, quando: auditLog.at, dettagli: auditLog.dettagli })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.editionId, editionId), inArray(auditLog.azione, PASSI)))
    .orderBy(desc(auditLog.id))
    .all()
    .map((r) => {
      const d = (r.dettagli ?? {}) as { motivo?: string; sha256?: string };
      return { azione: r.azione, chi: r.chi ?? r.attore, quando: r.quando, motivo: d.motivo ?? null, sha256: d.sha256 ?? null };
    });
}

/** Who signed this edition's current revision, and when. */
export function firmaEdizione(db: Db, ed: Edizione): { nome: string; firmataIl: string; sha256: string } | undefined {
  return db
    .select({ nome: sql<string>`coalesce(${signatures.firmatario}, ${users.nome})`, firmataIl: signatures.firmataIl, sha256: signatures.sha256 })
    .from(signatures)
    .innerJoin(users, eq(users.id, signatures.userId))
    .where(and(eq(signatures.editionId, ed.id), eq(signatures.revisione, ed.revisione)))
    .orderBy(desc(signatures.id))
    .get();
}

export const ETICHETTE_PASSO: Record<string, string> = {
  "edizione.importa": "Edizione creata",
  "edizione.nuova": "Edizione avviata dalla precedente",
  "edizione.errata": "Correzione avviata",
  "edizione.invia_firma": "Inviata alla firma",
  "edizione.ritira": "Ritirata dalla firma",
  "edizione.rimanda": "Rimandata al coordinamento",
  "edizione.firma": "Firmata",
  "edizione.firma_rifiutata": "Firma non apposta",
  "edizione.pubblica": "Pubblicata",
};

/** Editions not yet published (in preparation, awaiting or bearing the signature), newest period first. */
export function edizioniInLavorazione(db: Db): Edizione[] {
  return tutteLeEdizioni(db).filter((e) => e.stato !== "pubblicata");
}
