/**
 * Slowing password guessing down without handing anyone a way to lock others out.
 * Failed logins are counted over a sliding window:
 *
 * - per account AND address: after MAX_FALLITI_PER_ACCOUNT failures that pair is
 *   refused (even the right password) until the window passes — whoever guesses
 *   from one place stops there, while the owner logs in from their own;
 * - per address: after MAX_FALLITI_PER_INDIRIZZO failures on any accounts, refused;
 * - per account from anywhere: never refused, but each further attempt waits longer
 *   before its answer (up to ATTESA_MASSIMA_MS, so an attack from other addresses
 *   never keeps the owner waiting more than that), so a guesser spread over many
 *   addresses stays slow; when the threshold is reached the user and the
 *   amministratori are told, at most once a day (lib/auth/login.ts).
 *
 * Only verified failures count: a password checked against a real hash (or the dummy
 * one, for an unknown email) and found wrong. A refused attempt is not checked, not
 * counted and not recorded one by one (lib/auth/login.ts writes one row per address
 * and window), so a blocked client cannot fill the database. Checks still running
 * count as failures for blocking (`prenotaVerifica`), so a burst of parallel
 * requests gets no more guesses than a sequence. Rows older than the window are
 * pruned as new ones are written, a bounded batch at a time.
 *
 * An unknown email is counted like a known one, so none of this reveals whether an account exists.
 */
import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { loginAttempts } from "../../db/schema";

export const FINESTRA_MINUTI = 15;
export const MAX_FALLITI_PER_ACCOUNT = 5;
export const MAX_FALLITI_PER_INDIRIZZO = 30;
/** The longest wait a login can be given because of failures on its account: 3 s. */
export const ATTESA_MASSIMA_MS = 3_000;
/** At most this many expired rows are deleted with each new one. */
export const POTATURA_PER_SCRITTURA = 100;

export function inizioFinestra(adesso = new Date()): string {
  return new Date(adesso.getTime() - FINESTRA_MINUTI * 60_000).toISOString();
}

export interface Valutazione {
  /** Refused whatever the password: this address guessed too much. */
  bloccato: boolean;
  /** How long to wait before checking the password. */
  attesaMs: number;
  /** Failures on this account in the window, from any address. */
  fallitiAccount: number;
}

/** The wait after `n` failures on an account: none below the threshold, then 1, 2, 3, 3… seconds. */
export function attesaPer(n: number): number {
  if (n < MAX_FALLITI_PER_ACCOUNT) return 0;
  return Math.min(ATTESA_MASSIMA_MS, 1000 * 2 ** Math.min(n - MAX_FALLITI_PER_ACCOUNT, 20));
}

// Checks under way in this process, by address and by account+address.
const inVerifica = new Map<string, number>();
const chiaveCoppia = (email: string, ip: string) => `${email}\u0000${ip}`;
const chiaveIndirizzo = (ip: string) => `\u0000${ip}`;
function sposta(chiave: string, d: number) {
  const n = (inVerifica.get(chiave) ?? 0) + d;
  if (n > 0) inVerifica.set(chiave, n);
  else inVerifica.delete(chiave);
}

/**
 * Marks a password check as under way until the returned function is called: while
 * it runs it counts as a failure for blocking, so parallel requests from one address
 * cannot all slip past the limit before the first of them is recorded.
 */
export function prenotaVerifica(email: string, ip: string): () => void {
  const chiavi = [chiaveCoppia(email, ip), chiaveIndirizzo(ip)];
  for (const k of chiavi) sposta(k, 1);
  let liberata = false;
  return () => {
    if (liberata) return;
    liberata = true;
    for (const k of chiavi) sposta(k, -1);
  };
}

/** Verified failures in the window: for an account, an address, or both. */
export function contaFalliti(db: Tx, chi: { email?: string; ip?: string }, adesso = new Date()): number {
  const cond = [eq(loginAttempts.riuscito, false), gt(loginAttempts.at, inizioFinestra(adesso))];
  if (chi.email !== undefined) cond.push(eq(loginAttempts.email, chi.email));
  if (chi.ip !== undefined) cond.push(eq(loginAttempts.ip, chi.ip));
  return db.select({ n: count() }).from(loginAttempts).where(and(...cond)).get()!.n;
}

export function valutaTentativo(db: Tx, email: string, ip: string, adesso = new Date()): Valutazione {
  const fallitiAccount = contaFalliti(db, { email }, adesso);
  const coppia = contaFalliti(db, { email, ip }, adesso) + (inVerifica.get(chiaveCoppia(email, ip)) ?? 0);
  const indirizzo = () => contaFalliti(db, { ip }, adesso) + (inVerifica.get(chiaveIndirizzo(ip)) ?? 0);
  const bloccato = coppia >= MAX_FALLITI_PER_ACCOUNT || indirizzo() >= MAX_FALLITI_PER_INDIRIZZO;
  return { bloccato, attesaMs: bloccato ? 0 : attesaPer(fallitiAccount), fallitiAccount };
}

/** Records a checked attempt, after deleting up to POTATURA_PER_SCRITTURA rows older than the window. */
export function registraTentativo(tx: Tx, t: { email: string; ip: string; riuscito: boolean }, adesso = new Date()): void {
  const scaduti = tx
    .select({ id: loginAttempts.id })
    .from(loginAttempts)
    .where(lt(loginAttempts.at, inizioFinestra(adesso)))
    .orderBy(loginAttempts.id)
    .limit(POTATURA_PER_SCRITTURA);
  tx.delete(loginAttempts).where(inArray(loginAttempts.id, scaduti)).run();
  tx.insert(loginAttempts).values({ ...t, at: adesso.toISOString() }).run();
}
