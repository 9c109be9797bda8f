/**
 * Checks credentials and records the attempt: the attempt row and its audit row
 * (and, when an account starts being guessed, the notices) are written in one
 * transaction. An attempt refused because its address is blocked is not checked
 * and not recorded: one "accesso.bloccato" audit row per address and window says
 * it happened. Throttling: lib/auth/throttle.ts.
 */
import { and, eq, gt } from "drizzle-orm";
import { setTimeout as attendi } from "node:timers/promises";
import type { Db, Tx } from "../../db/client";
import { auditLog, notifications, users } from "../../db/schema";
import { registra } from "../audit/registra";
import { conRuolo, notifica } from "../notifications/avvisi";
import { inTransazione } from "../servizio";
import { dummyHash, verifyPassword } from "./password";
import { contaFalliti, FINESTRA_MINUTI, inizioFinestra, MAX_FALLITI_PER_ACCOUNT, prenotaVerifica, registraTentativo, valutaTentativo } from "./throttle";

export const MESSAGGIO_CREDENZIALI = "Email o password non corretti.";
export const MESSAGGIO_BLOCCATO = `Troppi tentativi non riusciti da questo dispositivo. Attendi ${FINESTRA_MINUTI} minuti e riprova.`;
/** The notice of failed logins reaches an account's owner and the amministratori at most once in this time. */
export const INTERVALLO_AVVISI_MS = 24 * 60 * 60_000;

export type EsitoLogin = { ok: true; userId: number; nome: string; email: string } | { ok: false; messaggio: string };

export function normalizzaEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface OpzioniLogin {
  /** How the wait is taken: tests pass a recorder instead of sleeping. */
  attendi?: (ms: number) => Promise<unknown>;
}

export const oggettoAvvisoTentativi = (email: string) => `Tentativi di accesso non riusciti: ${email}`;

/** Whether the notice for this account went out in the last INTERVALLO_AVVISI_MS. */
function avvisatoDiRecente(tx: Tx, email: string, adesso: Date): boolean {
  const da = new Date(adesso.getTime() - INTERVALLO_AVVISI_MS).toISOString();
  return !!tx.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.testo, oggettoAvvisoTentativi(email)), gt(notifications.createdAt, da))).get();
}

/** A blocked address gets one audit row per window, whatever the number of its attempts. */
function registraBlocco(db: Db, email: string, ip: string, adesso: Date): void {
  const registrato = (tx: Tx) =>
    !!tx
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.azione, "accesso.bloccato"), eq(auditLog.ip, ip), gt(auditLog.at, inizioFinestra(adesso))))
      .get();
  // Read first: the usual case (already recorded) takes no write lock.
  if (registrato(db)) return;
  inTransazione(db, (tx) => {
    if (!registrato(tx)) registra(tx, { userId: null, attore: email, azione: "accesso.bloccato", ip });
  });
}

export async function verificaCredenziali(db: Db, emailGrezza: string, password: string, ip: string, opzioni: OpzioniLogin = {}): Promise<EsitoLogin> {
  const email = normalizzaEmail(emailGrezza);
  const annota = (riuscito: boolean, azione: "accesso" | "accesso.fallito", userId: number | null) =>
    inTransazione(db, (tx) => {
      const adesso = new Date();
      registraTentativo(tx, { email, ip, riuscito }, adesso);
      registra(tx, { userId, attore: email, azione, ip });
      // Someone may be guessing this password: told when the threshold is reached, at most once a day.
      if (!riuscito && userId && contaFalliti(tx, { email }, adesso) >= MAX_FALLITI_PER_ACCOUNT && !avvisatoDiRecente(tx, email, adesso)) {
        const testo = `Ci sono stati almeno ${MAX_FALLITI_PER_ACCOUNT} tentativi di accesso non riusciti all'account ${email} negli ultimi ${FINESTRA_MINUTI} minuti (l'ultimo dall'indirizzo ${ip}). Se non eri tu, nessuna azione è necessaria: gli ulteriori tentativi sono rallentati. Se non ricordi la password, usa «Password dimenticata?». Per 24 ore non saranno inviati altri avvisi come questo per questo account.`;
        notifica(tx, { userIds: [userId, ...conRuolo(tx, "amministratore")], oggetto: oggettoAvvisoTentativi(email), testo, link: "/registro" });
      }
    });

  const v = valutaTentativo(db, email, ip);
  if (v.bloccato) {
    registraBlocco(db, email, ip, new Date());
    return { ok: false, messaggio: MESSAGGIO_BLOCCATO };
  }
  const libera = prenotaVerifica(email, ip);
  try {
    if (v.attesaMs > 0) await (opzioni.attendi ?? attendi)(v.attesaMs);
    const user = db.select().from(users).where(eq(users.email, email)).get();
    const valida = await verifyPassword(user?.passwordHash || (await dummyHash()), password);
    if (!user || !valida || !user.attivo) {
      annota(false, "accesso.fallito", user?.id ?? null);
      return { ok: false, messaggio: MESSAGGIO_CREDENZIALI };
    }
    annota(true, "accesso", user.id);
    return { ok: true, userId: user.id, nome: user.nome, email: user.email };
  } finally {
    libera();
  }
}
