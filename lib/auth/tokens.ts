/**
 * Single-use links sent by mail: an invitation (set your first password) or a
 * password reset. The token is 32 random bytes in base64url and travels only in
 * the mail; the database keeps its SHA-256, so a copy of the database opens no
 * account. A new token of the same kind for the same user voids the earlier
 * unused ones, and consuming is a conditional UPDATE, so a link works once even
 * if two requests race.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { userTokens } from "../../db/schema";
import { sha256 } from "../sha256";

export type TipoToken = "invito" | "reimposta" | "email";

/** How long each kind of link stays valid. */
export const DURATA_TOKEN_MS: Record<TipoToken, number> = {
  invito: 72 * 60 * 60 * 1000,
  reimposta: 2 * 60 * 60 * 1000,
  /** Confirming a new email address asked from one's profile. */
  email: 24 * 60 * 60 * 1000,
};

/** Longest token accepted from a URL: 32 bytes are 43 base64url characters. */
export const LUNGHEZZA_MAX_TOKEN = 100;

/** Only this is stored: a leaked table gives no working link. */
export const hashToken = (token: string): string => sha256(token);

export interface EmissioneToken {
  userId: number;
  tipo: TipoToken;
  creatoDa: number | null;
  adesso?: Date;
  /** Only for an "email" link: the address it confirms. */
  nuovaEmail?: string;
}

export function emettiToken(tx: Tx, { userId, tipo, creatoDa, adesso = new Date(), nuovaEmail }: EmissioneToken): { token: string; scadeIl: string } {
  const token = randomBytes(32).toString("base64url");
  const scadeIl = new Date(adesso.getTime() + DURATA_TOKEN_MS[tipo]).toISOString();
  // Earlier unused links of the same kind stop working: only the newest mail counts.
  tx.update(userTokens)
    .set({ usatoIl: adesso.toISOString() })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.tipo, tipo), isNull(userTokens.usatoIl)))
    .run();
  tx.insert(userTokens).values({ userId, tipo, tokenHash: hashToken(token), scadeIl, creatoDa, nuovaEmail: nuovaEmail ?? null, createdAt: adesso.toISOString() }).run();
  return { token, scadeIl };
}

export type RigaToken = typeof userTokens.$inferSelect;

export type MotivoTokenRifiutato = "non valido" | "scaduto" | "già usato";

export type VerificaToken = { ok: true; riga: RigaToken } | { ok: false; motivo: MotivoTokenRifiutato };

/** The token's row if it can still be used; otherwise why not. Changes nothing. */
export function verificaToken(tx: Tx, token: string, tipo: TipoToken, adesso: Date = new Date()): VerificaToken {
  if (typeof token !== "string" || token.length === 0 || token.length > LUNGHEZZA_MAX_TOKEN || !/^[A-Za-z0-9_-]+$/.test(token)) {
    return { ok: false, motivo: "non valido" };
  }
  const riga = tx.select().from(userTokens).where(eq(userTokens.tokenHash, hashToken(token))).get();
  if (!riga || riga.tipo !== tipo) return { ok: false, motivo: "non valido" };
  if (riga.usatoIl !== null) return { ok: false, motivo: "già usato" };
  if (new Date(riga.scadeIl).getTime() <= adesso.getTime()) return { ok: false, motivo: "scaduto" };
  return { ok: true, riga };
}

/** Marks the token used. False if it was already used (by a concurrent request, say). */
export function consumaToken(tx: Tx, id: number, adesso: Date = new Date()): boolean {
  const r = tx.update(userTokens).set({ usatoIl: adesso.toISOString() }).where(and(eq(userTokens.id, id), isNull(userTokens.usatoIl))).run();
  return r.changes === 1;
}

/** The Italian sentence for a refused link. */
export function messaggioToken(motivo: MotivoTokenRifiutato, tipo: TipoToken): string {
  const cosa = tipo === "invito" ? "invito" : tipo === "email" ? "collegamento per confermare il nuovo indirizzo email" : "collegamento per reimpostare la password";
  if (tipo === "email" && motivo !== "non valido") {
    return motivo === "scaduto"
      ? "Questo collegamento è scaduto: il tuo indirizzo email non è cambiato. Se vuoi ancora cambiarlo, chiedilo di nuovo dal tuo profilo."
      : "Questo collegamento è già stato usato o sostituito da una richiesta più recente: controlla l'indirizzo nel tuo profilo.";
  }
  switch (motivo) {
    case "scaduto":
      return tipo === "invito"
        ? "Questo invito è scaduto. Chiedi all'amministratore di inviarne uno nuovo."
        : "Questo collegamento è scaduto. Chiedi di nuovo di reimpostare la password.";
    case "già usato":
      return tipo === "invito"
        ? "Questo invito è già stato usato o sostituito da uno più recente. Se hai già scelto la password, accedi; altrimenti chiedi un nuovo invito all'amministratore."
        : "Questo collegamento è già stato usato o sostituito da uno più recente. Chiedi di nuovo di reimpostare la password.";
    default:
      return `Il ${cosa} non è valido. Controlla di aver copiato tutto l'indirizzo ricevuto per email.`;
  }
}

/** Voids every unused link of a user (after their password was set, changed or reset). */
export function annullaToken(tx: Tx, userId: number, adesso: Date = new Date()): number {
  return tx.update(userTokens).set({ usatoIl: adesso.toISOString() }).where(and(eq(userTokens.userId, userId), isNull(userTokens.usatoIl))).run().changes;
}
