/**
 * One's own password: accepting an invitation, "Password dimenticata?" and its
 * reset link, and changing it from the profile. Hashing is slow (Argon2id), so
 * each service hashes first and then re-checks and writes in one transaction:
 * the token is consumed with a conditional UPDATE, so a link sets a password once
 * even when two requests race. Setting a password voids the user's other links;
 * a reset ends all their sessions, a change all but the current one.
 */
import "server-only";
import { and, count, eq, gt } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { auditLog, mailOutbox, users } from "../../db/schema";
import { registra } from "../audit/registra";
import { linkAssoluto } from "../mail/link";
import { formatDataOra } from "../numbers/format";
import { inTransazione, negato, nonValido, senzaPermesso, type Chi, type Esito } from "../servizio";
import { normalizzaEmail } from "./login";
import { hashPassword, verifyPassword } from "./password";
import { problemaPassword } from "./password-policy";
import { revocaTutte } from "./sessioni";
import { MAX_FALLITI_PER_ACCOUNT, registraTentativo, valutaTentativo } from "./throttle";
import { annullaToken, consumaToken, emettiToken, messaggioToken, verificaToken, type TipoToken } from "./tokens";

export type LinkNonValido = { ok: false; tipo: "link_non_valido"; messaggio: string };
export type EsitoAccount<T = object> = Esito<T> | LinkNonValido;

const linkNonValido = (messaggio: string): LinkNonValido => ({ ok: false, tipo: "link_non_valido", messaggio });

/** Whose account a link opens, for the page that shows it. */
export function leggiLink(db: Db, token: string, tipo: TipoToken, adesso = new Date()): { ok: true; nome: string; email: string } | LinkNonValido {
  const v = verificaToken(db, token, tipo, adesso);
  if (!v.ok) return linkNonValido(messaggioToken(v.motivo, tipo));
  const u = db.select({ nome: users.nome, email: users.email, attivo: users.attivo }).from(users).where(eq(users.id, v.riga.userId)).get();
  if (!u || !u.attivo) return linkNonValido(messaggioToken("non valido", tipo));
  return { ok: true, nome: u.nome, email: u.email };
}

export interface NuovaPasswordDaLink {
  token: string;
  password: string;
  conferma: string;
}

/** Sets the password through a single-use link: the invitation or the reset. */
async function impostaDaLink(db: Db, input: NuovaPasswordDaLink, tipo: TipoToken, adesso: Date): Promise<EsitoAccount<{ email: string }>> {
  const prima = leggiLink(db, input.token, tipo, adesso);
  if (!prima.ok) return prima;
  const problema = problemaPassword(input.password, prima.email);
  if (problema) return nonValido([{ campo: "password", messaggio: problema }]);
  if (input.password !== input.conferma) return nonValido([{ campo: "conferma", messaggio: "Le due password non coincidono." }]);
  const hash = await hashPassword(input.password);
  return inTransazione(db, (tx): EsitoAccount<{ email: string }> => {
    const v = verificaToken(tx, input.token, tipo, adesso);
    if (!v.ok) return linkNonValido(messaggioToken(v.motivo, tipo));
    const u = tx.select({ id: users.id, email: users.email, attivo: users.attivo }).from(users).where(eq(users.id, v.riga.userId)).get();
    if (!u || !u.attivo || !consumaToken(tx, v.riga.id, adesso)) return linkNonValido(messaggioToken(u?.attivo === false ? "non valido" : "già usato", tipo));
    tx.update(users).set({ passwordHash: hash }).where(eq(users.id, u.id)).run();
    annullaToken(tx, u.id, adesso);
    registra(tx, { userId: u.id, attore: u.email, azione: tipo === "invito" ? "invito.accetta" : "password.reimposta" });
    const chiuse = revocaTutte(tx, u.id, null, adesso);
    if (chiuse > 0) registra(tx, { userId: u.id, attore: u.email, azione: "sessione.revoca", dettagli: { sessioni: chiuse, motivo: tipo === "invito" ? "invito accettato" : "password reimpostata" } });
    return { ok: true, email: u.email };
  });
}

/** The invited person chooses their password (no session: the token is the permission). */
export function accettaInvito(db: Db, _chi: null, input: NuovaPasswordDaLink, adesso = new Date()) {
  return impostaDaLink(db, input, "invito", adesso);
}

/** A new password through the reset link; every session of the user ends. */
export function reimpostaPassword(db: Db, _chi: null, input: NuovaPasswordDaLink, adesso = new Date()) {
  return impostaDaLink(db, input, "reimposta", adesso);
}

// ---- "Password dimenticata?"

/** The one reply, whether or not the address belongs to anyone. */
export const RISPOSTA_REIMPOSTAZIONE =
  "Se l'indirizzo corrisponde a un account attivo, riceverai a breve un'email con le istruzioni per scegliere una nuova password. Il collegamento vale due ore.";
/** Requests per address (email) and per client address in RICHIESTE_FINESTRA_MINUTI; beyond that, nothing is sent. */
export const MAX_RICHIESTE_PER_EMAIL = 3;
export const MAX_RICHIESTE_PER_INDIRIZZO = 10;
export const RICHIESTE_FINESTRA_MINUTI = 60;
/** Every request takes at least this long, so the reply time does not tell a known address from an unknown one. */
export const DURATA_MINIMA_RICHIESTA_MS = 700;

/** What the request layer records when it cannot tell the client's address. */
export const INDIRIZZO_SCONOSCIUTO = "sconosciuto";

export interface RichiestaReimpostazione {
  email: string;
  ip: string;
}

function richiesteRecenti(tx: Tx, campo: "attore" | "ip", valore: string, da: string): number {
  return tx
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.azione, "password.reimposta_richiesta"), eq(campo === "attore" ? auditLog.attore : auditLog.ip, valore), gt(auditLog.at, da)))
    .get()!.n;
}

/**
 * Sends a reset link to an active account with this email, if any, unless this
 * email or this client asked too often lately. The answer is always the same
 * (`inviata` only tells the tests what happened); the caller waits for
 * `durataMinimaMs` whatever the path, so time tells nothing either.
 */
export async function richiediReimpostazione(
  db: Db,
  _chi: null,
  input: RichiestaReimpostazione,
  { adesso = new Date(), durataMinimaMs = DURATA_MINIMA_RICHIESTA_MS }: { adesso?: Date; durataMinimaMs?: number } = {},
): Promise<{ ok: true; messaggio: string; inviata: boolean }> {
  const inizio = Date.now();
  const email = normalizzaEmail(input.email);
  const inviata = inTransazione(db, (tx) => {
    const da = new Date(adesso.getTime() - RICHIESTE_FINESTRA_MINUTI * 60_000).toISOString();
    // Over the limit: nothing sent, nothing recorded (the log cannot be flooded either).
    // Without a known client address (no proxy header) only the per-email limit applies: one shared
    // "sconosciuto" bucket would let anyone stop everybody's resets.
    const troppePerIndirizzo = input.ip !== INDIRIZZO_SCONOSCIUTO && richiesteRecenti(tx, "ip", input.ip, da) >= MAX_RICHIESTE_PER_INDIRIZZO;
    if (troppePerIndirizzo || richiesteRecenti(tx, "attore", email, da) >= MAX_RICHIESTE_PER_EMAIL) return false;
    const u = tx.select({ id: users.id, nome: users.nome, email: users.email, attivo: users.attivo }).from(users).where(eq(users.email, email)).get();
    registra(tx, { userId: u?.id ?? null, attore: email, azione: "password.reimposta_richiesta", ip: input.ip });
    if (!u || !u.attivo) return false;
    const { token, scadeIl } = emettiToken(tx, { userId: u.id, tipo: "reimposta", creatoDa: null, adesso });
    const corpo = [
      `Gentile ${u.nome},`,
      "",
      "abbiamo ricevuto una richiesta di reimpostare la password del tuo account Bilancio Sociale.",
      "Per scegliere una nuova password apri questo indirizzo:",
      "",
      linkAssoluto(`/reimposta/${token}`),
      "",
      `Il collegamento vale una sola volta e scade il ${formatDataOra(scadeIl)}. Quando avrai scelto la nuova password, ogni sessione aperta con il tuo account sarà chiusa.`,
      "Se non hai chiesto tu di reimpostare la password, ignora questo messaggio: la tua password resta quella di prima.",
    ].join("\n");
    tx.insert(mailOutbox).values({ destinatario: u.email, oggetto: "[Bilancio Sociale] Reimposta la password", corpo }).run();
    return true;
  });
  const attesa = durataMinimaMs - (Date.now() - inizio);
  if (attesa > 0) await new Promise((r) => setTimeout(r, attesa));
  return { ok: true, messaggio: RISPOSTA_REIMPOSTAZIONE, inviata };
}

// ---- Changing one's own password

export interface CambioPassword {
  attuale: string;
  password: string;
  conferma: string;
  /** The session making the request: it stays open, the others end. */
  sessione: string | null;
  ip: string;
}

export async function cambiaPassword(db: Db, chi: Chi, input: CambioPassword, adesso = new Date()): Promise<Esito> {
  const no = senzaPermesso(chi, "profilo.modifica");
  if (no) return no;
  const u = db.select({ id: users.id, email: users.email, hash: users.passwordHash }).from(users).where(eq(users.id, chi.userId)).get();
  if (!u) return negato("Account non trovato.");
  // Guessing the current password here counts like guessing it at the login.
  if (valutaTentativo(db, u.email, input.ip, adesso).bloccato) {
    return nonValido([{ campo: "attuale", messaggio: `Troppi tentativi non riusciti (${MAX_FALLITI_PER_ACCOUNT}): attendi 15 minuti e riprova.` }]);
  }
  if (!(await verifyPassword(u.hash, input.attuale))) {
    inTransazione(db, (tx) => registraTentativo(tx, { email: u.email, ip: input.ip, riuscito: false }, adesso));
    return nonValido([{ campo: "attuale", messaggio: "La password attuale non è corretta." }]);
  }
  const problema = problemaPassword(input.password, u.email);
  if (problema) return nonValido([{ campo: "password", messaggio: problema }]);
  if (input.password === input.attuale) return nonValido([{ campo: "password", messaggio: "La nuova password deve essere diversa da quella attuale." }]);
  if (input.password !== input.conferma) return nonValido([{ campo: "conferma", messaggio: "Le due password non coincidono." }]);
  const hash = await hashPassword(input.password);
  return inTransazione(db, (tx): Esito => {
    // Changed by someone else meanwhile (another tab, a reset): start again.
    const r = tx.update(users).set({ passwordHash: hash }).where(and(eq(users.id, u.id), eq(users.passwordHash, u.hash))).run();
    if (r.changes !== 1) return nonValido([{ campo: "attuale", messaggio: "La password è stata cambiata nel frattempo: inserisci quella attuale." }]);
    annullaToken(tx, u.id, adesso);
    registra(tx, { userId: u.id, attore: u.email, azione: "password.cambia" });
    const chiuse = revocaTutte(tx, u.id, input.sessione, adesso);
    if (chiuse > 0) registra(tx, { userId: u.id, attore: u.email, azione: "sessione.revoca", dettagli: { sessioni: chiuse, motivo: "password cambiata" } });
    return { ok: true };
  });
}
