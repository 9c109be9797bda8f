/**
 * Throttling of failed logins, per account and per address, counted over a sliding window.
 * An unknown email is throttled like a known one, so the lock reveals nothing either.
 */
import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loginAttempts } from "../../db/schema";

export const FINESTRA_MINUTI = 15;
export const MAX_FALLITI_PER_ACCOUNT = 5;
export const MAX_FALLITI_PER_INDIRIZZO = 30;

export function inizioFinestra(adesso = new Date()): string {
  return new Date(adesso.getTime() - FINESTRA_MINUTI * 60_000).toISOString();
}

export function loginBloccato(db: Db, email: string, ip: string, adesso = new Date()): boolean {
  const da = inizioFinestra(adesso);
  const falliti = (cond: ReturnType<typeof eq>) =>
    db.select({ n: count() }).from(loginAttempts).where(and(cond, eq(loginAttempts.riuscito, false), gt(loginAttempts.at, da))).get()!.n;
  return falliti(eq(loginAttempts.email, email)) >= MAX_FALLITI_PER_ACCOUNT || falliti(eq(loginAttempts.ip, ip)) >= MAX_FALLITI_PER_INDIRIZZO;
}
