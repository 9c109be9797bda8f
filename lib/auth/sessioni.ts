/**
 * Revocable sessions. The signed session cookie (next-auth, JWT strategy) carries
 * the id of a row of `sessioni`; a request is signed in only while that row
 * exists, is not revoked, belongs to an active user, has been used in the last
 * INATTIVITA_MINUTI and is younger than DURATA_MASSIMA_ORE. So logout, a password
 * change or reset and a deactivation end a session at once, whatever the cookie's
 * own expiry says, and a cookie copied before logout opens nothing afterwards.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull, lt, ne } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { sessioni, users } from "../../db/schema";
import { registra } from "../audit/registra";
import { inTransazione } from "../servizio";

/** A session unused for this long is over: the user signs in again. */
export const INATTIVITA_MINUTI = 30;
/** No session lasts longer than this, however busy (the cookie's own maxAge is the same). */
export const DURATA_MASSIMA_ORE = 8;
/** `ultimo_uso_il` is written at most this often, so reading pages does not mean writing on every request. */
export const TOCCO_SECONDI = 60;

export type MotivoSessioneNonValida = "inesistente" | "revocata" | "inattiva" | "scaduta" | "utente disattivato";

export type ValiditaSessione =
  | { ok: true; userId: number; ultimoUsoIl: string }
  | { ok: false; motivo: MotivoSessioneNonValida };

/** Opens a session for a user who has just proved who they are; returns its random id for the cookie. */
export function apriSessione(tx: Tx, userId: number, { ip = null, adesso = new Date() }: { ip?: string | null; adesso?: Date } = {}): string {
  const id = randomBytes(32).toString("base64url");
  const ora = adesso.toISOString();
  tx.insert(sessioni).values({ id, userId, createdAt: ora, ultimoUsoIl: ora, ip: ip?.slice(0, 100) ?? null }).run();
  return id;
}

/** Whether the session `id` still signs its user in. Changes nothing. */
export function validaSessione(tx: Tx, id: string, adesso: Date = new Date()): ValiditaSessione {
  if (typeof id !== "string" || id.length === 0 || id.length > 100) return { ok: false, motivo: "inesistente" };
  const r = tx
    .select({ userId: sessioni.userId, createdAt: sessioni.createdAt, ultimoUsoIl: sessioni.ultimoUsoIl, revocataIl: sessioni.revocataIl, attivo: users.attivo })
    .from(sessioni)
    .innerJoin(users, eq(users.id, sessioni.userId))
    .where(eq(sessioni.id, id))
    .get();
  if (!r) return { ok: false, motivo: "inesistente" };
  if (r.revocataIl !== null) return { ok: false, motivo: "revocata" };
  if (!r.attivo) return { ok: false, motivo: "utente disattivato" };
  const t = adesso.getTime();
  if (t - new Date(r.createdAt).getTime() >= DURATA_MASSIMA_ORE * 3_600_000) return { ok: false, motivo: "scaduta" };
  if (t - new Date(r.ultimoUsoIl).getTime() >= INATTIVITA_MINUTI * 60_000) return { ok: false, motivo: "inattiva" };
  return { ok: true, userId: r.userId, ultimoUsoIl: r.ultimoUsoIl };
}

/** Records that the session was used now, if its last use is more than TOCCO_SECONDI old. */
export function toccaSessione(tx: Tx, id: string, adesso: Date = new Date()): boolean {
  const soglia = new Date(adesso.getTime() - TOCCO_SECONDI * 1000).toISOString();
  const r = tx
    .update(sessioni)
    .set({ ultimoUsoIl: adesso.toISOString() })
    .where(and(eq(sessioni.id, id), isNull(sessioni.revocataIl), lt(sessioni.ultimoUsoIl, soglia)))
    .run();
  return r.changes === 1;
}

/** Validates and touches in one call: what every signed-in request does. */
export function usaSessione(tx: Tx, id: string, adesso: Date = new Date()): ValiditaSessione {
  const v = validaSessione(tx, id, adesso);
  if (v.ok) toccaSessione(tx, id, adesso);
  return v;
}

/** Ends one session (logout). True if it was open. */
export function revocaSessione(tx: Tx, id: string, adesso: Date = new Date()): boolean {
  return tx.update(sessioni).set({ revocataIl: adesso.toISOString() }).where(and(eq(sessioni.id, id), isNull(sessioni.revocataIl))).run().changes === 1;
}

/** Ends every open session of a user, except `tranne` (the one making the request); returns how many were ended. */
export function revocaTutte(tx: Tx, userId: number, tranne?: string | null, adesso: Date = new Date()): number {
  const cond = [eq(sessioni.userId, userId), isNull(sessioni.revocataIl)];
  if (tranne) cond.push(ne(sessioni.id, tranne));
  return tx.update(sessioni).set({ revocataIl: adesso.toISOString() }).where(and(...cond)).run().changes;
}

/** Logout: the session ends now, not when its cookie expires (it may have been copied), and the log says who left. */
export function esci(db: Db, { userId, email, sid }: { userId: number | null; email: string | null; sid: string | null }, adesso: Date = new Date()): void {
  inTransazione(db, (tx) => {
    if (sid) revocaSessione(tx, sid, adesso);
    registra(tx, { userId, attore: email, azione: "uscita" });
  });
}
