/**
 * The queue of revisions whose files are to be made: one row per publication in
 * siti_pubblicati (written by the publication's own transaction), worked one at a
 * time in the server process after the server answers. At start the folders on disk
 * are reconciled with the database: a folder whose origin does not match its
 * publication is removed and made again, half-written folders are removed. While the
 * latest revision of an edition has no complete folder, its public pages are
 * rendered by the app as before (slugInAttesa).
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/open";
import { editions, publications, sitiPubblicati } from "../../db/schema";
import { pubblicazione } from "../publication/queries";
import { PubblicazioneAlterata } from "../publication/verifica";
import { generaSito, pulisciIncompleti, RevisioneSuperata, type OpzioniSito } from "./genera";
import { chiaveSito, leggiOrigine } from "./origine";
import { cartellaRevisione } from "./percorsi";

const MAX_TENTATIVI = 3;

interface StatoSiti {
  /** Editions whose latest revision has no complete folder yet. */
  inAttesa: Set<string>;
  lavoro: Promise<void> | null;
  /** Set by every nudge, cleared when a run looks at the queue: a nudge in between is not lost. */
  ancora: boolean;
  /** Bumped whenever folders on disk change: what the server read from them is then read again. */
  versione: number;
}
const g = globalThis as unknown as { __bilancioSiti?: StatoSiti };
const stato = (g.__bilancioSiti ??= { inAttesa: new Set(), lavoro: null, ancora: false, versione: 0 });

/** Changes whenever a folder is made or removed (lib/sito/servi.ts keeps what it read until then). */
export function versioneSiti(): number {
  return stato.versione;
}

/** Whether the latest revision of this edition is still being made into files. */
export function slugInAttesa(slug: string): boolean {
  return stato.inAttesa.has(slug);
}

interface RigaPubblicazione {
  publicationId: number;
  slug: string;
  revisione: number;
}

function tuttePubblicazioni(db: Db): RigaPubblicazione[] {
  return db
    .select({ publicationId: publications.id, slug: editions.slug, revisione: publications.revisione })
    .from(publications)
    .innerJoin(editions, eq(editions.id, publications.editionId))
    .orderBy(publications.id)
    .all();
}

function imposta(db: Db, publicationId: number, valori: Partial<typeof sitiPubblicati.$inferInsert>): void {
  const adesso = new Date().toISOString();
  db.insert(sitiPubblicati)
    .values({ publicationId, ...valori, aggiornatoIl: adesso })
    .onConflictDoUpdate({ target: sitiPubblicati.publicationId, set: { ...valori, aggiornatoIl: adesso } })
    .run();
}

/** Which editions wait: those whose latest revision's row is not "pronto". */
function ricalcolaAttese(db: Db): void {
  const ultime = new Map<string, number>();
  for (const r of tuttePubblicazioni(db)) ultime.set(r.slug, r.publicationId);
  const pronte = new Set(
    db.select({ id: sitiPubblicati.publicationId }).from(sitiPubblicati).where(eq(sitiPubblicati.stato, "pronto")).all().map((r) => r.id),
  );
  stato.inAttesa.clear();
  for (const [slug, id] of ultime) if (!pronte.has(id)) stato.inAttesa.add(slug);
}

/**
 * At start, before the first request: folders that match their publication are kept
 * (row "pronto"), any other folder is removed and its publication queued again.
 */
export function riconciliaSiti(db: Db, radice: string): void {
  pulisciIncompleti(radice);
  const attese = new Set<string>();
  for (const r of tuttePubblicazioni(db)) {
    const cartella = cartellaRevisione(radice, r.slug, r.revisione);
    attese.add(`${r.slug}/${r.revisione}`);
    let chiave: string | null = null;
    try {
      const p = pubblicazione(db, r.slug, r.revisione);
      chiave = p ? chiaveSito(p) : null;
    } catch (e) {
      if (!(e instanceof PubblicazioneAlterata)) throw e;
      // Bytes that no longer match their signature: no files, the app refuses to show it.
      rmSync(cartella, { recursive: true, force: true });
      imposta(db, r.publicationId, { stato: "errore", errore: e.message, tentativi: MAX_TENTATIVI });
      continue;
    }
    if (chiave && leggiOrigine(cartella)?.chiave === chiave) {
      imposta(db, r.publicationId, { stato: "pronto", errore: null });
    } else {
      rmSync(cartella, { recursive: true, force: true });
      imposta(db, r.publicationId, { stato: "in_coda", fatti: 0, totale: 0, tentativi: 0, errore: null, sha256Somme: null });
    }
  }
  // Folders of publications this database does not have (another database, a reset).
  if (existsSync(radice))
    for (const slug of readdirSync(radice))
      for (const n of existsSync(path.join(radice, slug)) ? readdirSync(path.join(radice, slug)) : [])
        if (!attese.has(`${slug}/${n}`)) rmSync(path.join(radice, slug, n), { recursive: true, force: true });
  stato.versione++;
  ricalcolaAttese(db);
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

/** The revisions still to make, with their edition's slug. */
function daFare(db: Db) {
  return db
    .select({ publicationId: sitiPubblicati.publicationId, tentativi: sitiPubblicati.tentativi, slug: editions.slug, revisione: publications.revisione })
    .from(sitiPubblicati)
    .innerJoin(publications, eq(publications.id, sitiPubblicati.publicationId))
    .innerJoin(editions, eq(editions.id, publications.editionId))
    .where(and(inArray(sitiPubblicati.stato, ["in_coda", "in_corso", "errore"]), sql`${sitiPubblicati.tentativi} < ${MAX_TENTATIVI}`))
    .orderBy(sitiPubblicati.publicationId)
    .all();
}

async function lavora(db: Db, o: Omit<OpzioniSito, "progresso" | "ancoraUltima">): Promise<void> {
  await serverPronto(o.origine);
  for (;;) {
    stato.ancora = false;
    ricalcolaAttese(db);
    const righe = daFare(db);
    if (righe.length === 0) return;
    for (const pub of righe) {
      const ultimaDi = () => Math.max(...tuttePubblicazioni(db).filter((r) => r.slug === pub.slug).map((r) => r.revisione));
      imposta(db, pub.publicationId, { stato: "in_corso", fatti: 0, errore: null });
      try {
        const p = pubblicazione(db, pub.slug, pub.revisione);
        if (!p) throw new Error(`Pubblicazione ${pub.slug} revisione ${pub.revisione} non trovata`);
        const somme = await generaSito(p, {
          ...o,
          progresso: (fatti, totale) => imposta(db, pub.publicationId, { fatti, totale }),
          ancoraUltima: () => ultimaDi() === pub.revisione,
        });
        stato.versione++;
        imposta(db, pub.publicationId, { stato: "pronto", sha256Somme: somme, errore: null });
        console.log(`[sito] ${pub.slug} revisione ${pub.revisione}: file pronti.`);
      } catch (e) {
        const superata = e instanceof RevisioneSuperata || e instanceof PubblicazioneAlterata;
        const messaggio = e instanceof Error ? e.message : String(e);
        console.error(`[sito] ${pub.slug} revisione ${pub.revisione}: ${messaggio}`, e instanceof Error && !superata ? (e.cause ?? "") : "");
        imposta(db, pub.publicationId, { stato: "errore", errore: messaggio, tentativi: superata ? MAX_TENTATIVI : pub.tentativi + 1 });
        // A transient failure (the server busy, Chromium slow to start) is tried again after a pause.
        if (!superata) await new Promise((fatto) => setTimeout(fatto, 5_000 * (pub.tentativi + 1)));
      }
      ricalcolaAttese(db);
    }
  }
}

/**
 * Starts (or nudges) the worker; returns at once. Called at start and after each
 * publication; a publication made while a run is going is picked up by that run.
 */
export function avviaSiti(db: Db, o: Omit<OpzioniSito, "progresso" | "ancoraUltima">): void {
  ricalcolaAttese(db);
  stato.ancora = true;
  if (stato.lavoro) return;
  stato.lavoro = lavora(db, o)
    .catch((e: unknown) => console.error("[sito] lavoro interrotto:", e))
    .finally(() => {
      stato.lavoro = null;
      // Nudged after this run last looked at the queue: look again.
      if (stato.ancora) avviaSiti(db, o);
    });
}
