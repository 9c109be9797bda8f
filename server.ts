/**
 * The app's HTTP server (`npm start`, `npm run dev -- …`): Next.js's documented custom
 * server, which owns the http.Server so that, before Next.js routes a request, it
 * - stamps the TCP peer's address (lib/sicurezza/socket.ts, read by lib/sicurezza/indirizzo.ts);
 * - answers the published editions' files from their folders (lib/sito/servi.ts);
 * - makes any 404 `no-store` (lib/sicurezza/risposte-404.ts);
 * and after it, writes one log line per request (lib/registro-richieste.ts). On SIGTERM or
 * SIGINT it stops accepting, lets requests in flight finish, then runs the stop steps the
 * app registered (workers, database checkpoint: lib/arresto.ts) and exits, all within 10 s.
 *
 * Flags: --hostname/-H (default: every interface), --port/-p (default PORT or 3000), --dev,
 * --genera-siti (the published files' child process, below).
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";

const { values: opzioni } = parseArgs({
  options: {
    hostname: { type: "string", short: "H" },
    port: { type: "string", short: "p" },
    dev: { type: "boolean", default: false },
    "genera-siti": { type: "boolean", default: false },
  },
});
const dev = opzioni.dev === true;
/**
 * --genera-siti: the published files' child process (lib/sito/coda.ts starts it under nice):
 * the same app on 127.0.0.1 and a port the system picks, which renders the pages and the print
 * page for itself, so the main server renders nothing for a publication's files. Its
 * instrumentation works the queue instead of starting the workers, then stops the process.
 */
const generatore = opzioni["genera-siti"] === true;
// Before anything reads them: the logger's format, Next.js's mode, the workers' switches.
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
if (generatore) Object.assign(process.env, { BILANCIO_RUOLO: "genera-siti", MAIL_WORKER: "off", BACKUP_WORKER: "off" });

/** Time for requests in flight to finish; the stop steps and the exit fit in what is left of the 10 s. */
const ATTESA_RICHIESTE_MS = 7_000;
const ARRESTO_FORZATO_MS = 9_500;

async function main(): Promise<void> {
  const { default: next } = await import("next");
  const { log, erroreDaRegistrare } = await import("./lib/log");
  const { contestoRichieste } = await import("./lib/contesto-richiesta");
  const { rigaRichiesta } = await import("./lib/registro-richieste");
  const { timbraIndirizzoSocket } = await import("./lib/sicurezza/socket");
  const { nessunaCacheSeNonTrovata } = await import("./lib/sicurezza/risposte-404");
  const { rispondiDaiFile } = await import("./lib/sito/servi");
  const { databasePath } = await import("./db/open");
  const { cartellaSiti } = await import("./lib/sito/percorsi");
  const { suHttps } = await import("./lib/sito/avvio");
  const { eseguiArresto } = await import("./lib/arresto");
  const { segnalaServerPronto } = await import("./lib/server-pronto");

  const porta = generatore ? 0 : Number(opzioni.port ?? process.env.PORT ?? 3000);
  if (!Number.isInteger(porta) || porta < 0 || porta > 65535) throw new Error(`Porta non valida: ${opzioni.port ?? process.env.PORT}`);
  const hostname = generatore ? "127.0.0.1" : opzioni.hostname;
  // Where this server answers itself (lib/publication/pdf.ts origineServer: the PDF and the
  // published pages are rendered by asking it), as `next start` says it; set again once listening.
  const locale = !hostname || ["0.0.0.0", "::", "localhost"].includes(hostname) ? "127.0.0.1" : hostname.includes(":") ? `[${hostname}]` : hostname;
  const origine = (p: number) => `http://${locale}:${p}`;
  Object.assign(process.env, { PORT: String(porta), __NEXT_PRIVATE_ORIGIN: origine(porta) });
  // The published folders, beside the database the app opens.
  const radiceSiti = cartellaSiti(databasePath());
  const https = suHttps();

  const app = next({ dev, hostname: hostname ?? "localhost", port: porta });
  const gestisci = app.getRequestHandler();
  await app.prepare();

  let inCorso = 0;
  let fermando = false;
  let svuotato: (() => void) | null = null;

  const server = http.createServer((req, res) => {
    const inizio = performance.now();
    const contesto: { id: string; utente?: number } = { id: randomUUID() };
    let daFile = false;
    inCorso++;
    res.once("close", () => {
      inCorso--;
      const riga = rigaRichiesta({ ...contesto, metodo: req.method, url: req.url, stato: res.statusCode, ms: performance.now() - inizio, interrotta: !res.writableFinished, daFile });
      if (res.statusCode >= 500) log.error(riga, "richiesta");
      else log.info(riga, "richiesta");
      if (inCorso === 0) svuotato?.();
    });
    res.setHeader("X-Request-Id", contesto.id);
    // While stopping, a kept-alive connection is closed after its answer.
    if (fermando) res.setHeader("Connection", "close");
    timbraIndirizzoSocket(req);
    nessunaCacheSeNonTrovata(res);
    contestoRichieste.run(contesto, () => {
      // The generator renders every page itself: the folders it is making are not its to answer from.
      if (!generatore && (daFile = rispondiDaiFile(req, res, radiceSiti, https))) return;
      gestisci(req, res).catch((e: unknown) => {
        log.error({ req: contesto.id, errore: erroreDaRegistrare(e) }, "richiesta non gestita");
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("Errore interno del server");
      });
    });
  });

  async function ferma(segnale: string): Promise<void> {
    if (fermando) return;
    fermando = true;
    const inizio = Date.now();
    log.info({ segnale, inCorso }, "arresto: nessuna nuova connessione, attendo le richieste in corso");
    setTimeout(() => {
      log.error({ inCorso }, `arresto forzato dopo ${ARRESTO_FORZATO_MS / 1000} s`);
      process.exit(1);
    }, ARRESTO_FORZATO_MS).unref();
    server.close();
    server.closeIdleConnections();
    if (inCorso > 0) {
      await new Promise<void>((fatto) => {
        svuotato = fatto;
        setTimeout(fatto, ATTESA_RICHIESTE_MS).unref();
      });
    }
    if (inCorso > 0) log.warn({ inCorso }, "arresto: richieste ancora aperte, chiuse");
    server.closeAllConnections();
    await app.close();
    // Workers, the publication's child process, the database's WAL checkpoint and close (instrumentation.ts).
    await eseguiArresto();
    log.info({ ms: Date.now() - inizio }, "arresto completato");
    process.exit(0);
  }
  process.once("SIGTERM", () => void ferma("SIGTERM"));
  process.once("SIGINT", () => void ferma("SIGINT"));

  await new Promise<void>((fatto, errore) => {
    server.once("error", errore);
    server.listen(porta, hostname, () => fatto());
  });
  const inAscolto = (server.address() as AddressInfo).port;
  Object.assign(process.env, { PORT: String(inAscolto), __NEXT_PRIVATE_ORIGIN: origine(inAscolto) });
  segnalaServerPronto(origine(inAscolto));
  log.info({ indirizzo: origine(inAscolto), modo: generatore ? "file pubblicati" : dev ? "sviluppo" : "produzione" }, "server pronto");
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
