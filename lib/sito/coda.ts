/**
 * The queue of revisions whose files are to be made: one row per publication in
 * siti_pubblicati (written by the publication's own transaction). The work is done by a
 * child process at the lowest priority (server.ts --genera-siti, lib/sito/lavoro.ts), one
 * at a time, which renders the pages itself: editors' saves never wait for a publication's
 * pages, PDF and compression.
 * At start the folders on disk are reconciled with the database: a folder whose origin
 * does not match its publication is removed and made again, half-written folders are
 * removed. While the latest revision of an edition has no complete folder, its public
 * pages are rendered by the app as before (slugInAttesa).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/open";
import { sitiPubblicati } from "../../db/schema";
import { erroreDaRegistrare, logLavoro } from "../log";
import { pubblicazione } from "../publication/queries";
import { PubblicazioneAlterata } from "../publication/verifica";
import { comandoFiglio } from "../processo-figlio";
import { pulisciIncompleti } from "./genera";
import { opzioniSiti } from "./avvio";
import { aggiornaRiga, daFare, imposta, lavoraCoda, MAX_TENTATIVI, tuttePubblicazioni, type AggiornamentoSito } from "./lavoro";
import { chiaveSito, leggiOrigine } from "./origine";
import { cartellaRevisione } from "./percorsi";
import { statoSiti } from "./stato";

interface Lavoratore {
  /** The queue is being worked (by the child, or in this process under npm run dev). */
  inCorso: boolean;
  figlio: ChildProcess | null;
  /** Set by a nudge while the child runs: the queue is looked at again when it exits. */
  ancora: boolean;
  fermato: boolean;
}
// One child per server process, also when Next.js loads this module more than once.
const g = globalThis as unknown as { __bilancioLavoratoreSiti?: Lavoratore };
const lavoratore = (g.__bilancioLavoratoreSiti ??= { inCorso: false, figlio: null, ancora: false, fermato: false });
const log = logLavoro("sito");
const RIPROVA_FIGLIO_MS = 30_000;

/** Which editions wait: those whose latest revision's row is not "pronto". */
function ricalcolaAttese(db: Db): void {
  const ultime = new Map<string, number>();
  for (const r of tuttePubblicazioni(db)) ultime.set(r.slug, r.publicationId);
  const pronte = new Set(
    db.select({ id: sitiPubblicati.publicationId }).from(sitiPubblicati).where(eq(sitiPubblicati.stato, "pronto")).all().map((r) => r.id),
  );
  statoSiti.inAttesa.clear();
  for (const [slug, id] of ultime) if (!pronte.has(id)) statoSiti.inAttesa.add(slug);
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
  cartelleCambiate(db);
}

/** Folders were made or removed: the file server reads them again, the waiting editions are recounted. */
function cartelleCambiate(db: Db): void {
  statoSiti.versione++;
  ricalcolaAttese(db);
}

/**
 * Starts (or nudges) the work on the queue; returns at once. Called at start and after each
 * publication; a publication made while the work runs is picked up by it (it reads the queue
 * until empty) or, if it was already ending, by the next run. In production the work is a
 * child process (this same server on its own port on 127.0.0.1, server.ts --genera-siti, at
 * nice 19); under `npm run dev` there is no production build for a child to serve, so the
 * development server does it in its own process, asking itself for the pages.
 */
export function avviaSiti(db: Db): void {
  ricalcolaAttese(db);
  if (lavoratore.fermato) return;
  if (lavoratore.inCorso) {
    lavoratore.ancora = true;
    return;
  }
  lavoratore.ancora = false;
  if (daFare(db).length === 0) return;
  lavoratore.inCorso = true;
  if (process.env.NODE_ENV === "production") avviaFiglio(db);
  else
    lavoraCoda(db, opzioniSiti(), (a) => scrivi(db, a)).then(
      () => finito(db, 0, null),
      (e: unknown) => {
        log.error({ errore: erroreDaRegistrare(e) }, "lavoro dei file pubblicati interrotto");
        finito(db, 1, null);
      },
    );
}

/** A row change from the work: written here, at the server's normal priority. */
function scrivi(db: Db, a: AggiornamentoSito): void {
  if (aggiornaRiga(db, a)) cartelleCambiate(db);
}

function avviaFiglio(db: Db): void {
  const [comando, argomenti] = comandoFiglio("server.ts", ["--genera-siti"]);
  const figlio = spawn(/*turbopackIgnore: true*/ comando, argomenti, {
    cwd: process.cwd(),
    env: process.env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  lavoratore.figlio = figlio;
  // The child only reads the database; its row changes are written here.
  figlio.on("message", (m: AggiornamentoSito) => {
    if (m?.tipo === "sito") scrivi(db, m);
  });
  figlio.on("error", (e) => log.error({ errore: erroreDaRegistrare(e) }, "processo dei file pubblicati non avviato"));
  figlio.on("exit", (codice, segnale) => finito(db, codice, segnale));
}

/** The work ended (the child exited, or the in-process run returned). */
function finito(db: Db, codice: number | null, segnale: NodeJS.Signals | null): void {
  lavoratore.inCorso = false;
  lavoratore.figlio = null;
  if (lavoratore.fermato) return;
  statoSiti.usciteConErrore = codice === 0 ? 0 : statoSiti.usciteConErrore + 1;
  if (codice !== 0) log.error({ codice, segnale, volte: statoSiti.usciteConErrore }, "processo dei file pubblicati terminato con errore");
  cartelleCambiate(db);
  if (lavoratore.ancora) avviaSiti(db);
  // A child that died (out of memory, killed) leaves the queue as it was: it is tried again.
  else if (codice !== 0) setTimeout(() => avviaSiti(db), RIPROVA_FIGLIO_MS).unref();
}

/** At the server's stop: the child is ended (a half-made folder is removed at the next start). */
export async function fermaSiti(): Promise<void> {
  lavoratore.fermato = true;
  const figlio = lavoratore.figlio;
  if (!figlio || figlio.exitCode !== null) return;
  const uscito = new Promise<void>((fatto) => figlio.once("exit", () => fatto()));
  figlio.kill("SIGTERM");
  const tardi = setTimeout(() => figlio.kill("SIGKILL"), 1_500);
  await uscito;
  clearTimeout(tardi);
}
