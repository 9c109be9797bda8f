/**
 * An app server of a test's own: its own folder under data/ (database, auth secret, mail,
 * published files), a fresh Cremona demo in it, its own port, started with `npm start` as a
 * Comune starts it and stopped with its whole process group. For journeys that need the app
 * in a configuration the two shared servers of playwright.config.ts do not have (behind a
 * proxy, over https). Its output goes to server.log in the folder, for diagnosis.
 */
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

/** Reads the database of a test's own server, read-only (to check what the app did, never to change it). */
export function leggiDatabase<T>(file: string, f: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

export interface ServerProprio {
  /** Where the server answers, http://127.0.0.1:<porta>. */
  url: string;
  /** The folder of its data (absolute): the database, mail/, pubblicate/, server.log. */
  cartella: string;
  /** Its database file (absolute). */
  database: string;
  /** Its output, db:reset's included (absolute). */
  log: string;
  /** Stops it and everything it started (the npm and tsx processes, the PDF's Chromium). */
  ferma(): Promise<void>;
}

export interface OpzioniServerProprio {
  /** The folder is data/e2e-<nome>, emptied before the start. */
  nome: string;
  porta: number;
  /** More environment for `npm start` (e.g. NEXTAUTH_URL, TRUST_PROXY), over the defaults. */
  env?: Record<string, string>;
  /** How long start and migrations may take (a slow, busy 2-core CI machine). */
  attesaMs?: number;
}

/** The last lines of the server's log, for an error message. */
function codaLog(file: string, righe = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-righe).join("\n");
  } catch {
    return "(nessun log)";
  }
}

/** Runs a command to its end, its output appended to the log; rejects on a non-zero exit. */
function esegui(comando: string, argomenti: string[], env: NodeJS.ProcessEnv, log: string): Promise<void> {
  const fd = openSync(log, "a");
  return new Promise<void>((resolve, reject) => {
    const p = spawn(comando, argomenti, { env, stdio: ["ignore", fd, fd] });
    p.on("error", reject);
    p.on("exit", (codice, segnale) =>
      codice === 0 ? resolve() : reject(new Error(`${comando} ${argomenti.join(" ")}: uscito con ${codice ?? segnale}\n${codaLog(log)}`)),
    );
  }).finally(() => closeSync(fd));
}

const attendi = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The process has exited (or was never there). */
const finito = (p: ChildProcess) => p.exitCode !== null || p.signalCode !== null;

/** Signals the whole group the server leads (it was spawned detached); gone already is fine. */
function segnalaGruppo(p: ChildProcess, segnale: NodeJS.Signals) {
  try {
    process.kill(-p.pid!, segnale);
  } catch {
    // ESRCH: the group has already ended.
  }
}

async function fermaProcesso(p: ChildProcess): Promise<void> {
  if (p.pid === undefined) return;
  const uscito = finito(p) ? Promise.resolve() : new Promise<void>((r) => p.once("exit", () => r()));
  // SIGTERM first: the server closes the database; then whatever is left of the group goes.
  segnalaGruppo(p, "SIGTERM");
  await Promise.race([uscito, attendi(20_000)]);
  segnalaGruppo(p, "SIGKILL");
  await Promise.race([uscito, attendi(5_000)]);
}

export async function avviaServerProprio(o: OpzioniServerProprio): Promise<ServerProprio> {
  const cartella = path.resolve("data", `e2e-${o.nome}`);
  const database = path.join(cartella, "bilancio.sqlite");
  const log = path.join(cartella, "server.log");
  const url = `http://127.0.0.1:${o.porta}`;
  const attesaMs = o.attesaMs ?? 240_000;
  rmSync(cartella, { recursive: true, force: true });
  mkdirSync(path.join(cartella, "mail"), { recursive: true });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_PATH: database,
    MAIL_DIR: path.join(cartella, "mail"),
    DEMO_PASSWORD: process.env.E2E_DEMO_PASSWORD,
    PORT: String(o.porta),
    NEXTAUTH_URL: url,
    ...o.env,
  };
  // The Cremona demo, with its published edition; --force: the folder is the test's own.
  await esegui("npm", ["run", "db:reset", "--", "--force"], env, log);

  // As deploy/bilancio-sociale.service starts it (the port from PORT). Its own process group, so
  // stopping it stops npm, tsx, the server and any Chromium it started.
  const fd = openSync(log, "a");
  const server = spawn("npm", ["start", "--", "--hostname", "127.0.0.1"], {
    env,
    detached: true,
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const ferma = () => fermaProcesso(server);

  // Ready when it answers at all: /api/salute may say 503 while the published files are being made.
  const limite = Date.now() + attesaMs;
  for (;;) {
    if (finito(server)) throw new Error(`Il server ${o.nome} è uscito prima di essere pronto (${server.exitCode ?? server.signalCode})\n${codaLog(log)}`);
    try {
      const r = await fetch(`${url}/api/salute`, { signal: AbortSignal.timeout(10_000) });
      await r.arrayBuffer();
      break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > limite) {
      await ferma();
      throw new Error(`Il server ${o.nome} non risponde su ${url} dopo ${attesaMs / 1000} s\n${codaLog(log)}`);
    }
    await attendi(500);
  }
  return { url, cartella, database, log, ferma };
}
