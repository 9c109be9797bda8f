/**
 * The server under test: a fresh demo database in a folder of its own (data/bench/, with
 * its published files, backups and mail beside it), `npm start` on its own port, the CPU
 * it uses, and plain GETs against it.
 */
import Database from "better-sqlite3";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { setTimeout as attendi } from "node:timers/promises";
import { ErroreBench } from "./benchmark";

export const PORTA = Number(process.env.BENCH_PORT ?? 3300);
export const BASE = `http://127.0.0.1:${PORTA}`;
const CARTELLA = "data/bench";
export const DATABASE_PATH = `${CARTELLA}/bilancio.sqlite`;
/** The demo accounts' password for this run (DEMO_PASSWORD of db:reset). */
export const PASSWORD = randomBytes(18).toString("base64url"); // never printed
/** The demo's published edition (db/seed.ts): the public pages the benchmarks read. */
export const EDIZIONE_PUBBLICATA = "2014-2016";
const AVVIO_TIMEOUT_MS = 90_000;

let server: ChildProcess | null = null;
let logServer = "";

function ambiente(): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_PATH, DEMO_PASSWORD: PASSWORD, PORT: String(PORTA), MAIL_DIR: `${CARTELLA}/mail` };
}

async function risponde(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) });
    await r.arrayBuffer();
    return r.status < 500;
  } catch {
    return false;
  }
}

/**
 * data/bench/ is the benchmark's own throwaway folder: removed before db:reset, which would
 * otherwise refuse the database once the publication benchmark has added a revision (it
 * keeps anything more than the demo), so `npm run bench` runs again and again. Nothing of
 * another database (data/bilancio.sqlite and its published files) is touched.
 */
export function azzeraDatabase() {
  rmSync(CARTELLA, { recursive: true, force: true });
  const r = spawnSync("npm", ["run", "--silent", "db:reset"], { env: ambiente(), encoding: "utf8" });
  if (r.status !== 0) throw new ErroreBench(`npm run db:reset non riuscito:\n${r.stdout}\n${r.stderr}`);
}

/** Reads the benchmark's database directly (read-only), e.g. to pick the rows a benchmark works on. */
export function leggiDatabase<T>(f: (db: Database.Database) => T): T {
  const db = new Database(DATABASE_PATH, { readonly: true, fileMustExist: true });
  try {
    return f(db);
  } finally {
    db.close();
  }
}

export async function avviaServer() {
  if (await risponde(`${BASE}/login`)) throw new ErroreBench(`Qualcosa risponde già su ${BASE}: scegli un'altra porta con BENCH_PORT.`);
  // Own process group, so stopping it also stops `next start` under npm.
  server = spawn("npm", ["start"], { env: ambiente(), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const annota = (b: Buffer) => (logServer = (logServer + b.toString()).slice(-8000));
  server.stdout!.on("data", annota);
  server.stderr!.on("data", annota);
  let uscito: number | null = null;
  server.on("exit", (code) => (uscito = code ?? -1));
  const limite = Date.now() + AVVIO_TIMEOUT_MS;
  while (Date.now() < limite) {
    if (uscito !== null) throw new ErroreBench(`Il server è terminato durante l'avvio (codice ${uscito}):\n${logServer}`);
    if (await risponde(`${BASE}/login`)) return;
    await attendi(250);
  }
  throw new ErroreBench(`Il server non risponde su ${BASE}/login dopo ${AVVIO_TIMEOUT_MS / 1000} s:\n${logServer}`);
}

export async function fermaServer() {
  const s = server;
  server = null;
  if (!s?.pid || s.exitCode !== null || s.signalCode !== null) return;
  const chiuso = new Promise<void>((r) => s.once("exit", () => r()));
  try {
    process.kill(-s.pid, "SIGTERM");
  } catch {
    return;
  }
  // The server stops gracefully within 10 s (server.ts); past that it is killed.
  const tempo = await Promise.race([chiuso.then(() => true), attendi(12_000).then(() => false)]);
  if (!tempo) {
    try {
      process.kill(-s.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

export function fermaSubito() {
  // Synchronous last resort (signal handlers, process exit).
  if (server?.pid && server.exitCode === null && server.signalCode === null) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

let msPerTick: number | null = null;

/**
 * CPU time (ms) used so far by the server's process group (npm → next start), read from
 * /proc; null where there is no /proc. The load generator runs on the same cores.
 */
function cpuServerMs(): number | null {
  const gruppo = server?.pid;
  if (!gruppo || !existsSync("/proc/self/stat")) return null;
  msPerTick ??= 1000 / (Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout?.trim()) || 100);
  let totale = 0;
  for (const voce of readdirSync("/proc")) {
    if (!/^\d+$/.test(voce)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${voce}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after "(comm) ": state, ppid, pgrp, …, utime (14th field), stime (15th).
    const campi = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(campi[2]) === gruppo) totale += (Number(campi[11]) + Number(campi[12])) * msPerTick;
  }
  return totale;
}

/** Measures the CPU both sides use over a stretch of time, as a share of one core. */
export function misuraCpu() {
  const gen0 = process.cpuUsage();
  const srv0 = cpuServerMs();
  const t0 = performance.now();
  return () => {
    const durata = performance.now() - t0;
    const gen = process.cpuUsage(gen0);
    const srv1 = cpuServerMs();
    return {
      generatore: (gen.user + gen.system) / 1000 / durata,
      server: srv0 === null || srv1 === null ? null : (srv1 - srv0) / durata,
    };
  };
}

export const ACCETTA_PAGINA = "text/html,application/xhtml+xml,*/*;q=0.8";

/** Uncompressed size of a GET's body; fails the benchmark unless it is a non-empty 200. */
export async function scarica(percorso: string, accetta: string): Promise<{ testo: string; byte: number; ms: number; cache: string }> {
  const t0 = performance.now();
  const r = await fetch(`${BASE}${percorso}`, { redirect: "manual", headers: { Accept: accetta } });
  const corpo = Buffer.from(await r.arrayBuffer());
  const ms = performance.now() - t0;
  if (r.status !== 200 || corpo.length === 0) throw new ErroreBench(`GET ${percorso}: HTTP ${r.status}, ${corpo.length} byte.`);
  return { testo: corpo.toString("utf8"), byte: corpo.length, ms, cache: r.headers.get("x-nextjs-cache") ?? "assente" };
}

/** Revisions whose published files are still to be made, as the server's health check counts them. */
export async function fileInAttesa(): Promise<number> {
  const r = await fetch(`${BASE}/api/salute`, { signal: AbortSignal.timeout(10_000) });
  const salute = (await r.json()) as { controlli?: { filePubblicati?: { inAttesa?: number } } };
  const n = salute.controlli?.filePubblicati?.inAttesa;
  if (typeof n !== "number") throw new ErroreBench(`/api/salute non dice quanti file pubblicati sono in attesa: ${JSON.stringify(salute).slice(0, 200)}`);
  return n;
}

/** Waits until every published revision has its files (at most `secondi`). */
export async function attendiFilePronti(secondi: number): Promise<void> {
  const fine = performance.now() + secondi * 1000;
  while ((await fileInAttesa()) > 0) {
    if (performance.now() > fine) throw new ErroreBench(`Dopo ${secondi} s i file delle edizioni pubblicate non sono ancora pronti (BENCH_FILE_WAIT).`);
    await attendi(500);
  }
}

/**
 * Stops the server (gracefully, as systemd would), removes the published folders and starts
 * it again: it then makes every published revision's files anew, in its child process.
 */
export async function riavviaConFileDaRifare(): Promise<void> {
  await fermaServer();
  rmSync(`${CARTELLA}/pubblicate`, { recursive: true, force: true });
  await avviaServer();
}
