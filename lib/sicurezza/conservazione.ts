/**
 * How long client addresses are kept. Every request's address is needed for a short time
 * (login throttling, the reset limits) and, to read an incident back, for a while in the
 * audit log and in the list of sessions; not for ever.
 *
 * - `login_attempts`: a row lives only as long as the throttling window (15 minutes); new
 *   writes prune the old ones (lib/auth/throttle.ts) and this job deletes what is left;
 * - `sessioni.ip` and `audit_log.ip`: set to NULL once the row is GIORNI_INDIRIZZI days old.
 *   The rows stay (who did what, when); only the address goes. The audit log's trigger
 *   allows exactly this update and no other (drizzle/0008).
 *
 * Run hourly with the other daily jobs (lib/mail/worker.ts, scripts/mail-worker.ts); a
 * pass with nothing old to clear changes nothing and writes no audit row.
 */
import { and, inArray, isNotNull, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, loginAttempts, sessioni } from "../../db/schema";
import { registra } from "../audit/registra";
import { inizioFinestra } from "../auth/throttle";
import { inTransazione } from "../servizio";

/** Days a client address is kept in the audit log and in the sessions (also in drizzle/0008 and the README). */
export const GIORNI_INDIRIZZI = 90;
/** Rows of the audit log cleared per transaction, so writers never wait long behind this job. */
const PER_PASSO = 5_000;
/** At most this many steps per pass; what is left waits for the next pass. */
const PASSI_MASSIMI = 40;

export interface EsitoConservazione {
  /** Login attempts deleted. */
  tentativi: number;
  /** Sessions whose address was blanked. */
  sessioni: number;
  /** Audit rows whose address was blanked. */
  registro: number;
}

export function conservazioneIndirizzi(db: Db, adesso: Date = new Date()): EsitoConservazione {
  // Never later than the real clock's limit: the audit log's trigger measures age by the database's clock.
  const limite = new Date(Math.min(adesso.getTime(), Date.now()) - GIORNI_INDIRIZZI * 24 * 60 * 60_000).toISOString();
  let registro = 0;
  for (let passo = 0; passo < PASSI_MASSIMI; passo++) {
    const n = inTransazione(db, (tx) => {
      const vecchie = tx.select({ id: auditLog.id }).from(auditLog).where(and(isNotNull(auditLog.ip), lt(auditLog.at, limite))).limit(PER_PASSO);
      return tx.update(auditLog).set({ ip: null }).where(inArray(auditLog.id, vecchie)).run().changes;
    });
    registro += n;
    if (n < PER_PASSO) break;
  }
  return inTransazione(db, (tx) => {
    const tentativi = tx.delete(loginAttempts).where(lt(loginAttempts.at, inizioFinestra(adesso))).run().changes;
    const sessioniCancellate = tx.update(sessioni).set({ ip: null }).where(and(isNotNull(sessioni.ip), lt(sessioni.createdAt, limite))).run().changes;
    if (registro > 0 || sessioniCancellate > 0) {
      registra(tx, { attore: "conservazione", azione: "conservazione.indirizzi", dettagli: { registro, sessioni: sessioniCancellate, tentativi, giorni: GIORNI_INDIRIZZI } });
    }
    return { tentativi, sessioni: sessioniCancellate, registro };
  });
}
