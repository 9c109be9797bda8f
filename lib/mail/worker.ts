/**
 * The postman: inside the Next.js server process (started by instrumentation.ts)
 * it sends the outbox every 15 seconds and writes the deadline reminders every
 * hour, beside the daily jobs (checked hourly: the citizens' digest, the retention of
 * contact emails and of client addresses). Each job has its own guard, so a slow mail
 * server never makes two passes overlap. MAIL_WORKER=off turns it off (e.g. when cron
 * runs scripts/mail-worker.ts).
 */
import type { Db } from "../../db/client";
import { lavoroGiornalieroAscolto } from "../ascolto/service";
import { plurale } from "../italiano";
import { erroreDaRegistrare, logLavoro } from "../log";
import { promemoriaScadenze } from "../review/reminders";
import { conservazioneIndirizzi } from "../sicurezza/conservazione";
import { inviaCoda } from "./outbox";
import { creaTrasporto, type Trasporto } from "./transport";

export const INTERVALLO_POSTA_MS = 15_000;
export const INTERVALLO_PROMEMORIA_MS = 60 * 60_000;

export interface Postino {
  /** Stops the timers; a pass already running finishes on its own. */
  ferma(): void;
}

/** What a job did, for its log line; null when it found nothing to do (no line then). */
type Esito = { messaggio: string; campi: Record<string, string | number> } | null;

/**
 * One job that never runs twice at once: a call while it is running is skipped. Each run
 * that did something, or failed, writes one log line with its duration.
 */
export function esclusivo(nome: string, fn: () => Promise<Esito | void> | Esito | void): () => Promise<void> {
  let inCorso = false;
  const log = logLavoro(nome);
  return async () => {
    if (inCorso) return;
    inCorso = true;
    const inizio = performance.now();
    const ms = () => Math.round(performance.now() - inizio);
    try {
      const esito = await fn();
      if (esito) log.info({ ...esito.campi, ms: ms() }, esito.messaggio);
    } catch (e) {
      log.error({ ms: ms(), errore: erroreDaRegistrare(e) }, `${nome}: non riuscito`);
    } finally {
      inCorso = false;
    }
  };
}

// Next.js may evaluate this module more than once in development: keep one postman per process.
const globale = globalThis as unknown as { __bilancioPostino?: Postino };

export function avviaPostino(db: Db, trasportoDato?: Trasporto): Postino {
  const spento: Postino = { ferma() {} };
  if (process.env.MAIL_WORKER === "off") return spento;
  // `next build` may load instrumentation to prerender pages: no mail from a build.
  if (process.env.NEXT_PHASE === "phase-production-build") return spento;
  if (globale.__bilancioPostino) return globale.__bilancioPostino;
  const trasporto = trasportoDato ?? creaTrasporto();

  const posta = esclusivo("posta", async () => {
    const { inviate, fallite } = await inviaCoda(db, trasporto);
    if (!inviate && !fallite) return null;
    return { messaggio: `posta: ${plurale(inviate, "inviata", "inviate")}, ${plurale(fallite, "non riuscita", "non riuscite")}`, campi: { inviate, fallite, trasporto: trasporto.descrizione } };
  });
  const promemoria = esclusivo("promemoria", () => {
    const { sezioni, avvisi } = promemoriaScadenze(db);
    return avvisi ? { messaggio: `promemoria: ${plurale(avvisi, "avviso", "avvisi")} per ${plurale(sezioni, "sezione", "sezioni")}`, campi: { avvisi, sezioni } } : null;
  });
  // Once a day (checked hourly): the digest of citizens' comments, contact emails past their time erased.
  const ascolto = esclusivo("ascolto", () => {
    const r = lavoroGiornalieroAscolto(db);
    if (!r.commenti && !r.emailCancellate) return null;
    return {
      messaggio: `ascolto: riepilogo di ${plurale(r.commenti, "commento", "commenti")}, ${plurale(r.emailCancellate, "email di contatto cancellata", "email di contatto cancellate")}`,
      campi: { commenti: r.commenti, emailCancellate: r.emailCancellate },
    };
  });

  // Client addresses past their time: login attempts deleted, old sessions' and audit rows' addresses blanked.
  const indirizzi = esclusivo("conservazione", () => {
    const r = conservazioneIndirizzi(db);
    if (!r.registro && !r.sessioni) return null;
    return { messaggio: `conservazione: indirizzo cancellato da ${plurale(r.registro, "riga", "righe")} del registro e ${plurale(r.sessioni, "sessione", "sessioni")}`, campi: { registro: r.registro, sessioni: r.sessioni } };
  });

  const timer = [
    setInterval(posta, INTERVALLO_POSTA_MS),
    setInterval(promemoria, INTERVALLO_PROMEMORIA_MS),
    setInterval(ascolto, INTERVALLO_PROMEMORIA_MS),
    setInterval(indirizzi, INTERVALLO_PROMEMORIA_MS),
    // A first pass soon after start, without delaying the server's readiness.
    setTimeout(() => void promemoria().then(ascolto).then(indirizzi).then(posta), 5_000),
  ];
  // The timers alone never keep the process alive.
  for (const t of timer) t.unref();
  logLavoro("postino").info({ trasporto: trasporto.descrizione }, `postino avviato: posta ogni ${INTERVALLO_POSTA_MS / 1000} s, promemoria ogni ora`);

  const postino: Postino = {
    ferma() {
      for (const t of timer) clearTimeout(t);
      if (globale.__bilancioPostino === postino) delete globale.__bilancioPostino;
    },
  };
  globale.__bilancioPostino = postino;
  return postino;
}
