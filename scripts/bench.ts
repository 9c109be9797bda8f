/**
 * Performance benchmarks against the real production server (`next start`) on a
 * fresh demo database (data/bench.sqlite). Prints figures and whether each goal is
 * met; exits 0 either way, 1 only when a benchmark itself could not run.
 *
 *   npm run build && npm run bench                 # all benchmarks, in the order of `benchmarks`
 *   npm run bench -- ambito                        # only those whose name contains a fragment
 *
 * Env: BENCH_PORT (3300), BENCH_ROUNDS (25 saves per editor), BENCH_EDITORS (30), BENCH_WARMUP (3);
 * public pages: BENCH_CLIENTS (20), BENCH_LOAD_SECONDS (10), BENCH_LOAD_WARMUP (2 s),
 * BENCH_AMBITO (an ambito's section codice), BENCH_STATIC (a path under /_next/static to compare with),
 * BENCH_GZIP=0 (load without compression).
 * New measurements go in `benchmarks` below; they share one server and the logged-in sessions.
 */
import { ATTESA_AUTOSALVATAGGIO_MS } from "../lib/blocks/autosave";
import Database from "better-sqlite3";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as attendi } from "node:timers/promises";

const PORTA = Number(process.env.BENCH_PORT ?? 3300);
const BASE = `http://127.0.0.1:${PORTA}`;
const DATABASE_PATH = "data/bench.sqlite";
const GIRI = Number(process.env.BENCH_ROUNDS ?? 25);
const EDITORI = Number(process.env.BENCH_EDITORS ?? 30);
const RISCALDAMENTO = Number(process.env.BENCH_WARMUP ?? 3);
const CLIENTI = Number(process.env.BENCH_CLIENTS ?? 20);
const CARICO_S = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const CARICO_RISCALDAMENTO_S = Number(process.env.BENCH_LOAD_WARMUP ?? 2);
const EMAIL = "coordinatore@cremona.example";
const EMAIL_ASSESSORE = "assessore@cremona.example";
/** The demo's published edition (db/demo-life.ts) and the ambito page the public-page benchmark reads. */
const EDIZIONE_PUBBLICATA = "2014-2016";
const AMBITO = process.env.BENCH_AMBITO ?? "rilancio-istituzioni-culturali";
const PASSWORD = randomBytes(18).toString("base64url"); // never printed
const AVVIO_TIMEOUT_MS = 90_000;

class ErroreBench extends Error {}

// ---------------------------------------------------------------- server

let server: ChildProcess | null = null;
let logServer = "";

function ambiente(): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_PATH, DEMO_PASSWORD: PASSWORD, PORT: String(PORTA) };
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

function azzeraDatabase() {
  const r = spawnSync("npm", ["run", "--silent", "db:reset"], { env: ambiente(), encoding: "utf8" });
  if (r.status !== 0) throw new ErroreBench(`npm run db:reset non riuscito:\n${r.stdout}\n${r.stderr}`);
}

async function avviaServer() {
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

async function fermaServer() {
  const s = server;
  server = null;
  if (!s?.pid || s.exitCode !== null || s.signalCode !== null) return;
  const chiuso = new Promise<void>((r) => s.once("exit", () => r()));
  try {
    process.kill(-s.pid, "SIGTERM");
  } catch {
    return;
  }
  const tempo = await Promise.race([chiuso.then(() => true), attendi(5000).then(() => false)]);
  if (!tempo) {
    try {
      process.kill(-s.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

function fermaSubito() {
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
function misuraCpu() {
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

const quotaCore = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(0)}% di un core`);

// ---------------------------------------------------------------- HTTP session

class Sessione {
  private cookie = new Map<string, string>();

  assorbi(r: Response) {
    for (const c of r.headers.getSetCookie()) {
      const [coppia] = c.split(";");
      const i = coppia.indexOf("=");
      if (i > 0) this.cookie.set(coppia.slice(0, i).trim(), coppia.slice(i + 1).trim());
    }
  }

  get intestazione(): string {
    return [...this.cookie].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  ha(nome: string) {
    return this.cookie.has(nome);
  }
}

/** next-auth v4 credentials login: CSRF token + cookie, then the form post. */
async function accedi(email: string, password: string): Promise<Sessione> {
  const s = new Sessione();
  const r1 = await fetch(`${BASE}/api/auth/csrf`);
  if (!r1.ok) throw new ErroreBench(`GET /api/auth/csrf: HTTP ${r1.status}`);
  s.assorbi(r1);
  const { csrfToken } = (await r1.json()) as { csrfToken: string };
  const r2 = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: s.intestazione },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${BASE}/` }),
  });
  s.assorbi(r2);
  const corpo = await r2.text();
  if (!s.ha("next-auth.session-token")) throw new ErroreBench(`Accesso di ${email} non riuscito (HTTP ${r2.status}): ${corpo.slice(0, 300)}`);
  return s;
}

// ---------------------------------------------------------------- server actions

interface Azione {
  id: string;
  /** Page routes whose worker holds the action, e.g. "app/sezioni/[id]/modifica/page". */
  pagine: string[];
}

/** Finds a server action's id in the build's manifest by its exported name (and module, when recorded). */
function trovaAzione(nome: string, modulo: string): Azione {
  const file = path.resolve(".next/server/server-reference-manifest.json");
  if (!existsSync(file)) throw new ErroreBench(`Manca ${file}: la build non contiene server action.`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node?: Record<string, Record<string, unknown>> };
  const voci = Object.entries(manifest.node ?? {});
  const nomeDi = (v: Record<string, unknown>) => (v.exportedName ?? v.name) as string | undefined;
  const fileDi = (v: Record<string, unknown>) => (v.filename ?? v.file) as string | undefined;
  const candidati = voci.filter(([, v]) => {
    const n = nomeDi(v);
    const f = fileDi(v);
    return n === nome && (!f || f.replace(/\\/g, "/").endsWith(modulo));
  });
  if (candidati.length !== 1) {
    const note = voci.map(([k, v]) => `  ${k.slice(0, 12)}… ${nomeDi(v) ?? "?"} ${fileDi(v) ?? ""}`).join("\n");
    throw new ErroreBench(
      `Server action ${nome} (${modulo}) ${candidati.length ? "ambigua" : "non trovata"} in ${file}.\nVoci presenti:\n${note || "  (nessuna)"}`,
    );
  }
  const [id, voce] = candidati[0];
  return { id, pagine: Object.keys((voce.workers as Record<string, unknown>) ?? {}) };
}

/** Whether the action's worker list holds a route, route groups aside: "app/(lavoro)/x/page" is route "app/x/page". */
function registrataPer(azione: Azione, route: string): boolean {
  return azione.pagine.some((p) => p.replace(/\/\([^/]+\)/g, "") === route);
}

/**
 * Parses an RSC action response: rows "N:<json>" separated by newlines; row 0 is
 * `{"a":"$@1",...}` pointing at the row with the action's return value.
 */
function risultatoRsc(testo: string): unknown {
  const righe = new Map<string, string>();
  for (const riga of testo.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(riga);
    if (m) righe.set(m[1], m[2]);
  }
  const zero = righe.get("0");
  if (!zero) throw new Error(`risposta RSC senza riga 0: ${testo.slice(0, 200)}`);
  const radice = JSON.parse(zero) as { a?: unknown };
  const rif = typeof radice.a === "string" && /^\$@([0-9a-f]+)$/.exec(radice.a);
  if (!rif) return radice.a;
  const valore = righe.get(rif[1]);
  if (valore === undefined) throw new Error(`risposta RSC senza riga ${rif[1]}: ${testo.slice(0, 200)}`);
  if (valore.startsWith("E")) throw new Error(`errore della server action: ${valore.slice(1, 300)}`);
  return JSON.parse(valore);
}

/** Calls a server action as the browser does: POST to a page with Next-Action, arguments as a JSON array. */
async function chiamaAzione(s: Sessione, azione: Azione, pagina: string, argomenti: unknown[]): Promise<unknown> {
  const r = await fetch(`${BASE}${pagina}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Next-Action": azione.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: BASE,
      Cookie: s.intestazione,
    },
    body: JSON.stringify(argomenti),
  });
  const testo = await r.text();
  if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${testo.slice(0, 200)}`);
  return risultatoRsc(testo);
}

// ---------------------------------------------------------------- statistics

/** What a benchmark measured, as labelled rows: each benchmark says what its figures are. */
interface Risultato {
  obiettivo: string;
  raggiunto: boolean;
  /** Headings of the value columns when a row compares several things (e.g. page vs static file). */
  colonne?: string[];
  righe: [string, ...string[]][];
  note: string[];
}

function percentile(ordinate: number[], p: number): number {
  if (!ordinate.length) return NaN;
  return ordinate[Math.min(ordinate.length - 1, Math.max(0, Math.ceil((p / 100) * ordinate.length) - 1))];
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "—");
const kB = (byte: number) => (Number.isFinite(byte) ? `${(byte / 1024).toFixed(1)} kB` : "—");

/** The rows of a latency distribution of `unita` (e.g. "salvataggi") measured over `durataMs`. */
function righeLatenze(unita: string, misure: number[], errori: number, durataMs: number): [string, string][] {
  const o = [...misure].sort((a, b) => a - b);
  return [
    [`${unita} misurati`, String(o.length)],
    ["errori", String(errori)],
    ["minimo", ms(o[0])],
    ["p50", ms(percentile(o, 50))],
    ["p95", ms(percentile(o, 95))],
    ["p99", ms(percentile(o, 99))],
    ["massimo", ms(o[o.length - 1])],
    ["throughput", `${((o.length / durataMs) * 1000).toFixed(1)} ${unita}/s`],
    ["durata", `${(durataMs / 1000).toFixed(1)} s`],
  ];
}

function stampa(nome: string, r: Risultato) {
  const larghezza = Math.max(...r.righe.map(([k]) => k.length));
  const colonna = Math.max(r.colonne ? 14 : 22, ...(r.colonne ?? []).map((c) => c.length), ...r.righe.flatMap(([, ...v]) => v.map((x) => x.length)));
  const riga = (k: string, v: string[]) => `  ${k.padEnd(larghezza)}${v.map((x) => `  ${x.padStart(colonna)}`).join("")}`;
  console.log(`\n== ${nome} ==`);
  console.log(`obiettivo: ${r.obiettivo}`);
  if (r.colonne) console.log(riga("", r.colonne));
  for (const [k, ...v] of r.righe) console.log(riga(k, v));
  for (const n of r.note) console.log(`  nota: ${n}`);
  console.log(r.raggiunto ? "OBIETTIVO RAGGIUNTO" : "OBIETTIVO NON RAGGIUNTO");
}

// ---------------------------------------------------------------- benchmarks

interface Contesto {
  /** The editors' sessions (coordinator accounts), logged in on first use: only the save benchmark needs them. */
  sessioniEditor: () => Promise<Sessione[]>;
}

interface Benchmark {
  nome: string;
  esegui: (ctx: Contesto) => Promise<Risultato>;
}

type EsitoSalvataggio =
  | { ok: true; blocco: { id: number; version: number; dati: { valore?: unknown } } }
  | { ok: false; tipo: string; messaggio?: string; corrente?: { version: number } | null };

interface BloccoBench {
  id: number;
  version: number;
  dati: Record<string, unknown>;
  sectionId: number;
}

function blocchiIndicatore(n: number): BloccoBench[] {
  const db = new Database(DATABASE_PATH, { readonly: true, fileMustExist: true });
  try {
    const righe = db
      .prepare(
        `SELECT b.id, b.version, b.payload, b.section_id FROM blocks b JOIN sections s ON s.id = b.section_id
         WHERE b.tipo = 'indicatore' AND s.stato = 'bozza' ORDER BY b.id LIMIT ?`,
      )
      .all(n) as { id: number; version: number; payload: string; section_id: number }[];
    return righe.map((r) => ({ id: r.id, version: r.version, dati: JSON.parse(r.payload), sectionId: r.section_id }));
  } finally {
    db.close();
  }
}

const salvataggioBlocco: Benchmark = {
  nome: "salvataggio blocco",
  async esegui(ctx) {
    const obiettivo = `p95 < 100 ms con ${EDITORI} editor che salvano insieme`;
    const azione = trovaAzione("salvaBloccoAction", "app/_server/block-actions.ts");
    const blocchi = blocchiIndicatore(EDITORI);
    if (blocchi.length < EDITORI) throw new ErroreBench(`Servono ${EDITORI} blocchi indicatore in sezioni in bozza, trovati ${blocchi.length}.`);
    const note: string[] = [];
    if (azione.pagine.length && !registrataPer(azione, "app/sezioni/[id]/modifica/page")) {
      note.push(`la server action non è registrata per /sezioni/[id]/modifica (pagine: ${azione.pagine.join(", ")})`);
    }

    const sessioni = await ctx.sessioniEditor();

    const errori = new Map<string, number>();
    const conta = (k: string) => errori.set(k, (errori.get(k) ?? 0) + 1);
    let erroriMisurati = 0;
    const misure: number[] = [];

    /** One save of the editor's own block; keeps its version in step with the server's answer. */
    async function salva(s: Sessione, b: BloccoBench, misura: boolean) {
      const dati = { ...b.dati, valore: Math.round(Math.random() * 1_000_000) / 10 };
      const t0 = performance.now();
      let esito: EsitoSalvataggio;
      try {
        esito = (await chiamaAzione(s, azione, `/sezioni/${b.sectionId}/modifica`, [{ blockId: b.id, version: b.version, dati }])) as EsitoSalvataggio;
      } catch (e) {
        conta((e as Error).message.slice(0, 120));
        if (misura) erroriMisurati++;
        return;
      }
      const dt = performance.now() - t0;
      if (esito?.ok === true && esito.blocco?.version === b.version + 1 && esito.blocco.dati?.valore === dati.valore) {
        b.version = esito.blocco.version;
        b.dati = dati;
        if (misura) misure.push(dt);
        return;
      }
      if (misura) erroriMisurati++;
      if (esito?.ok === false) {
        conta(`${esito.tipo}: ${esito.messaggio ?? ""}`);
        if (esito.tipo === "conflitto" && esito.corrente) b.version = esito.corrente.version;
      } else {
        conta(`risposta inattesa: ${JSON.stringify(esito).slice(0, 120)}`);
      }
    }

    const editore = async (i: number, giri: number, misura: boolean) => {
      for (let g = 0; g < giri; g++) {
        await salva(sessioni[i], blocchi[i], misura);
        // A real editor saves at most once per autosave interval, plus the time to type the next change.
        await attendi(ATTESA_AUTOSALVATAGGIO_MS + Math.random() * 400);
      }
    };

    // Warm-up: compile caches, JIT, SQLite pages. Not measured.
    await Promise.all(blocchi.map((_, i) => editore(i, RISCALDAMENTO, false)));
    const erroriRiscaldamento = [...errori.values()].reduce((a, b) => a + b, 0);
    if (erroriRiscaldamento === RISCALDAMENTO * EDITORI && RISCALDAMENTO > 0) {
      throw new ErroreBench(`Tutti i salvataggi di riscaldamento sono falliti: ${[...errori.keys()].join(" | ")}`);
    }

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await Promise.all(blocchi.map((_, i) => editore(i, GIRI, true)));
    const durataMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    // The load generator shares the machine's cores with the server: say how much it took.
    note.push(`CPU usata dal generatore di carico: ${(((cpu.user + cpu.system) / 1000 / durataMs) * 100).toFixed(0)}% di un core`);

    for (const [k, n] of errori) note.push(`${n}× ${k}`);
    const p95 = percentile([...misure].sort((a, b) => a - b), 95);
    return { obiettivo, raggiunto: erroriMisurati === 0 && misure.length > 0 && p95 < 100, righe: righeLatenze("salvataggi", misure, erroriMisurati, durataMs), note };
  },
};

// ---------------------------------------------------------------- public pages

/**
 * Requests ask for compression as browsers do, and `next start` gzips every answer on the fly;
 * BENCH_GZIP=0 asks for none (as behind a proxy that compresses and caches).
 */
const COMPRESSIONE = process.env.BENCH_GZIP !== "0";
const ACCETTA_PAGINA = "text/html,application/xhtml+xml,*/*;q=0.8";
const accettaStatico = (percorso: string) => (/\.css(\?|$)/.test(percorso) ? "text/css,*/*;q=0.1" : "*/*");
const intestazioni = (accetta: string): Record<string, string> => ({ Accept: accetta, "Accept-Encoding": COMPRESSIONE ? "gzip, deflate, br" : "identity" });

interface Risposta {
  status: number;
  /** Body bytes as received (compressed when the server compressed). */
  byte: number;
  cache: string;
  codifica: string;
}

/** One GET over a keep-alive agent; the body is counted, not decoded (a load generator should stay cheap). */
function richiesta(agent: http.Agent, percorso: string, intestazioni: Record<string, string>): Promise<Risposta> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: PORTA, path: percorso, agent, headers: intestazioni }, (res) => {
      let byte = 0;
      res.on("data", (c: Buffer) => (byte += c.length));
      res.on("error", reject);
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          byte,
          cache: String(res.headers["x-nextjs-cache"] ?? "assente"),
          codifica: String(res.headers["content-encoding"] ?? "nessuna"),
        }),
      );
    });
    req.setTimeout(10_000, () => req.destroy(new Error("nessuna risposta entro 10 s")));
    req.on("error", reject);
    req.end();
  });
}

interface EsitoCarico {
  misure: number[];
  erroriMisurati: number;
  errori: Map<string, number>;
  byteTotali: number;
  /** x-nextjs-cache values of the measured responses (HIT: served from the full-route cache). */
  cache: Map<string, number>;
  codifiche: Set<string>;
  durataMs: number;
  cpu: { generatore: number; server: number | null };
}

const incrementa = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * CLIENTI clients, each sending its next request as soon as the previous answer has
 * arrived, over at most CLIENTI keep-alive connections: CARICO_RISCALDAMENTO_S seconds
 * unmeasured, then CARICO_S seconds measured. Only 200s with a non-empty body count.
 */
async function carico(percorso: string, intestazioni: Record<string, string>): Promise<EsitoCarico> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTI });
  const fase = async (durataMs: number, e: EsitoCarico | null) => {
    let riuscite = 0;
    const fine = performance.now() + durataMs;
    const cliente = async () => {
      while (performance.now() < fine) {
        const t0 = performance.now();
        let r: Risposta;
        try {
          r = await richiesta(agent, percorso, intestazioni);
        } catch (err) {
          if (e) {
            e.erroriMisurati++;
            incrementa(e.errori, (err as Error).message.slice(0, 120));
          }
          await attendi(10); // a refused connection must not become a busy loop
          continue;
        }
        const dt = performance.now() - t0;
        const errore = r.status !== 200 ? `HTTP ${r.status}` : r.byte === 0 ? "corpo vuoto" : null;
        if (!errore) riuscite++;
        if (!e) continue;
        if (errore) {
          e.erroriMisurati++;
          incrementa(e.errori, errore);
          continue;
        }
        e.misure.push(dt);
        e.byteTotali += r.byte;
        incrementa(e.cache, r.cache);
        e.codifiche.add(r.codifica);
      }
    };
    await Promise.all(Array.from({ length: CLIENTI }, cliente));
    return riuscite;
  };
  try {
    if ((await fase(CARICO_RISCALDAMENTO_S * 1000, null)) === 0 && CARICO_RISCALDAMENTO_S > 0) {
      throw new ErroreBench(`Nessuna risposta valida per ${percorso} durante il riscaldamento.`);
    }
    const e: EsitoCarico = { misure: [], erroriMisurati: 0, errori: new Map(), byteTotali: 0, cache: new Map(), codifiche: new Set(), durataMs: 0, cpu: { generatore: 0, server: null } };
    const cpu = misuraCpu();
    const t0 = performance.now();
    await fase(CARICO_S * 1000, e);
    e.durataMs = performance.now() - t0;
    e.cpu = cpu();
    return e;
  } finally {
    agent.destroy();
  }
}

/** The public page of the ambito AMBITO in the published demo edition, from its snapshot. */
function percorsoAmbito(): string {
  const db = new Database(DATABASE_PATH, { readonly: true, fileMustExist: true });
  try {
    const riga = db
      .prepare(`SELECT p.dati_json FROM publications p JOIN editions e ON e.id = p.edition_id WHERE e.slug = ? ORDER BY p.revisione DESC LIMIT 1`)
      .get(EDIZIONE_PUBBLICATA) as { dati_json: string } | undefined;
    if (!riga) throw new ErroreBench(`L'edizione ${EDIZIONE_PUBBLICATA} non risulta pubblicata in ${DATABASE_PATH}.`);
    const dati = JSON.parse(riga.dati_json) as { parti: { codice: string; aree: { ambiti: { sezione: { codice: string } }[] }[] }[] };
    for (const parte of dati.parti) {
      for (const area of parte.aree) {
        if (area.ambiti.some((a) => a.sezione.codice === AMBITO)) return `/edizioni/${EDIZIONE_PUBBLICATA}/${parte.codice}/${AMBITO}`;
      }
    }
    throw new ErroreBench(`Nessun ambito con la sezione "${AMBITO}" nell'edizione ${EDIZIONE_PUBBLICATA} (vedi BENCH_AMBITO).`);
  } finally {
    db.close();
  }
}

/** Uncompressed size of a GET's body; fails the benchmark unless it is a non-empty 200. */
async function scarica(percorso: string, accetta: string): Promise<{ testo: string; byte: number; ms: number; cache: string }> {
  const t0 = performance.now();
  const r = await fetch(`${BASE}${percorso}`, { redirect: "manual", headers: { Accept: accetta } });
  const corpo = Buffer.from(await r.arrayBuffer());
  const ms = performance.now() - t0;
  if (r.status !== 200 || corpo.length === 0) throw new ErroreBench(`GET ${percorso}: HTTP ${r.status}, ${corpo.length} byte.`);
  return { testo: corpo.toString("utf8"), byte: corpo.length, ms, cache: r.headers.get("x-nextjs-cache") ?? "assente" };
}

/**
 * The static file to compare with: BENCH_STATIC, else the stylesheet under /_next/static
 * linked by the page whose size is nearest the page's, so both move about as many bytes.
 */
async function fileStatico(html: string, byteRiferimento: number): Promise<{ percorso: string; byte: number; scelta: string }> {
  if (process.env.BENCH_STATIC) {
    const percorso = process.env.BENCH_STATIC;
    return { percorso, byte: (await scarica(percorso, accettaStatico(percorso))).byte, scelta: "da BENCH_STATIC" };
  }
  const candidati = [...new Set([...html.matchAll(/(?:href|src)="(\/_next\/static\/[^"]+?\.(?:css|js)(?:\?[^"]*)?)"/g)].map((m) => m[1].replace(/&amp;/g, "&")))];
  if (!candidati.length) throw new ErroreBench("La pagina non collega file sotto /_next/static: indicane uno con BENCH_STATIC.");
  const misurati = await Promise.all(candidati.map(async (percorso) => ({ percorso, byte: (await scarica(percorso, accettaStatico(percorso))).byte })));
  misurati.sort((a, b) => Math.abs(a.byte - byteRiferimento) - Math.abs(b.byte - byteRiferimento));
  const elenco = [...misurati].sort((a, b) => a.byte - b.byte).map((c) => kB(c.byte)).join(", ");
  return { ...misurati[0], scelta: `il più vicino per dimensione alla pagina fra i ${misurati.length} file CSS e JS che collega (${elenco})` };
}

const elencoConteggi = (m: Map<string, number>) => [...m].map(([k, n]) => `${k} ${n}`).join(", ") || "nessuna";

const paginaAmbito: Benchmark = {
  nome: "pagina pubblica di un ambito",
  async esegui() {
    const obiettivo = `con ${CLIENTI} client simultanei, richieste/s della pagina di un ambito ≥ 80% di quelle di un file statico servito dallo stesso server`;
    const pagina = percorsoAmbito();
    // First request: renders the page and fills the full-route cache. Not measured.
    const prima = await scarica(pagina, ACCETTA_PAGINA);
    if (!prima.testo.includes("<h1")) throw new ErroreBench(`GET ${pagina}: la risposta non sembra la pagina dell'ambito.`);
    const statico = await fileStatico(prima.testo, prima.byte);

    const a = await carico(pagina, intestazioni(ACCETTA_PAGINA));
    const s = await carico(statico.percorso, intestazioni(accettaStatico(statico.percorso)));

    const rps = (e: EsitoCarico) => (e.misure.length / e.durataMs) * 1000;
    const ordinate = (e: EsitoCarico) => [...e.misure].sort((x, y) => x - y);
    const media = (e: EsitoCarico) => (e.misure.length ? e.byteTotali / e.misure.length : NaN);
    const [oa, os] = [ordinate(a), ordinate(s)];
    const rapporto = rps(a) / rps(s);
    const righe: [string, ...string[]][] = [
      ["richieste riuscite", String(a.misure.length), String(s.misure.length)],
      ["errori", String(a.erroriMisurati), String(s.erroriMisurati)],
      ["richieste/s", rps(a).toFixed(0), rps(s).toFixed(0)],
      ["latenza p50", ms(percentile(oa, 50)), ms(percentile(os, 50))],
      ["latenza p95", ms(percentile(oa, 95)), ms(percentile(os, 95))],
      ["byte per risposta (trasferiti)", kB(media(a)), kB(media(s))],
      ["codifica", [...a.codifiche].join("/") || "—", [...s.codifiche].join("/") || "—"],
      ["byte non compressi", kB(prima.byte), kB(statico.byte)],
      ["CPU generatore di carico", quotaCore(a.cpu.generatore), quotaCore(s.cpu.generatore)],
      ["CPU server", quotaCore(a.cpu.server), quotaCore(s.cpu.server)],
      ["durata misurata", `${(a.durataMs / 1000).toFixed(1)} s`, `${(s.durataMs / 1000).toFixed(1)} s`],
      ["pagina/statico", `${(rapporto * 100).toFixed(0)}%`],
    ];
    const note = [
      `pagina: ${pagina}`,
      `file statico: ${statico.percorso}, ${statico.scelta}`,
      `${CLIENTI} client con connessioni keep-alive, ${CARICO_RISCALDAMENTO_S} s di riscaldamento e ${CARICO_S} s misurati per ciascuno, prima la pagina poi il file; ${COMPRESSIONE ? "Accept-Encoding gzip come un browser" : "senza compressione (BENCH_GZIP=0)"}`,
      `generatore di carico e server condividono ${availableParallelism()} core: le quote di CPU sono misurate su entrambi`,
      `prima resa della pagina (fuori misura): ${ms(prima.ms)}, x-nextjs-cache ${prima.cache}`,
      `x-nextjs-cache delle risposte misurate della pagina: ${elencoConteggi(a.cache)}`,
    ];
    for (const [k, n] of a.errori) note.push(`pagina: ${n}× ${k}`);
    for (const [k, n] of s.errori) note.push(`file statico: ${n}× ${k}`);
    const raggiunto = a.erroriMisurati === 0 && s.erroriMisurati === 0 && a.misure.length > 0 && s.misure.length > 0 && rapporto >= 0.8;
    return { obiettivo, raggiunto, colonne: ["pagina ambito", "file statico"], righe, note };
  },
};

// ---------------------------------------------------------------- publication

interface EdizioneDb {
  id: number;
  slug: string;
  version: number;
  sha256: string | null;
  stato: string;
  revisione: number;
}

function edizioneDb(slug: string): EdizioneDb {
  const db = new Database(DATABASE_PATH, { readonly: true, fileMustExist: true });
  try {
    const e = db.prepare(`SELECT id, slug, version, sha256, stato, revisione FROM editions WHERE slug = ?`).get(slug) as EdizioneDb | undefined;
    if (!e) throw new ErroreBench(`L'edizione ${slug} non è nel database del benchmark.`);
    return e;
  } finally {
    db.close();
  }
}

async function cronometra<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

/** The result of a lifecycle step, or the benchmark stops: the later steps depend on it. */
function passoRiuscito(esito: unknown, passo: string): { vai?: string } {
  const e = esito as { ok?: unknown; vai?: unknown; messaggio?: unknown } | null;
  if (e?.ok !== true) throw new ErroreBench(`Il passo "${passo}" non è riuscito: ${typeof e?.messaggio === "string" ? e.messaggio : JSON.stringify(esito)?.slice(0, 200)}`);
  return { vai: typeof e.vai === "string" ? e.vai : undefined };
}

const pubblicazioneEdizione: Benchmark = {
  nome: "pubblicazione dell'edizione completa",
  async esegui() {
    const obiettivo = "invio alla firma (istantanea + SHA-256) + pubblicazione + prima resa dell'edizione completa e della copertina < 2 s";
    const azione = trovaAzione("passoEdizioneAction", "app/_server/edition-actions.ts");
    const note: string[] = [];
    if (azione.pagine.length && !registrataPer(azione, "app/edizione/[slug]/page")) {
      note.push(`la server action non è registrata per /edizione/[slug] (pagine: ${azione.pagine.join(", ")})`);
    }
    const radice = edizioneDb(EDIZIONE_PUBBLICATA);
    if (radice.stato !== "pubblicata") throw new ErroreBench(`L'edizione ${EDIZIONE_PUBBLICATA} è "${radice.stato}", non pubblicata.`);
    const pubblico = `/edizioni/${EDIZIONE_PUBBLICATA}`;

    // Untimed preparation: the two people, then a warm-up render of the same routes on pages
    // this benchmark does not time (revision 1; the cover is revalidated by the publication).
    const coordinatore = await accedi(EMAIL, PASSWORD);
    const assessore = await accedi(EMAIL_ASSESSORE, PASSWORD);
    await scarica(`${pubblico}/revisioni/1`, ACCETTA_PAGINA);
    await scarica(pubblico, ACCETTA_PAGINA);

    // Untimed: the coordinator starts the correction, from the edition's page.
    const [errata, msErrata] = await cronometra(() =>
      chiamaAzione(coordinatore, azione, `/edizione/${EDIZIONE_PUBBLICATA}`, [{ passo: "errata", slug: EDIZIONE_PUBBLICATA, motivo: "Benchmark: correzione di prova" }]),
    );
    const m = /^\/edizione\/([^/?#]+)$/.exec(passoRiuscito(errata, "errata").vai ?? "");
    if (!m) throw new ErroreBench(`Il passo "errata" non indica la pagina della correzione: ${JSON.stringify(errata)}`);
    const slug = decodeURIComponent(m[1]);
    const lavoro = `/edizione/${slug}`;
    let ed = edizioneDb(slug);

    // Timed: snapshot of the whole edition and its hash.
    const [invio, msInvio] = await cronometra(() => chiamaAzione(coordinatore, azione, lavoro, [{ passo: "invia_firma", editionId: ed.id, version: ed.version }]));
    passoRiuscito(invio, "invia_firma");
    ed = edizioneDb(slug);
    if (ed.stato !== "in_firma" || !ed.sha256) throw new ErroreBench(`Dopo l'invio alla firma l'edizione ${slug} è "${ed.stato}" e ${ed.sha256 ? "ha" : "non ha"} un'impronta.`);
    const sha256 = ed.sha256;
    // Untimed: how much of an action's time is the page it re-renders (revalidatePath) — a plain
    // RSC request of that page, in the same state the action's answer rendered it.
    const [, msPaginaLavoro] = await cronometra(async () => {
      // Next answers an RSC request without its cache-busting `_rsc` parameter with a redirect that adds it.
      const r = await fetch(`${BASE}${lavoro}`, { redirect: "follow", headers: { RSC: "1", Cookie: coordinatore.intestazione } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new ErroreBench(`GET ${lavoro} (RSC): HTTP ${r.status}`);
    });

    // Untimed: the Assessore signs (deliberately slow Argon2 password check, human-paced anyway).
    const [firmato, msFirma] = await cronometra(() => chiamaAzione(assessore, azione, lavoro, [{ passo: "firma", editionId: ed.id, sha256, password: PASSWORD }]));
    passoRiuscito(firmato, "firma");
    ed = edizioneDb(slug);

    // Timed: publish, then the first (uncached) renders a reader gets: the whole edition and the cover.
    const [pubblicato, msPubblica] = await cronometra(() => chiamaAzione(coordinatore, azione, lavoro, [{ passo: "pubblica", editionId: ed.id, version: ed.version }]));
    const copertina = passoRiuscito(pubblicato, "pubblica").vai;
    if (copertina !== pubblico) throw new ErroreBench(`Il passo "pubblica" rimanda a ${copertina ?? "nessuna pagina"}, non a ${pubblico}.`);
    let aggiornate = true;
    const resa = async (percorso: string) => {
      const r = await scarica(percorso, ACCETTA_PAGINA);
      // The new revision's hash is printed on both pages: without it the page came from a stale cache.
      if (!r.testo.includes(sha256)) {
        aggiornate = false;
        note.push(`${percorso} non mostra l'impronta della revisione appena pubblicata: pagina non aggiornata`);
      }
      note.push(`${percorso}: ${kB(r.byte)} di HTML, x-nextjs-cache ${r.cache}`);
      return r;
    };
    const completa = await resa(`${pubblico}/revisioni/${ed.revisione}`);
    const cop = await resa(copertina);
    if (sha256 === radice.sha256) note.push("l'impronta della correzione coincide con quella della revisione 1: il controllo di aggiornamento delle pagine non è significativo");

    const totale = msInvio + msPubblica + completa.ms + cop.ms;
    note.push(
      `i tempi delle server action comprendono la nuova resa della pagina ${lavoro} da cui sono inviate, come nel browser: resa da sola (GET RSC dopo l'invio alla firma, non misurata) ${ms(msPaginaLavoro)}`,
    );
    return {
      obiettivo,
      raggiunto: aggiornate && totale < 2000,
      righe: [
        ["invio alla firma (istantanea + SHA-256)", ms(msInvio)],
        ["pubblicazione", ms(msPubblica)],
        ["prima resa dell'edizione completa", ms(completa.ms)],
        ["prima resa della copertina", ms(cop.ms)],
        ["totale misurato", ms(totale)],
        ["avvio della correzione (non misurato)", ms(msErrata)],
        ["firma con password (non misurata)", ms(msFirma)],
      ],
      note,
    };
  },
};

/** In running order: the public-page load before the publication, which replaces the public edition. */
const benchmarks: Benchmark[] = [salvataggioBlocco, paginaAmbito, pubblicazioneEdizione];

/** `npm run bench -- <fragment>…`: the benchmarks whose name contains one of the fragments; all by default. */
function scelti(): Benchmark[] {
  const frammenti = process.argv.slice(2).map((f) => f.trim().toLowerCase()).filter(Boolean);
  if (!frammenti.length) return benchmarks;
  const s = benchmarks.filter((b) => frammenti.some((f) => b.nome.toLowerCase().includes(f)));
  if (!s.length) {
    throw new ErroreBench(`Nessun benchmark contiene ${frammenti.map((f) => `"${f}"`).join(" o ")} nel nome. Disponibili: ${benchmarks.map((b) => `"${b.nome}"`).join(", ")}.`);
  }
  return s;
}

// ---------------------------------------------------------------- main

const messaggio = (e: unknown) => (e instanceof ErroreBench ? e.message : ((e as Error).stack ?? String(e)));

/** Runs the chosen benchmarks; returns how many could not run. */
async function main(): Promise<number> {
  if (!existsSync(".next/BUILD_ID")) {
    console.error("Esegui prima npm run build");
    process.exit(1);
  }
  const scelta = scelti();
  const salva = scelta.includes(salvataggioBlocco);
  console.log(`Benchmark sul server di produzione (${BASE}, database ${DATABASE_PATH}): ${scelta.map((b) => b.nome).join("; ")}.`);
  if (salva) console.log(`Salvataggi: editor ${EDITORI}, giri ${GIRI}.`);
  if (scelta.includes(paginaAmbito)) console.log(`Pagina pubblica: ${CLIENTI} client, ${CARICO_S} s dopo ${CARICO_RISCALDAMENTO_S} s di riscaldamento.`);
  console.log("Preparo il database…");
  azzeraDatabase();
  console.log("Avvio il server…");
  const avvio = performance.now();
  await avviaServer();
  console.log(`Server pronto in ${((performance.now() - avvio) / 1000).toFixed(1)} s.`);

  let sessioni: Promise<Sessione[]> | null = null;
  const ctx: Contesto = {
    sessioniEditor: () =>
      (sessioni ??= (async () => {
        console.log(`Accesso di ${EDITORI} sessioni…`);
        const s: Sessione[] = [];
        for (let i = 0; i < EDITORI; i++) s.push(await accedi(EMAIL, PASSWORD));
        return s;
      })()),
  };

  const esiti: { nome: string; esito: string }[] = [];
  for (const b of scelta) {
    try {
      const r = await b.esegui(ctx);
      stampa(b.nome, r);
      esiti.push({ nome: b.nome, esito: r.raggiunto ? "OBIETTIVO RAGGIUNTO" : "OBIETTIVO NON RAGGIUNTO" });
    } catch (e) {
      // One benchmark that cannot run does not stop the others.
      console.error(`\n== ${b.nome} ==\nBenchmark non eseguito: ${messaggio(e)}`);
      esiti.push({ nome: b.nome, esito: "NON ESEGUITO" });
    }
  }
  if (esiti.length > 1) {
    console.log("\nRiepilogo:");
    for (const e of esiti) console.log(`  ${e.nome}: ${e.esito}`);
  }
  return esiti.filter((e) => e.esito === "NON ESEGUITO").length;
}

for (const segnale of ["SIGINT", "SIGTERM"] as const) {
  process.on(segnale, () => {
    console.error(`\nInterrotto (${segnale}): fermo il server.`);
    fermaSubito();
    process.exit(130);
  });
}
process.on("exit", fermaSubito);

main()
  .then(async (nonEseguiti) => {
    await fermaServer();
    process.exit(nonEseguiti ? 1 : 0);
  })
  .catch(async (e) => {
    await fermaServer();
    console.error(`\nBenchmark non eseguito: ${messaggio(e)}`);
    process.exit(1);
  });
