/** The state of a published revision's files, for the coordinator's edition page. */
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db/open";
import { publications, sitiPubblicati } from "../../db/schema";
import type { StatoFileSito as Stato } from "../workflow";

export interface StatoFileSito {
  stato: Stato;
  fatti: number;
  totale: number;
  errore: string | null;
  /** SHA-256 of the revision's SHA256SUMS, once ready. */
  sha256Somme: string | null;
}

/** `editionId`: the edition the publications belong to (an erratum publishes under the edition it corrects). */
export function statoFileSito(db: Tx, editionId: number, revisione: number): StatoFileSito | null {
  const r = db
    .select({ stato: sitiPubblicati.stato, fatti: sitiPubblicati.fatti, totale: sitiPubblicati.totale, errore: sitiPubblicati.errore, sha256Somme: sitiPubblicati.sha256Somme })
    .from(publications)
    .innerJoin(sitiPubblicati, eq(sitiPubblicati.publicationId, publications.id))
    .where(and(eq(publications.editionId, editionId), eq(publications.revisione, revisione)))
    .get();
  return r ?? null;
}
