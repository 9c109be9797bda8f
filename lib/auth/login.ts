/**
 * Checks credentials and records the attempt: the attempt row and its audit row
 * (and, when an account starts being guessed, the notices) are written in one
 * transaction, whatever the outcome. Throttling: lib/auth/throttle.ts.
 */
import { eq } from "drizzle-orm";
import { setTimeout as attendi } from "node:timers/promises";
import type { Db } from "../../db/client";
import { loginAttempts, users } from "../../db/schema";
import { registra } from "../audit/registra";
import { conRuolo, notifica } from "../notifications/avvisi";
import { inTransazione } from "../servizio";
import { dummyHash, verifyPassword } from "./password";
import { FINESTRA_MINUTI, MAX_FALLITI_PER_ACCOUNT, valutaTentativo } from "./throttle";

export const MESSAGGIO_CREDENZIALI = "Email o password non corretti.";
export const MESSAGGIO_BLOCCATO = `Troppi tentativi non riusciti da questo dispositivo. Attendi ${FINESTRA_MINUTI} minuti e riprova.`;

export type EsitoLogin = { ok: true; userId: number; nome: string; email: string } | { ok: false; messaggio: string };

export function normalizzaEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface OpzioniLogin {
  /** How the wait is taken: tests pass a recorder instead of sleeping. */
  attendi?: (ms: number) => Promise<unknown>;
}

export async function verificaCredenziali(db: Db, emailGrezza: string, password: string, ip: string, opzioni: OpzioniLogin = {}): Promise<EsitoLogin> {
  const email = normalizzaEmail(emailGrezza);
  const annota = (riuscito: boolean, azione: "accesso" | "accesso.fallito" | "accesso.bloccato", userId: number | null, avvisa = false) =>
    inTransazione(db, (tx) => {
      tx.insert(loginAttempts).values({ email, ip, riuscito }).run();
      registra(tx, { userId, attore: email, azione, ip });
      if (avvisa && userId) {
        // Told once, when the threshold is reached: someone may be guessing this password.
        const testo = `Ci sono stati ${MAX_FALLITI_PER_ACCOUNT} tentativi di accesso non riusciti all'account ${email} negli ultimi ${FINESTRA_MINUTI} minuti (l'ultimo dall'indirizzo ${ip}). Se non eri tu, nessuna azione è necessaria: gli ulteriori tentativi sono rallentati. Se non ricordi la password, usa «Password dimenticata?».`;
        notifica(tx, { userIds: [userId, ...conRuolo(tx, "amministratore")], oggetto: `Tentativi di accesso non riusciti: ${email}`, testo, link: "/registro" });
      }
    });

  const v = valutaTentativo(db, email, ip);
  if (v.bloccato) {
    annota(false, "accesso.bloccato", null);
    return { ok: false, messaggio: MESSAGGIO_BLOCCATO };
  }
  if (v.attesaMs > 0) await (opzioni.attendi ?? attendi)(v.attesaMs);
  const user = db.select().from(users).where(eq(users.email, email)).get();
  const valida = await verifyPassword(user?.passwordHash || (await dummyHash()), password);
  if (!user || !valida || !user.attivo) {
    annota(false, "accesso.fallito", user?.id ?? null, v.fallitiAccount + 1 === MAX_FALLITI_PER_ACCOUNT);
    return { ok: false, messaggio: MESSAGGIO_CREDENZIALI };
  }
  annota(true, "accesso", user.id);
  return { ok: true, userId: user.id, nome: user.nome, email: user.email };
}
