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

/** One job that never runs twice at once: a call while it is running is skipped. */
export function esclusivo(nome: string, fn: () => Promise<unknown> | unknown): () => Promise<void> {
  let inCorso = false;
  return async () => {
    if (inCorso) return;
    inCorso = true;
    try {
      await fn();
    } catch (e) {
      console.error(`[postino] ${nome} non riuscito:`, e);
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

  const posta = esclusivo("invio della posta", async () => {
    const { inviate, fallite } = await inviaCoda(db, trasporto);
    if (inviate || fallite) console.log(`[postino] posta: ${plurale(inviate, "inviata", "inviate")}, ${plurale(fallite, "non riuscita", "non riuscite")} (${trasporto.descrizione})`);
  });
  const promemoria = esclusivo("promemoria delle scadenze", () => {
    const { sezioni, avvisi } = promemoriaScadenze(db);
    if (avvisi) console.log(`[postino] promemoria: ${plurale(avvisi, "avviso", "avvisi")} per ${plurale(sezioni, "sezione", "sezioni")}`);
  });
  // Once a day (checked hourly): the digest of citizens' comments, contact emails past their time erased.
  const ascolto = esclusivo("riepilogo dei commenti dei cittadini", () => {
    const r = lavoroGiornalieroAscolto(db);
    if (r.commenti || r.emailCancellate) console.log(`[postino] ascolto: riepilogo di ${plurale(r.commenti, "commento", "commenti")}, ${plurale(r.emailCancellate, "email di contatto cancellata", "email di contatto cancellate")}`);
  });

  // Client addresses past their time: login attempts deleted, old sessions' and audit rows' addresses blanked.
  const indirizzi = esclusivo("conservazione degli indirizzi", () => {
    const r = conservazioneIndirizzi(db);
    if (r.registro || r.sessioni) console.log(`[postino] conservazione: indirizzo cancellato da ${plurale(r.registro, "riga", "righe")} del registro e ${plurale(r.sessioni, "sessione", "sessioni")}`);
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
  console.log(`[postino] avviato: posta ogni ${INTERVALLO_POSTA_MS / 1000} s via ${trasporto.descrizione}, promemoria ogni ora`);

  const postino: Postino = {
    ferma() {
      for (const t of timer) clearTimeout(t);
      if (globale.__bilancioPostino === postino) delete globale.__bilancioPostino;
    },
  };
  globale.__bilancioPostino = postino;
  return postino;
}
