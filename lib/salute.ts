/**
 * GET /api/salute (app/api/salute/route.ts): the server's health for monitoring.
 *
 * Liveness is the answer itself ("vivo": true). Readiness ("pronto") holds when every
 * named check is ok; the route answers 200 then, 503 otherwise. The checks:
 *
 * - database: it answers a query, and its applied migrations (`__drizzle_migrations`)
 *   are exactly this version's (drizzle/meta/_journal.json, read on every call: code
 *   updated without a restart shows here);
 * - disco: free space in the database's folder, at least SPAZIO_MINIMO_BYTE and twice
 *   the database (a backup copy and the WAL need about its size);
 * - posta: the oldest mail still waiting to be sent is at most POSTA_ATTESA_MASSIMA_MS old
 *   (it normally leaves within seconds; the retries of lib/mail/outbox.ts start at 2
 *   minutes), and no mail was given up (MAX_TENTATIVI failures) in the last
 *   POSTA_ABBANDONATA_FINESTRA_MS;
 * - backup: the newest regular copy (lib/backup) is at most BACKUP_ETA_MASSIMA_MS old, or
 *   the data itself is younger than that (first row of the audit log: a new installation,
 *   a database recreated since the last copy);
 * - filePubblicati: the latest revision of every published edition has its files
 *   (siti_pubblicati, lib/sito): none in error, none waiting unchanged for more than
 *   FILE_ATTESA_MASSIMA_MS, nor waiting while the child process that makes them has ended
 *   with an error USCITE_CON_ERRORE_MASSIME times in a row. Superseded revisions do not count.
 *
 * Nothing secret in it: counts, ages in seconds and thresholds only; no path, address,
 * e-mail or error text (a check that throws says only that it could not run; the
 * error goes to the server's log).
 */
import "server-only";
import { statSync, statfsSync } from "node:fs";
import path from "node:path";
import { eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/open";
import { mailOutbox, publications, sitiPubblicati } from "../db/schema";
import { migrazioniApplicate, migrazioniConosciute } from "../db/migrazioni";
import { elencoCopie } from "./backup/copie";
import { OGNI_MS } from "./backup/giornaliero";
import { plurale } from "./italiano";
import { MAX_TENTATIVI, ultimoTentativo } from "./mail/outbox";
import { erroreDaRegistrare, log } from "./log";
import { statoSiti } from "./sito/stato";

const MB = 1024 * 1024;
/** Free space below which the data folder is not ready (also: twice the database). */
export const SPAZIO_MINIMO_BYTE = 256 * MB;
/** Mail normally leaves within seconds; an hour means the mail server keeps refusing it. */
export const POSTA_ATTESA_MASSIMA_MS = 60 * 60_000;
/** A mail given up after MAX_TENTATIVI failures keeps the check failing this long, then it is only counted. */
export const POSTA_ABBANDONATA_FINESTRA_MS = 24 * 60 * 60_000;
/** The daily copy (lib/backup/giornaliero.ts, or a cron's db:backup) plus two hours' slack. */
export const BACKUP_ETA_MASSIMA_MS = OGNI_MS + 2 * 60 * 60_000;
/** An edition's files take a few minutes at most: half an hour without any progress is stuck. */
export const FILE_ATTESA_MASSIMA_MS = 30 * 60_000;
/** Times in a row the files' child process may end with an error before the check fails at once. */
export const USCITE_CON_ERRORE_MASSIME = 3;

export interface Controllo {
  ok: boolean;
  /** Why not, in Italian, when not ok (never a path, an address or an error's text). */
  motivo?: string;
  [misura: string]: unknown;
}

export interface Salute {
  stato: "pronto" | "non pronto";
  vivo: true;
  pronto: boolean;
  ora: string;
  controlli: {
    database: Controllo;
    disco: Controllo;
    posta: Controllo;
    backup: Controllo;
    filePubblicati: Controllo;
  };
}

export interface OpzioniSalute {
  /** The database file: its folder is the data folder, its name the prefix of its copies. */
  fileDatabase: string;
  /** Where the copies are (BACKUP_DIR, or "backup" beside the database). */
  cartellaBackup: string;
  /** drizzle/ of this version. */
  cartellaMigrazioni: string;
  ora?: Date;
}

const secondi = (ms: number) => Math.max(0, Math.round(ms / 1000));
const eta = (ora: Date, quando: string | Date) => ora.getTime() - new Date(quando).getTime();

function database(db: Db, o: OpzioniSalute): Controllo {
  db.$client.prepare("SELECT 1").get();
  const applicate = new Set(migrazioniApplicate(db.$client));
  const conosciute = migrazioniConosciute(o.cartellaMigrazioni);
  const mancanti = conosciute.filter((m) => !applicate.has(m.when)).length;
  const sconosciute = [...applicate].filter((w) => !conosciute.some((m) => m.when === w)).length;
  const c: Controllo = { ok: mancanti === 0 && sconosciute === 0, migrazioniApplicate: applicate.size, migrazioniAttese: conosciute.length };
  if (mancanti) c.motivo = `${plurale(mancanti, "migrazione non applicata", "migrazioni non applicate")}: riavvia il server (npm start le applica).`;
  else if (sconosciute) c.motivo = `il database ha ${plurale(sconosciute, "migrazione", "migrazioni")} che questa versione non conosce: viene da una versione più recente.`;
  return c;
}

function disco(o: OpzioniSalute): Controllo {
  const s = statfsSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ o.fileDatabase)));
  const libero = Number(s.bavail) * Number(s.bsize);
  let dimensione = 0;
  for (const f of [o.fileDatabase, `${o.fileDatabase}-wal`]) {
    try {
      dimensione += statSync(/*turbopackIgnore: true*/ f).size;
    } catch {
      // Missing: nothing to count.
    }
  }
  const minimo = Math.max(SPAZIO_MINIMO_BYTE, 2 * dimensione);
  const c: Controllo = { ok: libero >= minimo, liberoMB: Math.floor(libero / MB), minimoMB: Math.ceil(minimo / MB) };
  if (!c.ok) c.motivo = "poco spazio libero nella cartella dei dati: le copie e il database potrebbero non poter crescere.";
  return c;
}

function posta(db: Db, ora: Date): Controllo {
  const righe = db
    .select({ tentativi: mailOutbox.tentativi, ultimoErrore: mailOutbox.ultimoErrore, createdAt: mailOutbox.createdAt })
    .from(mailOutbox)
    .where(isNull(mailOutbox.inviataIl))
    .all();
  const inAttesa = righe.filter((r) => r.tentativi < MAX_TENTATIVI);
  const abbandonate = righe.filter((r) => r.tentativi >= MAX_TENTATIVI);
  const abbandonateDiRecente = abbandonate.filter((r) => eta(ora, ultimoTentativo(r)) <= POSTA_ABBANDONATA_FINESTRA_MS).length;
  const piuVecchia = inAttesa.length ? Math.max(...inAttesa.map((r) => eta(ora, r.createdAt))) : null;
  const troppoVecchia = piuVecchia !== null && piuVecchia > POSTA_ATTESA_MASSIMA_MS;
  const c: Controllo = {
    ok: !troppoVecchia && abbandonateDiRecente === 0,
    daInviare: inAttesa.length,
    piuVecchiaSecondi: piuVecchia === null ? null : secondi(piuVecchia),
    limiteSecondi: secondi(POSTA_ATTESA_MASSIMA_MS),
    abbandonate: abbandonate.length,
    abbandonateUltimoGiorno: abbandonateDiRecente,
  };
  if (troppoVecchia) c.motivo = "una mail aspetta di partire da più del limite: il server di posta la rifiuta o non risponde.";
  else if (abbandonateDiRecente) c.motivo = `${plurale(abbandonateDiRecente, "mail non è stata inviata", "mail non sono state inviate")} dopo ${MAX_TENTATIVI} tentativi nell'ultimo giorno.`;
  return c;
}

function backup(db: Db, o: OpzioniSalute, ora: Date): Controllo {
  // Only the regular copies (the daily one, or db:backup): a labelled one holds another moment's database.
  const copie = elencoCopie(o.cartellaBackup, o.fileDatabase).filter((x) => x.etichetta === null);
  const ultima = copie.at(-1);
  const c: Controllo = { ok: true, copie: copie.length, ultimaSecondi: ultima ? secondi(eta(ora, ultima.quando)) : null, limiteSecondi: secondi(BACKUP_ETA_MASSIMA_MS) };
  if (ultima && eta(ora, ultima.quando) <= BACKUP_ETA_MASSIMA_MS) return c;
  // No recent copy: fine while the data itself is younger than a copy may be (a new installation,
  // a database recreated after the last copy).
  const primo = db.$client.prepare("SELECT min(at) FROM audit_log").pluck().get() as string | null;
  c.ok = primo === null || eta(ora, primo) <= BACKUP_ETA_MASSIMA_MS;
  if (!c.ok) c.motivo = ultima ? "l'ultima copia del database è più vecchia del limite: il backup giornaliero non sta funzionando." : "nessuna copia del database, e i dati ci sono da più del limite.";
  return c;
}

function filePubblicati(db: Db, ora: Date): Controllo {
  const ultime = db
    .select({ editionId: publications.editionId, revisione: sql<number>`max(${publications.revisione})` })
    .from(publications)
    .groupBy(publications.editionId)
    .all();
  const righe = ultime.length
    ? db
        .select({ editionId: publications.editionId, revisione: publications.revisione, stato: sitiPubblicati.stato, aggiornatoIl: sitiPubblicati.aggiornatoIl })
        .from(sitiPubblicati)
        .innerJoin(publications, eq(publications.id, sitiPubblicati.publicationId))
        .where(inArray(sitiPubblicati.stato, ["in_coda", "in_corso", "errore"]))
        .all()
        .filter((r) => ultime.some((u) => u.editionId === r.editionId && u.revisione === r.revisione))
    : [];
  const inAttesa = righe.filter((r) => r.stato !== "errore");
  const inErrore = righe.filter((r) => r.stato === "errore").length;
  const piuVecchio = inAttesa.length ? Math.max(...inAttesa.map((r) => eta(ora, r.aggiornatoIl))) : null;
  const fermo = piuVecchio !== null && piuVecchio > FILE_ATTESA_MASSIMA_MS;
  // The child that makes them keeps dying (out of memory, Chromium missing…): no use waiting the 30 minutes.
  const caduto = inAttesa.length > 0 && statoSiti.usciteConErrore >= USCITE_CON_ERRORE_MASSIME;
  const c: Controllo = {
    ok: inErrore === 0 && !fermo && !caduto,
    edizioni: ultime.length,
    inAttesa: inAttesa.length,
    inErrore,
    piuVecchioInAttesaSecondi: piuVecchio === null ? null : secondi(piuVecchio),
    limiteSecondi: secondi(FILE_ATTESA_MASSIMA_MS),
  };
  if (inErrore) c.motivo = `i file di ${plurale(inErrore, "un'edizione pubblicata non sono stati fatti", "edizioni pubblicate non sono stati fatti")}: le pagine sono servite dall'applicazione; vedi il log del server.`;
  else if (fermo) c.motivo = "i file di un'edizione pubblicata aspettano da più del limite senza progressi.";
  else if (caduto) c.motivo = `il processo che fa i file pubblicati è terminato con errore ${statoSiti.usciteConErrore} volte di fila; vedi il log del server.`;
  return c;
}

/** One check, whatever happens: a check that throws is not ok, and says only that. */
function prova(nome: string, f: () => Controllo): Controllo {
  try {
    return f();
  } catch (e) {
    log.error({ lavoro: "salute", controllo: nome, errore: erroreDaRegistrare(e) }, "controllo di salute non riuscito");
    return { ok: false, motivo: "il controllo non è riuscito (dettagli nel log del server)." };
  }
}

/** Every check, now. `db` is asked for inside the checks, so a database that does not open fails them instead of the answer. */
export function statoSalute(db: () => Db, o: OpzioniSalute): Salute {
  const ora = o.ora ?? new Date();
  const controlli = {
    database: prova("database", () => database(db(), o)),
    disco: prova("disco", () => disco(o)),
    posta: prova("posta", () => posta(db(), ora)),
    backup: prova("backup", () => backup(db(), o, ora)),
    filePubblicati: prova("filePubblicati", () => filePubblicati(db(), ora)),
  };
  const pronto = Object.values(controlli).every((c) => c.ok);
  return { stato: pronto ? "pronto" : "non pronto", vivo: true, pronto, ora: ora.toISOString(), controlli };
}
