/**
 * Checks credentials and records the attempt: the attempt row and its audit row
 * are written in one transaction, whatever the outcome.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loginAttempts, users } from "../../db/schema";
import { registra } from "../audit/registra";
import { dummyHash, verifyPassword } from "./password";
import { loginBloccato } from "./throttle";
import { inTransazione } from "../servizio";

export const MESSAGGIO_CREDENZIALI = "Email o password non corretti.";
export const MESSAGGIO_BLOCCATO = "Troppi tentativi non riusciti. Attendi 15 minuti e riprova.";

export type EsitoLogin = { ok: true; userId: number; nome: string; email: string } | { ok: false; messaggio: string };

export function normalizzaEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function verificaCredenziali(db: Db, emailGrezza: string, password: string, ip: string): Promise<EsitoLogin> {
  const email = normalizzaEmail(emailGrezza);
  const annota = (riuscito: boolean, azione: "accesso" | "accesso.fallito" | "accesso.bloccato", userId: number | null) =>
    inTransazione(db, (tx) => {
      tx.insert(loginAttempts).values({ email, ip, riuscito }).run();
      registra(tx, { userId, attore: email, azione, ip });
    });

  if (loginBloccato(db, email, ip)) {
    annota(false, "accesso.bloccato", null);
    return { ok: false, messaggio: MESSAGGIO_BLOCCATO };
  }
  const user = db.select().from(users).where(eq(users.email, email)).get();
  // An invited user without a password yet ("") is checked against the dummy hash too: same time, same refusal.
  const valida = (await verifyPassword(user?.passwordHash || (await dummyHash()), password)) && !!user?.passwordHash;
  if (!user || !valida || !user.attivo) {
    annota(false, "accesso.fallito", user?.id ?? null);
    return { ok: false, messaggio: MESSAGGIO_CREDENZIALI };
  }
  annota(true, "accesso", user.id);
  return { ok: true, userId: user.id, nome: user.nome, email: user.email };
}
