/**
 * Changing one's own email, from the profile (the amministrazione screens refuse
 * one's own account). The request needs the current password; the new address
 * gets a single-use confirmation link (24 hours) and the old one a notice at once,
 * with the new address half hidden and whom to warn. Nothing changes until the link
 * is used: then the address is the new one, every other link of the account dies
 * and every session ends (the owner signs in again with the new address).
 * A password change or reset voids a pending request, like any other link.
 */
import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { mailOutbox, users } from "../../db/schema";
import { emailSchema, MESSAGGIO_EMAIL_USATA } from "../admin/utenti";
import { registra } from "../audit/registra";
import { linkAssoluto } from "../mail/link";
import { formatDataOra } from "../numbers/format";
import { inTransazione, negato, nonValido, senzaPermesso, type Chi, type Esito } from "../servizio";
import { avvisaVecchioIndirizzo, mascheraEmail } from "./avviso-email";
import { verifyPassword } from "./password";
import { revocaTutte } from "./sessioni";
import { MAX_FALLITI_PER_ACCOUNT, registraTentativo, valutaTentativo } from "./throttle";
import { annullaToken, consumaToken, emettiToken, messaggioToken, verificaToken } from "./tokens";

export type LinkEmailNonValido = { ok: false; tipo: "link_non_valido"; messaggio: string };

/** Path of the page that confirms a new address. */
export const percorsoConfermaEmail = (token: string) => `/conferma-email/${token}`;

export interface RichiestaCambioEmail {
  email: string;
  password: string;
  ip: string;
}

/** Asks to move one's account to a new address: a link to the new one, a notice to the old one. */
export async function richiediCambioEmail(db: Db, chi: Chi, input: RichiestaCambioEmail, adesso = new Date()): Promise<Esito<{ mascherata: string }>> {
  const no = senzaPermesso(chi, "profilo.modifica");
  if (no) return no;
  const v = emailSchema.safeParse(input.email);
  if (!v.success) return nonValido([{ campo: "email", messaggio: v.error.issues[0].message }]);
  const nuova = v.data;
  const u = db.select({ id: users.id, email: users.email, nome: users.nome, hash: users.passwordHash }).from(users).where(eq(users.id, chi.userId)).get();
  if (!u) return negato("Account non trovato.");
  if (nuova === u.email) return nonValido([{ campo: "email", messaggio: "È già l'indirizzo del tuo account." }]);
  // The password guards the account's address like the password itself: guesses count as at the login.
  if (valutaTentativo(db, u.email, input.ip, adesso).bloccato) {
    return nonValido([{ campo: "password", messaggio: `Troppi tentativi non riusciti (${MAX_FALLITI_PER_ACCOUNT}): attendi 15 minuti e riprova.` }]);
  }
  if (!(await verifyPassword(u.hash, input.password))) {
    inTransazione(db, (tx) => registraTentativo(tx, { email: u.email, ip: input.ip, riuscito: false }, adesso));
    return nonValido([{ campo: "password", messaggio: "La password non è corretta." }]);
  }
  return inTransazione(db, (tx): Esito<{ mascherata: string }> => {
    if (tx.select({ id: users.id }).from(users).where(and(eq(users.email, nuova), ne(users.id, u.id))).get()) {
      return nonValido([{ campo: "email", messaggio: MESSAGGIO_EMAIL_USATA }]);
    }
    const { token, scadeIl } = emettiToken(tx, { userId: u.id, tipo: "email", creatoDa: u.id, adesso, nuovaEmail: nuova });
    const corpo = [
      `Gentile ${u.nome},`,
      "",
      "per legare il tuo account Bilancio Sociale a questo indirizzo apri il collegamento qui sotto e conferma:",
      "",
      linkAssoluto(percorsoConfermaEmail(token)),
      "",
      `Il collegamento vale una sola volta e scade il ${formatDataOra(scadeIl)}. Dopo la conferma accederai con questo indirizzo e ogni sessione aperta con il tuo account sarà chiusa.`,
      "Se non hai chiesto tu questo cambio, ignora il messaggio: nulla cambierà.",
    ].join("\n");
    tx.insert(mailOutbox).values({ destinatario: nuova, oggetto: "[Bilancio Sociale] Conferma il nuovo indirizzo email", corpo }).run();
    avvisaVecchioIndirizzo(tx, { userId: u.id, vecchia: u.email, nome: u.nome, nuova, autore: null, adesso });
    registra(tx, { userId: u.id, attore: u.email, azione: "utente.email_richiesta", dettagli: { nuova } });
    return { ok: true, mascherata: mascheraEmail(nuova) };
  });
}

/** Whose account a confirmation link moves, and to which address, for the page that shows it. */
export function leggiCambioEmail(db: Db, token: string, adesso = new Date()): { ok: true; nome: string; vecchia: string; nuova: string } | LinkEmailNonValido {
  const v = verificaToken(db, token, "email", adesso);
  if (!v.ok) return { ok: false, tipo: "link_non_valido", messaggio: messaggioToken(v.motivo, "email") };
  const u = db.select({ nome: users.nome, email: users.email, attivo: users.attivo }).from(users).where(eq(users.id, v.riga.userId)).get();
  if (!u || !u.attivo || !v.riga.nuovaEmail) return { ok: false, tipo: "link_non_valido", messaggio: messaggioToken("non valido", "email") };
  return { ok: true, nome: u.nome, vecchia: u.email, nuova: v.riga.nuovaEmail };
}

/** The link is the permission: the address changes, the other links die, every session ends. */
export function confermaCambioEmail(db: Db, _chi: null, input: { token: string }, adesso = new Date()): Esito<{ email: string }> | LinkEmailNonValido {
  return inTransazione(db, (tx): Esito<{ email: string }> | LinkEmailNonValido => {
    const v = verificaToken(tx, input.token, "email", adesso);
    if (!v.ok) return { ok: false, tipo: "link_non_valido", messaggio: messaggioToken(v.motivo, "email") };
    const u = tx.select({ id: users.id, email: users.email, attivo: users.attivo }).from(users).where(eq(users.id, v.riga.userId)).get();
    const nuova = v.riga.nuovaEmail;
    if (!u || !u.attivo || !nuova || !consumaToken(tx, v.riga.id, adesso)) return { ok: false, tipo: "link_non_valido", messaggio: messaggioToken("non valido", "email") };
    if (tx.select({ id: users.id }).from(users).where(and(eq(users.email, nuova), ne(users.id, u.id))).get()) {
      return { ok: false, tipo: "conflitto", corrente: null, messaggio: "Nel frattempo questo indirizzo è stato dato a un altro account: il tuo indirizzo non è cambiato." };
    }
    tx.update(users).set({ email: nuova }).where(eq(users.id, u.id)).run();
    annullaToken(tx, u.id, adesso);
    registra(tx, { userId: u.id, attore: nuova, azione: "utente.email_conferma", dettagli: { da: u.email, a: nuova } });
    const chiuse = revocaTutte(tx, u.id, null, adesso);
    if (chiuse > 0) registra(tx, { userId: u.id, attore: nuova, azione: "sessione.revoca", dettagli: { sessioni: chiuse, motivo: "email cambiata" } });
    return { ok: true, email: nuova };
  });
}
