/**
 * Read models of the public site. Everything comes from the publications
 * table (immutable snapshots), never from the editable tables.
 */
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { editions, publications, signatures, storicoRuoli, users } from "../../db/schema";
import { datiSchema, type DatiEdizione } from "./dati";
import { controllaByte } from "./verifica";

export interface VoceElenco {
  slug: string;
  titolo: string;
  annoInizio: number;
  annoFine: number;
  /** The latest revision: 1, or 2, 3… after errata. */
  revisione: number;
  pubblicataIl: string;
}

/** Published editions, newest period first, each with its latest revision. */
export function edizioniPubblicate(db: Db): VoceElenco[] {
  const righe = db
    .select({ slug: editions.slug, titolo: editions.titolo, annoInizio: editions.annoInizio, annoFine: editions.annoFine, revisione: publications.revisione, pubblicataIl: publications.pubblicataIl })
    .from(publications)
    .innerJoin(editions, eq(editions.id, publications.editionId))
    .orderBy(desc(editions.annoFine), desc(editions.id), desc(publications.revisione))
    .all();
  const visti = new Set<string>();
  return righe.filter((r) => (visti.has(r.slug) ? false : (visti.add(r.slug), true)));
}

export interface Revisione {
  revisione: number;
  sha256: string;
  pubblicataIl: string;
  /** Why the revision was made; null for revision 1. */
  modifiche: string | null;
}

export interface Pubblicazione {
  slug: string;
  revisione: number;
  /** The exact bytes served at dati.json. */
  datiJson: string;
  dati: DatiEdizione;
  sha256: string;
  pubblicataIl: string;
  modifiche: string | null;
  /**
   * The signer as the signature recorded them (a later rename changes nothing), and the
   * grant that made them Assessore: who made it (their name when signing) and when.
   * Both null for signatures older than the history of roles.
   */
  firma: { nome: string; firmataIl: string; sha256: string; concessoDa: string | null; concessaIl: string | null };
  /** Every revision of the edition, oldest first (the "Errata" list is revisions ≥ 2). */
  revisioni: Revisione[];
  /** The newest revision, to tell readers of an older one that it was corrected. */
  ultimaRevisione: number;
}

// Parsing a large snapshot costs a few milliseconds: published rows never change, so keep them.
// Keyed by hash: the same bytes always parse to the same content, whatever the database.
const cache = new Map<string, DatiEdizione>();

/** A published edition by its public slug: the latest revision, or the one asked for. */
export function pubblicazione(db: Tx, slug: string, revisione?: number): Pubblicazione | null {
  const ed = db.select({ id: editions.id }).from(editions).where(eq(editions.slug, slug)).get();
  if (!ed) return null;
  const revisioni = db
    .select({ id: publications.id, revisione: publications.revisione, sha256: publications.sha256, pubblicataIl: publications.pubblicataIl, modifiche: publications.modifiche })
    .from(publications)
    .where(eq(publications.editionId, ed.id))
    .orderBy(asc(publications.revisione))
    .all();
  if (revisioni.length === 0) return null;
  const ultima = revisioni[revisioni.length - 1];
  const scelta = revisione === undefined ? ultima : revisioni.find((r) => r.revisione === revisione);
  if (!scelta) return null;
  const riga = db
    .select({
      datiJson: publications.datiJson,
      nome: sql<string>`coalesce(${signatures.firmatario}, ${users.nome})`,
      firmataIl: signatures.firmataIl,
      firmaSha: signatures.sha256,
      concessoDa: signatures.concessoDaNome,
      concessaIl: storicoRuoli.at,
    })
    .from(publications)
    .innerJoin(signatures, eq(signatures.id, publications.signatureId))
    .innerJoin(users, eq(users.id, signatures.userId))
    .leftJoin(storicoRuoli, eq(storicoRuoli.id, signatures.concessioneId))
    .where(and(eq(publications.id, scelta.id)))
    .get()!;
  // Never shown unless the bytes still hash to the signed SHA-256 (PubblicazioneAlterata otherwise).
  controllaByte({ slug, revisione: scelta.revisione, datiJson: riga.datiJson, sha256: scelta.sha256, sha256Firmato: riga.firmaSha });
  let dati = cache.get(scelta.sha256);
  if (!dati) {
    dati = datiSchema.parse(JSON.parse(riga.datiJson));
    cache.set(scelta.sha256, dati);
  }
  return {
    slug,
    revisione: scelta.revisione,
    datiJson: riga.datiJson,
    dati,
    sha256: scelta.sha256,
    pubblicataIl: scelta.pubblicataIl,
    modifiche: scelta.modifiche,
    firma: { nome: riga.nome, firmataIl: riga.firmataIl, sha256: riga.firmaSha, concessoDa: riga.concessoDa, concessaIl: riga.concessaIl },
    revisioni: revisioni.map(({ id: _id, ...r }) => r),
    ultimaRevisione: ultima.revisione,
  };
}
