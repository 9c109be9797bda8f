/** Read models of editions: the one being worked on, by slug, all of them, their lifecycle steps and signature. */
import "server-only";
import { asc, desc, eq, ne, sql, and } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { editions, signatures, users } from "../../db/schema";
import { vociAudit } from "../audit/leggi";
import type { AzioneAudit } from "../audit/vocabolario";
import { datiSchema, type DatiEdizione } from "../publication/dati";

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
    const d = v.dettagli as { motivo?: string; sha256?: string | null } | null;
    return { azione: v.azione, chi: v.chi, quando: v.at, motivo: d?.motivo ?? null, sha256: d?.sha256 ?? null };
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
