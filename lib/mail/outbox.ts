/**
 * Sends the outbox (mail_outbox, written by lib/notifications.ts inside the
 * transaction of its cause). A row is never deleted: it is either sent
 * (inviata_il set) or still waiting, with its attempts and last error on view.
 *
 * - Claim before sending: `tentativi` is incremented with a conditional UPDATE
 *   before the message leaves, so two workers (the in-app one and a cron run of
 *   scripts/mail-worker.ts) never send the same row twice; `tentativi` therefore
 *   counts every attempt, the successful one included.
 * - Backoff without a schema change: `ultimo_errore` starts with the time of
 *   the last attempt, "[2026-11-25T10:42:00.000Z] message"; a row with n
 *   attempts waits 2^n minutes after it (2, 4, … 128 min; about 4 hours in all).
 *   A row without that prefix counts from `created_at`.
 * - After MAX_TENTATIVI failed attempts the row is left alone (unsent, with its
 *   error) for an administrator to look at.
 * - At-least-once: a crash between sending and marking sends the mail again later.
 */
import { and, asc, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { mailOutbox } from "../../db/schema";
import type { Trasporto } from "./transport";

export const MAX_TENTATIVI = 8;
/** After this many failures in a row the pass stops: the server is probably down. */
const FALLIMENTI_CONSECUTIVI_MAX = 3;
const LUNGHEZZA_ERRORE = 300;

export interface EsitoCoda {
  inviate: number;
  fallite: number;
}

export interface OpzioniCoda {
  limite?: number;
  /** The clock, for tests. */
  adesso?: Date;
}

const PREFISSO = /^\[(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)\]/;

/** When the row was last tried: the stamp at the start of ultimo_errore, or its creation. */
export function ultimoTentativo(r: { ultimoErrore: string | null; createdAt: string }): Date {
  const m = r.ultimoErrore ? PREFISSO.exec(r.ultimoErrore) : null;
  return new Date(m ? m[1] : r.createdAt);
}

/** When the row may be tried again: right away the first time, then 2^tentativi minutes after the last attempt. */
export function prossimoTentativo(r: { tentativi: number; ultimoErrore: string | null; createdAt: string }): Date {
  if (r.tentativi === 0) return new Date(r.createdAt);
  return new Date(ultimoTentativo(r).getTime() + 2 ** r.tentativi * 60_000);
}

function timbro(adesso: Date, testo: string): string {
  const riga = testo.replace(/\s+/g, " ").trim();
  const breve = riga.length > LUNGHEZZA_ERRORE ? `${riga.slice(0, LUNGHEZZA_ERRORE - 1)}…` : riga;
  return `[${adesso.toISOString()}] ${breve}`;
}

export async function inviaCoda(db: Db, trasporto: Trasporto, { limite = 20, adesso }: OpzioniCoda = {}): Promise<EsitoCoda> {
  const ora = () => adesso ?? new Date();
  const candidati = db
    .select()
    .from(mailOutbox)
    .where(and(isNull(mailOutbox.inviataIl), lt(mailOutbox.tentativi, MAX_TENTATIVI)))
    .orderBy(asc(mailOutbox.id))
    .all()
    .filter((r) => prossimoTentativo(r).getTime() <= ora().getTime())
    .slice(0, limite);

  let inviate = 0;
  let fallite = 0;
  let consecutivi = 0;
  for (const r of candidati) {
    // Claim the row: if another worker got there first, the UPDATE changes nothing.
    const presa = db
      .update(mailOutbox)
      .set({ tentativi: r.tentativi + 1, ultimoErrore: timbro(ora(), "invio in corso") })
      .where(and(eq(mailOutbox.id, r.id), eq(mailOutbox.tentativi, r.tentativi), isNull(mailOutbox.inviataIl)))
      .run();
    if (presa.changes === 0) continue;
    try {
      await trasporto.invia({ a: r.destinatario, oggetto: r.oggetto, testo: r.corpo, rif: r.id });
      db.update(mailOutbox).set({ inviataIl: ora().toISOString(), ultimoErrore: null }).where(eq(mailOutbox.id, r.id)).run();
      inviate++;
      consecutivi = 0;
    } catch (e) {
      const messaggio = e instanceof Error ? e.message || e.name : String(e);
      db.update(mailOutbox).set({ ultimoErrore: timbro(ora(), messaggio) }).where(eq(mailOutbox.id, r.id)).run();
      fallite++;
      if (++consecutivi >= FALLIMENTI_CONSECUTIVI_MAX) break;
    }
  }
  return { inviate, fallite };
}
