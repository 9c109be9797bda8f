/**
 * Writes a validated edition package into the database, all or nothing:
 * one transaction holds every row, the first revision of each section and the audit row.
 */
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { ambiti, ambitoSettori, areas, blocks, editions, ente, parts, revisions, sections, settori } from "../../db/schema";
import { registra } from "../audit/registra";
import type { Pacchetto, SezionePacchetto } from "./schema";
import { validaPacchetto, type ErrorePacchetto } from "./validate";
import { inTransazione } from "../servizio";

export type EsitoImport = { ok: true; editionId: number; sezioni: number; blocchi: number } | { ok: false; errori: ErrorePacchetto[] };

export interface Autore {
  userId: number | null;
  attore: string;
}

export function importaPacchetto(db: Db, dati: unknown, autore: Autore): EsitoImport {
  const v = validaPacchetto(dati);
  if (!v.ok) return v;
  const p = v.pacchetto;
  if (p.edizione.stato !== "in_preparazione") {
    // Signature and publication happen in the app, with their proofs; a file cannot claim them.
    return { ok: false, errori: [{ percorso: "$.edizione.stato", messaggio: "Un'edizione si importa in preparazione: firma e pubblicazione avvengono nell'app" }] };
  }
  const esistente = db.select({ id: editions.id }).from(editions).where(eq(editions.slug, p.edizione.slug)).get();
  if (esistente) {
    return { ok: false, errori: [{ percorso: "$.edizione.slug", messaggio: `Esiste già un'edizione con slug "${p.edizione.slug}"` }] };
  }
  try {
    return inTransazione(db, (tx) => scriviPacchetto(tx, p, autore));
  } catch (e) {
    // The transaction has been rolled back: nothing of the package remains.
    return { ok: false, errori: [{ percorso: "$", messaggio: `Il database ha rifiutato il pacchetto: ${(e as Error).message}` }] };
  }
}

/** How the new edition relates to others: a carried-forward edition or an erratum (see lib/editions). */
export interface Legami {
  basataSuId?: number;
  correggeId?: number;
  revisione?: number;
  modifiche?: string;
  /**
   * What the audit log calls it: "edizione.importa" (a package from the command line),
   * "edizione.crea" with how the coordinator started it; next editions and errata are
   * told apart by `basataSuId` and `correggeId`.
   */
  creazione?: { origine: string };
}

/**
 * Writes a validated package inside the caller's transaction: import uses it,
 * and so do the next edition and the erratum, which start from a snapshot.
 */
export function scriviPacchetto(tx: Tx, p: Pacchetto, autore: Autore, legami: Legami = {}): Extract<EsitoImport, { ok: true }> {
  const enteEsistente = tx.select().from(ente).get();
  if (!enteEsistente) tx.insert(ente).values({ nome: p.ente.nome }).run();

  // Settori belong to the Comune, not to one edition: reuse those with the same codice.
  const settoreId = new Map<string, number>();
  for (const s of p.settori) {
    const row = tx.select({ id: settori.id }).from(settori).where(eq(settori.codice, s.codice)).get();
    const id = row?.id ?? Number(tx.insert(settori).values({ codice: s.codice, nome: s.nome }).run().lastInsertRowid);
    settoreId.set(s.codice, id);
  }

  const editionId = Number(
    tx.insert(editions)
      .values({
        slug: p.edizione.slug,
        titolo: p.edizione.titolo,
        annoInizio: p.edizione.annoInizio,
        annoFine: p.edizione.annoFine,
        basataSuId: legami.basataSuId ?? null,
        correggeId: legami.correggeId ?? null,
        revisione: legami.revisione ?? 1,
        modifiche: legami.modifiche ?? null,
      })
      .run().lastInsertRowid,
  );

  let posizioneSezione = 0;
  let nSezioni = 0;
  let nBlocchi = 0;
  const scriviSezione = (s: SezionePacchetto, partId: number, ambitoId: number | null) => {
    const sectionId = Number(
      tx.insert(sections)
        .values({
          editionId,
          partId,
          ambitoId,
          codice: s.codice,
          titolo: s.titolo,
          settoreId: settoreId.get(s.settore)!,
          stato: s.stato,
          scadenza: s.scadenza ?? null,
          posizione: posizioneSezione++,
        })
        .run().lastInsertRowid,
    );
    s.blocchi.forEach((b, i) => {
      tx.insert(blocks).values({ sectionId, tipo: b.tipo, payload: b, posizione: i, updatedBy: autore.userId }).run();
    });
    tx.insert(revisions)
      .values({ sectionId, numero: 1, contenuto: s.blocchi, motivo: "importazione", authorId: autore.userId })
      .run();
    nSezioni++;
    nBlocchi += s.blocchi.length;
  };

  p.parti.forEach((parte, pi) => {
    const partId = Number(tx.insert(parts).values({ editionId, codice: parte.codice, titolo: parte.titolo, posizione: pi }).run().lastInsertRowid);
    parte.sezioni.forEach((s) => scriviSezione(s, partId, null));
    parte.aree.forEach((area, ai) => {
      const areaId = Number(tx.insert(areas).values({ partId, numero: area.numero, titolo: area.titolo, posizione: ai }).run().lastInsertRowid);
      area.ambiti.forEach((ambito, bi) => {
        const ambitoId = Number(
          tx.insert(ambiti)
            .values({ areaId, codice: ambito.codice, titolo: ambito.titolo, obiettivo: ambito.obiettivo, assessori: ambito.assessori, posizione: bi })
            .run().lastInsertRowid,
        );
        ambito.settori.forEach((c, i) => tx.insert(ambitoSettori).values({ ambitoId, settoreId: settoreId.get(c)!, posizione: i }).run());
        scriviSezione(ambito.sezione, partId, ambitoId);
      });
    });
  });

  const base = { slug: p.edizione.slug, sezioni: nSezioni, blocchi: nBlocchi };
  const chi = { userId: autore.userId, attore: autore.attore, editionId };
  if (legami.correggeId) registra(tx, { ...chi, azione: "edizione.errata", dettagli: { ...base, correggeId: legami.correggeId, revisione: legami.revisione ?? 1 } });
  else if (legami.basataSuId) registra(tx, { ...chi, azione: "edizione.nuova", dettagli: { ...base, basataSuId: legami.basataSuId } });
  else if (legami.creazione) registra(tx, { ...chi, azione: "edizione.crea", dettagli: { ...base, origine: legami.creazione.origine } });
  else registra(tx, { ...chi, azione: "edizione.importa", dettagli: base });
  return { ok: true, editionId, sezioni: nSezioni, blocchi: nBlocchi };
}
