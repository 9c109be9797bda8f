/**
 * The server's daily backup: started by instrumentation.ts beside the postman. Every
 * hour (and a minute after start) it looks at the newest copy of the database in the
 * backup folder and takes one when that is a day old or missing, so restarts neither
 * skip a day nor take extra copies. The copy itself is `npm run db:backup` in a child process
 * at the lowest priority (lib/processo-figlio.ts): the copy's integrity check reads the whole
 * file, and in the server's process it would hold every request meanwhile. BACKUP_WORKER=off
 * turns it off (then run `npm run db:backup` from cron).
 */
import "server-only";
import type { Db } from "../../db/client";
import { erroreDaRegistrare, logLavoro } from "../log";
import { eseguiScriptFiglio } from "../processo-figlio";
import { cartellaBackup, copieDaTenere, elencoCopie } from "./copie";

export const INTERVALLO_CONTROLLO_MS = 60 * 60_000;
export const PRIMO_CONTROLLO_MS = 60_000;
export const OGNI_MS = 24 * 60 * 60_000;

/** Whether a copy is due: none yet, or the newest is a day old (a few minutes' slack for the hourly check). */
export function backupDovuto(ultima: Date | null, ora: Date = new Date()): boolean {
  return ultima === null || ora.getTime() - ultima.getTime() >= OGNI_MS - 5 * 60_000;
}

export interface Custode {
  /** One check now (what the timers run); resolves when done. */
  controlla(): Promise<void>;
  ferma(): void;
}

const globale = globalThis as unknown as { __bilancioBackup?: Custode };
const log = logLavoro("backup");

export function avviaBackupGiornaliero(db: Db, o: { cartella?: string; tieni?: number; timer?: boolean } = {}): Custode {
  const spento: Custode = { async controlla() {}, ferma() {} };
  if (process.env.BACKUP_WORKER === "off") return spento;
  // `next build` may load instrumentation: no backups from a build.
  if (process.env.NEXT_PHASE === "phase-production-build") return spento;
  const fileDatabase = db.$client.name;
  if (db.$client.memory) return spento;
  if (o.timer !== false && globale.__bilancioBackup) return globale.__bilancioBackup;
  const cartella = o.cartella ?? cartellaBackup(fileDatabase);
  // A wrong BACKUP_KEEP stops the start with its message, rather than silently keeping some other number.
  const tieni = o.tieni ?? copieDaTenere();

  let inCorso = false;
  const controlla = async () => {
    if (inCorso) return;
    inCorso = true;
    const inizio = performance.now();
    try {
      // Only the regular copies count: one labelled "prima-del-reset" or "prima-del-ripristino" holds the database as it was before.
      const copie = elencoCopie(cartella, fileDatabase).filter((c) => c.etichetta === null);
      if (!backupDovuto(copie.at(-1)?.quando ?? null)) return;
      const r = await eseguiScriptFiglio("scripts/db-backup.ts", { DATABASE_PATH: fileDatabase, BACKUP_DIR: cartella, BACKUP_KEEP: String(tieni) });
      const ms = Math.round(performance.now() - inizio);
      // The script says what it wrote and what it removed, in Italian: that is the line's message.
      if (r.codice === 0) log.info({ ms }, r.uscita);
      else log.error({ ms, codice: r.codice }, `copia giornaliera NON riuscita: ${r.uscita}`);
    } catch (e) {
      log.error({ errore: erroreDaRegistrare(e), ms: Math.round(performance.now() - inizio) }, "copia giornaliera NON riuscita");
    } finally {
      inCorso = false;
    }
  };

  const timer = o.timer === false ? [] : [setInterval(controlla, INTERVALLO_CONTROLLO_MS), setTimeout(controlla, PRIMO_CONTROLLO_MS)];
  for (const t of timer) t.unref();
  const custode: Custode = {
    controlla,
    ferma() {
      for (const t of timer) clearTimeout(t);
      if (globale.__bilancioBackup === custode) delete globale.__bilancioBackup;
    },
  };
  if (o.timer !== false) {
    globale.__bilancioBackup = custode;
    log.info({ cartella, tieni }, `backup avviato: una copia al giorno, tenute le ultime ${tieni}`);
  }
  return custode;
}
