/**
 * Performance benchmarks against the real production server (`next start`) on a
 * fresh demo database (data/bench.sqlite). Prints figures and whether each goal is
 * met; exits 0 either way, 1 only when the benchmark itself could not run.
 *
 *   npm run build && npm run bench
 *
 * Env: BENCH_PORT (3300), BENCH_ROUNDS (25 saves per editor), BENCH_EDITORS (30), BENCH_WARMUP (3).
 * New measurements go in `benchmarks` below; they share one server and the logged-in sessions.
 */
import { ATTESA_AUTOSALVATAGGIO_MS } from "../lib/blocks/autosave";
import Database from "better-sqlite3";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as attendi } from "node:timers/promises";

const PORTA = Number(process.env.BENCH_PORT ?? 3300);
const BASE = `http://127.0.0.1:${PORTA}`;
const DATABASE_PATH = "data/bench.sqlite";
const GIRI = Number(process.env.BENCH_ROUNDS ?? 25);
const EDITORI = Number(process.env.BENCH_EDITORS ?? 30);
const RISCALDAMENTO = Number(process.env.BENCH_WARMUP ?? 3);
const EMAIL = "coordinatore@cremona.example";
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

interface Risultato {
  misure: number[];
  errori: number;
  durataMs: number;
  obiettivo: string;
  raggiunto: boolean;
  note: string[];
}

function percentile(ordinate: number[], p: number): number {
  if (!ordinate.length) return NaN;
  return ordinate[Math.min(ordinate.length - 1, Math.max(0, Math.ceil((p / 100) * ordinate.length) - 1))];
}

function stampa(nome: string, r: Risultato) {
  const o = [...r.misure].sort((a, b) => a - b);
  const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "—");
  const righe: [string, string][] = [
    ["salvataggi misurati", String(o.length)],
    ["errori", String(r.errori)],
    ["minimo", ms(o[0])],
    ["p50", ms(percentile(o, 50))],
    ["p95", ms(percentile(o, 95))],
    ["p99", ms(percentile(o, 99))],
    ["massimo", ms(o[o.length - 1])],
    ["throughput", `${((o.length / r.durataMs) * 1000).toFixed(1)} salvataggi/s`],
    ["durata", `${(r.durataMs / 1000).toFixed(1)} s`],
  ];
  const larghezza = Math.max(...righe.map(([k]) => k.length));
  console.log(`\n== ${nome} ==`);
  console.log(`obiettivo: ${r.obiettivo}`);
  for (const [k, v] of righe) console.log(`  ${k.padEnd(larghezza)}  ${v.padStart(22)}`);
  for (const n of r.note) console.log(`  nota: ${n}`);
  console.log(r.raggiunto ? "OBIETTIVO RAGGIUNTO" : "OBIETTIVO NON RAGGIUNTO");
}

// ---------------------------------------------------------------- benchmarks

interface Contesto {
  sessioni: Sessione[];
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
  async esegui({ sessioni }) {
    const obiettivo = `p95 < 100 ms con ${EDITORI} editor che salvano insieme`;
    const azione = trovaAzione("salvaBloccoAction", "app/_server/block-actions.ts");
    const blocchi = blocchiIndicatore(EDITORI);
    if (blocchi.length < EDITORI) throw new ErroreBench(`Servono ${EDITORI} blocchi indicatore in sezioni in bozza, trovati ${blocchi.length}.`);
    const note: string[] = [];
    if (azione.pagine.length && !azione.pagine.includes("app/sezioni/[id]/modifica/page")) {
      note.push(`la server action non è registrata per /sezioni/[id]/modifica (pagine: ${azione.pagine.join(", ")})`);
    }

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
    return { misure, errori: erroriMisurati, durataMs, obiettivo, raggiunto: erroriMisurati === 0 && misure.length > 0 && p95 < 100, note };
  },
};

const benchmarks: Benchmark[] = [salvataggioBlocco];

// ---------------------------------------------------------------- main

async function main() {
  if (!existsSync(".next/BUILD_ID")) {
    console.error("Esegui prima npm run build");
    process.exit(1);
  }
  console.log(`Benchmark sul server di produzione (${BASE}, database ${DATABASE_PATH}); editor: ${EDITORI}, giri: ${GIRI}.`);
  console.log("Preparo il database…");
  azzeraDatabase();
  console.log("Avvio il server…");
  const avvio = performance.now();
  await avviaServer();
  console.log(`Server pronto in ${((performance.now() - avvio) / 1000).toFixed(1)} s. Accesso di ${EDITORI} sessioni…`);

  const sessioni: Sessione[] = [];
  for (let i = 0; i < EDITORI; i++) sessioni.push(await accedi(EMAIL, PASSWORD));

  const esiti: { nome: string; raggiunto: boolean }[] = [];
  for (const b of benchmarks) {
    const r = await b.esegui({ sessioni });
    stampa(b.nome, r);
    esiti.push({ nome: b.nome, raggiunto: r.raggiunto });
  }
  if (esiti.length > 1) {
    console.log("\nRiepilogo:");
    for (const e of esiti) console.log(`  ${e.nome}: ${e.raggiunto ? "OBIETTIVO RAGGIUNTO" : "OBIETTIVO NON RAGGIUNTO"}`);
  }
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
  .then(async () => {
    await fermaServer();
    process.exit(0);
  })
  .catch(async (e) => {
    await fermaServer();
    console.error(`\nBenchmark non eseguito: ${e instanceof ErroreBench ? e.message : (e as Error).stack ?? e}`);
    process.exit(1);
  });
