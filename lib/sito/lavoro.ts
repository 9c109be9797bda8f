/**
 * The queue's work, done in a child process of its own at the lowest priority (server.ts
 * --genera-siti, started by lib/sito/coda.ts): the revisions whose folder is missing are
 * made one at a time, their rows in siti_pubblicati kept up to date, until none is left. The
 * pages and the print page are rendered by the child's own server, never by the main one.
 * It only reads the database: each row change is sent to the main server, which writes it
 * and reads the folders again once a revision is done.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/open";
import { editions, publications, sitiPubblicati } from "../../db/schema";
import { erroreDaRegistrare, log as logRadice, logLavoro } from "../log";
import { pubblicazione } from "../publication/queries";
import { PubblicazioneAlterata } from "../publication/verifica";
import { generaSito, RevisioneSuperata, type OpzioniSito } from "./genera";

export const MAX_TENTATIVI = 3;

export type OpzioniLavoro = Omit<OpzioniSito, "progresso" | "ancoraUltima">;

export interface RigaPubblicazione {
  publicationId: number;
  slug: string;
  revisione: number;
}

export function tuttePubblicazioni(db: Db): RigaPubblicazione[] {
  return db
    .select({ publicationId: publications.id, slug: editions.slug, revisione: publications.revisione })
    .from(publications)
    .innerJoin(editions, eq(editions.id, publications.editionId))
    .orderBy(publications.id)
    .all();
}

export function imposta(db: Db, publicationId: number, valori: Partial<typeof sitiPubblicati.$inferInsert>): void {
  const adesso = new Date().toISOString();
  db.insert(sitiPubblicati)
    .values({ publicationId, ...valori, aggiornatoIl: adesso })
    .onConflictDoUpdate({ target: sitiPubblicati.publicationId, set: { ...valori, aggiornatoIl: adesso } })
    .run();
}

/** The revisions still to make, with their edition's slug. */
export function daFare(db: Db) {
  return db
    .select({ publicationId: sitiPubblicati.publicationId, tentativi: sitiPubblicati.tentativi, slug: editions.slug, revisione: publications.revisione })
    .from(sitiPubblicati)
    .innerJoin(publications, eq(publications.id, sitiPubblicati.publicationId))
    .innerJoin(editions, eq(editions.id, publications.editionId))
    .where(and(inArray(sitiPubblicati.stato, ["in_coda", "in_corso", "errore"]), sql`${sitiPubblicati.tentativi} < ${MAX_TENTATIVI}`))
    .orderBy(sitiPubblicati.publicationId)
    .all();
}

async function serverPronto(origine: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${origine}/login`, { signal: AbortSignal.timeout(10_000) });
      if (r.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((fatto) => setTimeout(fatto, Math.min(500 * 2 ** i, 5_000)));
  }
}

/** A change to a revision's row, sent by the child; the parent writes it (aggiornaRiga). */
export interface AggiornamentoSito {
  tipo: "sito";
  publicationId: number;
  valori: Partial<typeof sitiPubblicati.$inferInsert>;
}

/** Writes a row change the child sent; true when the revision is done (ready, or given up for now). */
export function aggiornaRiga(db: Db, a: AggiornamentoSito): boolean {
  imposta(db, a.publicationId, a.valori);
  return a.valori.stato === "pronto" || a.valori.stato === "errore";
}

/**
 * Makes every revision the queue holds, then returns. It only reads the database: each row
 * change goes through `segnala` to the main server, which writes it. A low-priority process
 * holding SQLite's write lock while the CPU is busy elsewhere would hold up every save.
 */
export async function lavoraCoda(db: Db, o: OpzioniLavoro, segnala: (a: AggiornamentoSito) => void): Promise<void> {
  const log = logLavoro("sito");
  await serverPronto(o.origine);
  // What this run did: the rows it reports may not be written yet when it reads the queue again.
  const fatte = new Set<number>();
  const tentativi = new Map<number, number>();
  for (;;) {
    const righe = daFare(db).filter((r) => !fatte.has(r.publicationId) && (tentativi.get(r.publicationId) ?? r.tentativi) < MAX_TENTATIVI);
    if (righe.length === 0) return;
    for (const pub of righe) {
      const inizio = performance.now();
      const gia = tentativi.get(pub.publicationId) ?? pub.tentativi;
      const invia = (valori: AggiornamentoSito["valori"]) => segnala({ tipo: "sito", publicationId: pub.publicationId, valori });
      const ultimaDi = () => Math.max(...tuttePubblicazioni(db).filter((r) => r.slug === pub.slug).map((r) => r.revisione));
      invia({ stato: "in_corso", fatti: 0, errore: null });
      try {
        const p = pubblicazione(db, pub.slug, pub.revisione);
        if (!p) throw new Error(`Pubblicazione ${pub.slug} revisione ${pub.revisione} non trovata`);
        const somme = await generaSito(p, {
          ...o,
          progresso: (fatti, totale) => invia({ fatti, totale }),
          ancoraUltima: () => ultimaDi() === pub.revisione,
        });
        fatte.add(pub.publicationId);
        invia({ stato: "pronto", sha256Somme: somme, errore: null });
        log.info({ slug: pub.slug, revisione: pub.revisione, ms: Math.round(performance.now() - inizio) }, "file della revisione pronti");
      } catch (e) {
        const superata = e instanceof RevisioneSuperata || e instanceof PubblicazioneAlterata;
        const errore = erroreDaRegistrare(e);
        log.error({ slug: pub.slug, revisione: pub.revisione, ms: Math.round(performance.now() - inizio), errore: superata ? { messaggio: errore.messaggio } : errore }, "file della revisione non fatti");
        const ora = superata ? MAX_TENTATIVI : gia + 1;
        tentativi.set(pub.publicationId, ora);
        invia({ stato: "errore", errore: errore.messaggio, tentativi: ora });
        // A transient failure (the server busy, Chromium slow to start) is tried again after a pause.
        if (!superata) await new Promise((fatto) => setTimeout(fatto, 5_000 * ora));
      }
    }
  }
}

/**
 * The child process's whole life (instrumentation.ts, when server.ts runs with --genera-siti):
 * once its server listens, the queue until empty, each row change sent to the parent; then
 * the process stops as on SIGTERM (server.ts: requests finished, database closed).
 */
export async function lavoraNelFiglio(db: Db, opzioni: () => OpzioniLavoro, inAscolto: Promise<string>): Promise<void> {
  let codice = 0;
  try {
    const origine = await inAscolto;
    await lavoraCoda(db, { ...opzioni(), origine }, (a) => process.send?.(a));
  } catch (e) {
    codice = 1;
    logRadice.error({ lavoro: "sito", errore: erroreDaRegistrare(e) }, "processo dei file pubblicati interrotto");
  }
  process.exitCode = codice;
  process.kill(process.pid, "SIGTERM");
}
