/**
 * How many ratings one address may send, without keeping the address: each is stored
 * only as an HMAC keyed with the salt of the (Italian) day. A new day brings a new
 * random salt and the old ones are deleted, so yesterday's hashes can no longer be
 * linked to an address, nor to today's. The limit therefore counts within the day.
 */
import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { and, count, eq, gt, lt } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { saliAscolto, valutazioni } from "../../db/schema";
import { oggiRoma } from "../numbers/calendario";

/** At most this many ratings per address in a rolling hour (a reader going through the whole report rates a page at a time). */
export const LIMITE_INVII = { massimo: 20, finestraMs: 60 * 60_000 } as const;

/** The salt of `adesso`'s Italian day, made on first use; older salts are deleted at once. */
export function saleDelGiorno(tx: Tx, adesso: Date = new Date()): string {
  const giorno = oggiRoma(adesso);
  const riga = tx.select({ sale: saliAscolto.sale }).from(saliAscolto).where(eq(saliAscolto.giorno, giorno)).get();
  if (riga) return riga.sale;
  tx.delete(saliAscolto).where(lt(saliAscolto.giorno, giorno)).run();
  tx.insert(saliAscolto).values({ giorno, sale: randomBytes(32).toString("base64url") }).onConflictDoNothing().run();
  return tx.select({ sale: saliAscolto.sale }).from(saliAscolto).where(eq(saliAscolto.giorno, giorno)).get()!.sale;
}

/** The address as stored: HMAC-SHA256 with the day's salt, hex. */
export function hashIndirizzo(tx: Tx, indirizzo: string, adesso: Date = new Date()): string {
  return createHmac("sha256", saleDelGiorno(tx, adesso)).update(indirizzo).digest("hex");
}

/** Salts of days before today: deleted (the daily job calls this even when nobody rated). */
export function eliminaSaliVecchi(tx: Tx, adesso: Date = new Date()): number {
  return tx.delete(saliAscolto).where(lt(saliAscolto.giorno, oggiRoma(adesso))).run().changes;
}

/** Ratings this hashed address sent in the last window. */
export function inviiRecenti(tx: Tx, hash: string, adesso: Date = new Date()): number {
  const da = new Date(adesso.getTime() - LIMITE_INVII.finestraMs).toISOString();
  return tx.select({ n: count() }).from(valutazioni).where(and(eq(valutazioni.indirizzoHash, hash), gt(valutazioni.createdAt, da))).get()!.n;
}

export const limiteRaggiunto = (tx: Tx, hash: string, adesso: Date = new Date()): boolean => inviiRecenti(tx, hash, adesso) >= LIMITE_INVII.massimo;
