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
 * Requests ask for compression as browsers do, and `next start` gzips every answer on the fly;
 * BENCH_GZIP=0 asks for none (as behind a proxy that compresses and caches).
 */
const COMPRESSIONE = process.env.BENCH_GZIP !== "0";
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
  const candidati = [...new Set([...html.matchAll(/(?:href|src)="(\/_next\/static\/[^"]+?\.(?:css|js)(?:\?[^"]*)?)"/g)].map((m) => m[1].replace(/&amp;/g, "&")))];
  if (!candidati.length) throw new ErroreBench("La pagina non collega file sotto /_next/static: indicane uno con BENCH_STATIC.");
  const misurati = await Promise.all(candidati.map(async (percorso) => ({ percorso, byte: (await scarica(percorso, accettaStatico(percorso))).byte })));
  misurati.sort((a, b) => Math.abs(a.byte - byteRiferimento) - Math.abs(b.byte - byteRiferimento));
  const elenco = [...misurati].sort((a, b) => a.byte - b.byte).map((c) => kB(c.byte)).join(", ");
  return { ...misurati[0], scelta: `il più vicino per dimensione alla pagina fra i ${misurati.length} file CSS e JS che collega (${elenco})` };
}

const elencoConteggi = (m: Map<string, number>) => [...m].map(([k, n]) => `${k} ${n}`).join(", ") || "nessuna";

export const paginaAmbito: Benchmark = {
  nome: "pagina pubblica di un ambito",
  parametri: () => `Pagina pubblica: ${CLIENTI} client, ${CARICO_S} s dopo ${CARICO_RISCALDAMENTO_S} s di riscaldamento.`,
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
