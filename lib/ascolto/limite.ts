/**
 * How many ratings one address may send, without keeping the address: each is stored
 * only as an HMAC keyed with the salt of the (Italian) day. The salt is derived from the
 * app's secret (lib/auth/secret.ts) and the day with an HMAC, when needed, and kept
 * nowhere: not in the database, so not in its backups, and a copy of them cannot be
 * searched for an address (with the salt, trying every IPv4 address is quick; without
 * the secret, infeasible). A new day gives a new salt, so the limit counts within the
 * day and one day's hashes match no other day's.
 */
import "server-only";
import { createHmac } from "node:crypto";
import { and, count, eq, gt } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { valutazioni } from "../../db/schema";
import { oggiRoma } from "../numbers/calendario";

/** At most this many ratings per address in a rolling hour (a reader going through the whole report rates a page at a time). */
export const LIMITE_INVII = { massimo: 20, finestraMs: 60 * 60_000 } as const;

/** The salt of `adesso`'s Italian day: HMAC-SHA256 of the day under the app's secret, never stored. */
export function saleDelGiorno(segreto: string, adesso: Date = new Date()): Buffer {
  return createHmac("sha256", segreto).update(`bilancio-sociale:ascolto:sale-indirizzi:${oggiRoma(adesso)}`).digest();
}

/** The address as stored: HMAC-SHA256 with the day's salt, hex. */
export function hashIndirizzo(segreto: string, indirizzo: string, adesso: Date = new Date()): string {
  return createHmac("sha256", saleDelGiorno(segreto, adesso)).update(indirizzo).digest("hex");
}

/** Ratings this hashed address sent in the last window. */
export function inviiRecenti(tx: Tx, hash: string, adesso: Date = new Date()): number {
  const da = new Date(adesso.getTime() - LIMITE_INVII.finestraMs).toISOString();
  return tx.select({ n: count() }).from(valutazioni).where(and(eq(valutazioni.indirizzoHash, hash), gt(valutazioni.createdAt, da))).get()!.n;
}

export const limiteRaggiunto = (tx: Tx, hash: string, adesso: Date = new Date()): boolean => inviiRecenti(tx, hash, adesso) >= LIMITE_INVII.massimo;
