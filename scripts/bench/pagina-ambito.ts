/** A public ambito page under load, compared with a static file of similar size from the same server. */
import http from "node:http";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as attendi } from "node:timers/promises";
import { ErroreBench, type Benchmark } from "./benchmark";
import { ACCETTA_PAGINA, DATABASE_PATH, EDIZIONE_PUBBLICATA, leggiDatabase, misuraCpu, PORTA, scarica } from "./server";
import { kB, ms, percentile, quotaCore } from "./statistiche";

const CLIENTI = Number(process.env.BENCH_CLIENTS ?? 20);
const CARICO_S = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const CARICO_RISCALDAMENTO_S = Number(process.env.BENCH_LOAD_WARMUP ?? 2);
/** The ambito page this benchmark reads: a section codice of the published demo edition. */
const AMBITO = process.env.BENCH_AMBITO ?? "rilancio-istituzioni-culturali";

/**
 * Both ways, each measured: compressed as browsers ask (the page from its precompressed
 * copy, the static file gzipped by `next start` on the fly) and uncompressed (as behind a
 * proxy that compresses and caches itself).
 */
const MODI = [
  { nome: "non compressa", acceptEncoding: "identity" },
  { nome: "compressa", acceptEncoding: "gzip, deflate, br" },
] as const;
const accettaStatico = (percorso: string) => (/\.css(\?|$)/.test(percorso) ? "text/css,*/*;q=0.1" : "*/*");
const intestazioni = (accetta: string, acceptEncoding: string): Record<string, string> => ({ Accept: accetta, "Accept-Encoding": acceptEncoding });
/** How long the server may take, after it starts, to make the published edition's files. */
const ATTESA_FILE_S = Number(process.env.BENCH_FILE_WAIT ?? 300);

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
  return leggiDatabase((db) => {
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
  });
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
  // The published page is a file with its own stylesheet: the build's files are those an app page links.
  const altra = (await scarica("/login", ACCETTA_PAGINA)).testo;
  const candidati = [...new Set([...`${html}${altra}`.matchAll(/(?:href|src)="(\/_next\/static\/[^"]+?\.(?:css|js)(?:\?[^"]*)?)"/g)].map((m) => m[1].replace(/&amp;/g, "&")))];
  if (!candidati.length) throw new ErroreBench("Né la pagina né /login collegano file sotto /_next/static: indicane uno con BENCH_STATIC.");
  const misurati = await Promise.all(candidati.map(async (percorso) => ({ percorso, byte: (await scarica(percorso, accettaStatico(percorso))).byte })));
  misurati.sort((a, b) => Math.abs(a.byte - byteRiferimento) - Math.abs(b.byte - byteRiferimento));
  const elenco = [...misurati].sort((a, b) => a.byte - b.byte).map((c) => kB(c.byte)).join(", ");
  return { ...misurati[0], scelta: `il più vicino per dimensione alla pagina fra i ${misurati.length} file CSS e JS dell'app (${elenco})` };
}

const elencoConteggi = (m: Map<string, number>) => [...m].map(([k, n]) => `${k} ${n}`).join(", ") || "nessuna";

/** The page as its published file: made in the background after the server starts. */
async function attendiFile(pagina: string) {
  const fine = performance.now() + ATTESA_FILE_S * 1000;
  for (;;) {
    const r = await scarica(pagina, ACCETTA_PAGINA);
    if (!r.testo.includes("<script")) return r;
    if (performance.now() > fine) throw new ErroreBench(`${pagina}: dopo ${ATTESA_FILE_S} s è ancora resa dall'app, non servita dai file dell'edizione (BENCH_FILE_WAIT).`);
    await attendi(1_000);
  }
}

export const paginaAmbito: Benchmark = {
  nome: "pagina pubblica di un ambito",
  parametri: () => `Pagina pubblica: ${CLIENTI} client, ${CARICO_S} s dopo ${CARICO_RISCALDAMENTO_S} s di riscaldamento, non compressa e compressa.`,
  async esegui() {
    const obiettivo = `con ${CLIENTI} client simultanei, richieste/s della pagina di un ambito ≥ 90% di quelle di un file statico di dimensione simile servito dallo stesso server, sia non compresse sia compresse`;
    const pagina = percorsoAmbito();
    const prima = await attendiFile(pagina);
    if (!prima.testo.includes("<h1")) throw new ErroreBench(`GET ${pagina}: la risposta non sembra la pagina dell'ambito.`);
    const statico = await fileStatico(prima.testo, prima.byte);

    const rps = (e: EsitoCarico) => (e.misure.length / e.durataMs) * 1000;
    const ordinate = (e: EsitoCarico) => [...e.misure].sort((x, y) => x - y);
    const media = (e: EsitoCarico) => (e.misure.length ? e.byteTotali / e.misure.length : NaN);
    const colonne: string[] = [];
    const misure: { a: EsitoCarico; s: EsitoCarico; rapporto: number }[] = [];
    for (const modo of MODI) {
      const a = await carico(pagina, intestazioni(ACCETTA_PAGINA, modo.acceptEncoding));
      const s = await carico(statico.percorso, intestazioni(accettaStatico(statico.percorso), modo.acceptEncoding));
      misure.push({ a, s, rapporto: rps(a) / rps(s) });
      colonne.push(`pagina (${modo.nome})`, `file statico (${modo.nome})`);
    }
    const riga = (nome: string, f: (e: EsitoCarico) => string): [string, ...string[]] => [nome, ...misure.flatMap((m) => [f(m.a), f(m.s)])];
    const righe: [string, ...string[]][] = [
      riga("richieste riuscite", (e) => String(e.misure.length)),
      riga("errori", (e) => String(e.erroriMisurati)),
      riga("richieste/s", (e) => rps(e).toFixed(0)),
      riga("latenza p50", (e) => ms(percentile(ordinate(e), 50))),
      riga("latenza p95", (e) => ms(percentile(ordinate(e), 95))),
      riga("byte per risposta (trasferiti)", (e) => kB(media(e))),
      riga("codifica", (e) => [...e.codifiche].join("/") || "—"),
      riga("CPU generatore di carico", (e) => quotaCore(e.cpu.generatore)),
      riga("CPU server", (e) => quotaCore(e.cpu.server)),
      riga("durata misurata", (e) => `${(e.durataMs / 1000).toFixed(1)} s`),
      ["pagina/statico", ...misure.flatMap((m) => [`${(m.rapporto * 100).toFixed(0)}%`, ""])],
    ];
    const note = [
      `pagina: ${pagina} (${kB(prima.byte)} non compressi), servita dai file dell'edizione pubblicata`,
      `file statico: ${statico.percorso} (${kB(statico.byte)}), ${statico.scelta}`,
      `${CLIENTI} client con connessioni keep-alive, ${CARICO_RISCALDAMENTO_S} s di riscaldamento e ${CARICO_S} s misurati per ciascuno, prima la pagina poi il file, senza compressione e poi con Accept-Encoding "gzip, deflate, br" come un browser`,
      `generatore di carico e server condividono ${availableParallelism()} core: le quote di CPU sono misurate su entrambi`,
    ];
    for (const m of misure) {
      for (const [k, n] of m.a.errori) note.push(`pagina: ${n}× ${k}`);
      for (const [k, n] of m.s.errori) note.push(`file statico: ${n}× ${k}`);
    }
    const raggiunto = misure.every((m) => m.a.erroriMisurati === 0 && m.s.erroriMisurati === 0 && m.a.misure.length > 0 && m.s.misure.length > 0 && m.rapporto >= 0.9);
    return { obiettivo, raggiunto, colonne, righe, note };
  },
};
