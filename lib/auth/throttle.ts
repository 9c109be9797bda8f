/**
 * Slowing password guessing down without handing anyone a way to lock others out.
 * Failed logins are counted over a sliding window:
 *
 * - per account AND address: after MAX_FALLITI_PER_ACCOUNT failures that pair is
 *   refused (even the right password) until the window passes — whoever guesses
 *   from one place stops there, while the owner logs in from their own;
 * - per address: after MAX_FALLITI_PER_INDIRIZZO failures on any accounts, refused;
 * - per account from anywhere: never refused, but each further attempt waits longer
 *   before its answer (up to ATTESA_MASSIMA_MS), so a guesser spread over many
 *   addresses stays slow; when the threshold is first reached the user and the
 *   amministratori are told (lib/auth/login.ts).
 *
 * An unknown email is counted like a known one, so none of this reveals whether an account exists.
 */
import { and, count, eq, gt } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { loginAttempts } from "../../db/schema";

export const FINESTRA_MINUTI = 15;
export const MAX_FALLITI_PER_ACCOUNT = 5;
export const MAX_FALLITI_PER_INDIRIZZO = 30;
export const ATTESA_MASSIMA_MS = 15_000;

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

/** The wait after `n` failures on an account: none below the threshold, then 1, 2, 4… seconds. */
export function attesaPer(n: number): number {
  if (n < MAX_FALLITI_PER_ACCOUNT) return 0;
  return Math.min(ATTESA_MASSIMA_MS, 1000 * 2 ** (n - MAX_FALLITI_PER_ACCOUNT));
}

export function valutaTentativo(db: Tx, email: string, ip: string, adesso = new Date()): Valutazione {
  const da = inizioFinestra(adesso);
  const falliti = (...cond: ReturnType<typeof eq>[]) =>
    db.select({ n: count() }).from(loginAttempts).where(and(...cond, eq(loginAttempts.riuscito, false), gt(loginAttempts.at, da))).get()!.n;
  const fallitiAccount = falliti(eq(loginAttempts.email, email));
  const bloccato = falliti(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip)) >= MAX_FALLITI_PER_ACCOUNT || falliti(eq(loginAttempts.ip, ip)) >= MAX_FALLITI_PER_INDIRIZZO;
  return { bloccato, attesaMs: bloccato ? 0 : attesaPer(fallitiAccount), fallitiAccount };
}
