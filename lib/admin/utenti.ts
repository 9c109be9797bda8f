/**
 * The amministratore's work on people: create (an invitation is sent at once,
 * nobody ever types another person's password), edit name and email, deactivate
 * and reactivate (never delete: the audit log names them), roles, invitations.
 * Every change asks the policy, then writes with its audit row in one transaction.
 * The last active amministratore can never be removed or deactivated.
 * Separation of duties: nobody changes their own roles, name or email here (their
 * email changes from their profile, confirmed by the new address), and the Assessore
 * holds no amministratore or coordinatore role. A new email is told to the old address
 * and ends the person's sessions.
 */
import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { roleMemberships, settori, users } from "../../db/schema";
import { registra } from "../audit/registra";
import { avvisaVecchioIndirizzo } from "../auth/avviso-email";
import { invita } from "../auth/inviti";
import { annullaToken } from "../auth/tokens";
import { revocaTutte } from "../auth/sessioni";
import { ETICHETTE_RUOLO, messaggioIncompatibile, RUOLI, ruoloConSettore, ruoloIncompatibile, type Ruolo } from "../ruoli";
import { convalida, inTransazione, negato, nonTrovato, nonValido, senzaPermesso, type Chi, type Esito } from "../servizio";
import { concediRuolo, MESSAGGIO_PROPRI_RUOLI, revocaRuolo, ruoliAttuali } from "./ruoli-concessi";
import { z } from "../zod-it";

/* ------------------------------------------------------------------ schemi */

const idPositivo = z.coerce.number().int().positive();

export const nomeSchema = z.string().trim().min(1, "Scrivi il nome e il cognome.").max(200, "Il nome può avere al massimo 200 caratteri.");
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Scrivi l'indirizzo email.")
  .max(254, "L'indirizzo email può avere al massimo 254 caratteri.")
  .pipe(z.email({ message: "Indirizzo email non valido (esempio: nome.cognome@comune.it)." }));

export const ruoloSchema = z.enum(RUOLI, { message: "Scegli un ruolo." });

/** A role to give: referente needs a settore, every other role none. */
export const ruoloInputSchema = z.object({
  ruolo: ruoloSchema,
  settoreId: idPositivo.optional().nullable(),
});

export const nuovoUtenteSchema = z.object({
  nome: nomeSchema,
  email: emailSchema,
  /** Optional first role, given with the creation. */
  ruolo: ruoloSchema.optional(),
  settoreId: idPositivo.optional().nullable(),
});

export const modificaUtenteSchema = z.object({ userId: idPositivo, nome: nomeSchema, email: emailSchema });
export const utenteIdSchema = z.object({ userId: idPositivo });
export const aggiungiRuoloSchema = ruoloInputSchema.extend({ userId: idPositivo });
export const rimuoviRuoloSchema = z.object({ membershipId: idPositivo });

/* ------------------------------------------------------------------ aiuti */

export const MESSAGGIO_EMAIL_USATA = "Questa email è già usata da un altro utente.";
export const MESSAGGIO_ULTIMO_AMMINISTRATORE =
  "È l'ultimo amministratore attivo: prima assegna il ruolo di amministratore a un'altra persona.";
export { MESSAGGIO_PROPRI_RUOLI };
export const MESSAGGIO_PROPRI_DATI =
  "Non puoi cambiare il tuo nome o la tua email da qui: l'email si cambia dal tuo profilo, con una conferma al nuovo indirizzo; il nome lo cambia un altro amministratore.";

const puoGestire = (chi: Chi) => senzaPermesso(chi, "utenti.gestisci");

function emailUsata(tx: Tx, email: string, tranneId?: number): boolean {
  const cond = tranneId ? and(eq(users.email, email), ne(users.id, tranneId)) : eq(users.email, email);
  return !!tx.select({ id: users.id }).from(users).where(cond).get();
}

/** Active users holding the amministratore role. */
export function amministratoriAttivi(tx: Pick<Db, "selectDistinct">): number[] {
  return tx
    .selectDistinct({ id: users.id })
    .from(roleMemberships)
    .innerJoin(users, eq(users.id, roleMemberships.userId))
    .where(and(eq(roleMemberships.ruolo, "amministratore"), eq(users.attivo, true)))
    .all()
    .map((r) => r.id);
}

/** True if this user is the only active amministratore left. */
function ultimoAmministratore(tx: Tx, userId: number): boolean {
  const attivi = amministratoriAttivi(tx);
  return attivi.length === 1 && attivi[0] === userId;
}

type Bersaglio = { id: number; email: string; nome: string; attivo: boolean; passwordHash: string };

function utente(tx: Tx, userId: number): Bersaglio | undefined {
  return tx.select({ id: users.id, email: users.email, nome: users.nome, attivo: users.attivo, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).get();
}

const NON_TROVATO = "Utente non trovato.";

/**
 * Checks a role to give: the settore is required for a referente (active, not
 * merged) and refused for the others; the same role twice is refused.
 * Field errors name "ruolo" and "settoreId".
 */
function controllaRuolo(tx: Tx, userId: number | null, ruolo: Ruolo, settoreId: number | null | undefined) {
  if (ruoloConSettore(ruolo)) {
    if (!settoreId) return nonValido([{ campo: "settoreId", messaggio: "Scegli il settore di cui è referente." }]);
    const s = tx.select({ attivo: settori.attivo }).from(settori).where(eq(settori.id, settoreId)).get();
    if (!s) return nonValido([{ campo: "settoreId", messaggio: "Settore non trovato." }]);
    if (!s.attivo) return nonValido([{ campo: "settoreId", messaggio: "Il settore è disattivato: scegline uno attivo." }]);
  } else if (settoreId) {
    return nonValido([{ campo: "settoreId", messaggio: `Il ruolo «${ETICHETTE_RUOLO[ruolo]}» non è legato a un settore: lascia vuoto il settore.` }]);
  }
  if (userId !== null) {
    const gia = tx
      .select({ id: roleMemberships.id })
      .from(roleMemberships)
      .where(and(eq(roleMemberships.userId, userId), eq(roleMemberships.ruolo, ruolo), ruoloConSettore(ruolo) ? eq(roleMemberships.settoreId, settoreId!) : isNull(roleMemberships.settoreId)))
      .get();
    if (gia) {
      return nonValido([{ campo: "ruolo", messaggio: ruoloConSettore(ruolo) ? "È già referente di questo settore." : `Ha già il ruolo «${ETICHETTE_RUOLO[ruolo]}».` }]);
    }
    const incompatibile = ruoloIncompatibile(ruoliAttuali(tx, userId), ruolo);
    if (incompatibile) return nonValido([{ campo: "ruolo", messaggio: messaggioIncompatibile(ruolo, incompatibile) }]);
  }
  return null;
}

/** Who acts, as the audit row names them. */
export const autore = (chi: Chi) => ({ userId: chi.userId, attore: chi.email });

/* ------------------------------------------------------------------ servizi */

/**
 * Creates a person without a password and sends them the invitation at once;
 * optionally gives them their first role.
 */
export function creaUtente(db: Db, chi: Chi, input: z.input<typeof nuovoUtenteSchema>): Esito<{ userId: number; scadeIl: string }> {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(nuovoUtenteSchema, input);
  if (!v.ok) return v;
  const { nome, email, ruolo, settoreId } = v.dati;
  return inTransazione(db, (tx) => {
    if (emailUsata(tx, email)) return nonValido([{ campo: "email", messaggio: MESSAGGIO_EMAIL_USATA }]);
    if (ruolo) {
      const errore = controllaRuolo(tx, null, ruolo, settoreId);
      if (errore) return errore;
    } else if (settoreId) {
      return nonValido([{ campo: "ruolo", messaggio: "Scegli il ruolo di referente per legare la persona a un settore." }]);
    }
    const userId = Number(tx.insert(users).values({ nome, email, passwordHash: "" }).run().lastInsertRowid);
    registra(tx, { ...autore(chi), azione: "utente.crea", dettagli: { email, origine: "manuale", utenteId: userId } });
    if (ruolo) concediRuolo(tx, chi, { id: userId, email, nome }, ruolo, ruoloConSettore(ruolo) ? settoreId! : null);
    const { scadeIl } = invita(tx, { userId, creatoDa: chi.userId });
    return { ok: true, userId, scadeIl };
  });
}

/**
 * Name and email of someone else; the email stays unique (the error is said at the
 * field). A new email voids every link sent to the old one (a mistyped address must
 * not keep a working invitation) and ends the person's sessions; an activated account's
 * old address is told, with the new one half hidden and whom to warn; a person still
 * without a password is invited again at the new one.
 */
export function modificaUtente(db: Db, chi: Chi, input: z.input<typeof modificaUtenteSchema>): Esito<{ campi: string[]; invitoInviato?: boolean }> {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(modificaUtenteSchema, input);
  if (!v.ok) return v;
  const { userId, nome, email } = v.dati;
  if (userId === chi.userId) return negato(MESSAGGIO_PROPRI_DATI);
  return inTransazione(db, (tx) => {
    const u = utente(tx, userId);
    if (!u) return nonTrovato(NON_TROVATO);
    if (emailUsata(tx, email, userId)) return nonValido([{ campo: "email", messaggio: MESSAGGIO_EMAIL_USATA }]);
    const campi = [...(u.nome !== nome ? ["nome"] : []), ...(u.email !== email ? ["email"] : [])];
    if (campi.length === 0) return { ok: true, campi };
    tx.update(users).set({ nome, email }).where(eq(users.id, userId)).run();
    registra(tx, { ...autore(chi), azione: "utente.modifica", dettagli: { campi, utenteId: userId, email } });
    if (u.email === email) return { ok: true, campi };
    annullaToken(tx, userId);
    const chiuse = revocaTutte(tx, userId);
    if (chiuse > 0) registra(tx, { ...autore(chi), azione: "sessione.revoca", dettagli: { sessioni: chiuse, motivo: "email cambiata" } });
    // The old address proved itself by setting the password: its owner is told (an invitation never
    // accepted may have gone to a mistyped address, whose owner has nothing to do with the account).
    if (u.passwordHash !== "") {
      const io = tx.select({ nome: users.nome }).from(users).where(eq(users.id, chi.userId)).get();
      avvisaVecchioIndirizzo(tx, { userId, vecchia: u.email, nome, nuova: email, autore: { userId: chi.userId, nome: io?.nome ?? chi.email, email: chi.email } });
    }
    if (u.passwordHash !== "" || !u.attivo) return { ok: true, campi };
    invita(tx, { userId, creatoDa: chi.userId });
    return { ok: true, campi, invitoInviato: true };
  });
}

/**
 * Deactivates a person: their next request finds them inactive (the session
 * layer reads `users.attivo`) and their open sessions are revoked. Never the
 * last active amministratore, not even by themselves.
 */
export function disattivaUtente(db: Db, chi: Chi, input: z.input<typeof utenteIdSchema>): Esito {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(utenteIdSchema, input);
  if (!v.ok) return v;
  return inTransazione(db, (tx) => {
    const u = utente(tx, v.dati.userId);
    if (!u) return nonTrovato(NON_TROVATO);
    if (!u.attivo) return { ok: true };
    if (ultimoAmministratore(tx, u.id)) return { ok: false, tipo: "conflitto", corrente: null, messaggio: MESSAGGIO_ULTIMO_AMMINISTRATORE };
    tx.update(users).set({ attivo: false }).where(eq(users.id, u.id)).run();
    registra(tx, { ...autore(chi), azione: "utente.disattiva", dettagli: { utenteId: u.id, email: u.email } });
    const chiuse = revocaTutte(tx, u.id);
    if (chiuse > 0) registra(tx, { ...autore(chi), azione: "sessione.revoca", dettagli: { sessioni: chiuse, motivo: "utente disattivato" } });
    // Their reset and invitation links die now: a reactivation must not bring them back.
    annullaToken(tx, u.id);
    return { ok: true };
  });
}

export function riattivaUtente(db: Db, chi: Chi, input: z.input<typeof utenteIdSchema>): Esito {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(utenteIdSchema, input);
  if (!v.ok) return v;
  return inTransazione(db, (tx) => {
    const u = utente(tx, v.dati.userId);
    if (!u) return nonTrovato(NON_TROVATO);
    if (u.attivo) return { ok: true };
    tx.update(users).set({ attivo: true }).where(eq(users.id, u.id)).run();
    registra(tx, { ...autore(chi), azione: "utente.riattiva", dettagli: { utenteId: u.id, email: u.email } });
    return { ok: true };
  });
}

/** Gives a role: a person may hold several (referente of two settori, coordinatore and lettore…). */
export function aggiungiRuolo(db: Db, chi: Chi, input: z.input<typeof aggiungiRuoloSchema>): Esito<{ membershipId: number }> {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(aggiungiRuoloSchema, input);
  if (!v.ok) return v;
  const { userId, ruolo } = v.dati;
  if (userId === chi.userId) return nonValido([{ campo: "ruolo", messaggio: MESSAGGIO_PROPRI_RUOLI }], MESSAGGIO_PROPRI_RUOLI);
  return inTransazione(db, (tx) => {
    const u = utente(tx, userId);
    if (!u) return nonTrovato(NON_TROVATO);
    const errore = controllaRuolo(tx, userId, ruolo, v.dati.settoreId);
    if (errore) return errore;
    const membershipId = concediRuolo(tx, chi, u, ruolo, ruoloConSettore(ruolo) ? v.dati.settoreId! : null);
    return { ok: true, membershipId };
  });
}

/** Takes a role away, from someone else; never the amministratore role of the last active amministratore. */
export function rimuoviRuolo(db: Db, chi: Chi, input: z.input<typeof rimuoviRuoloSchema>): Esito {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(rimuoviRuoloSchema, input);
  if (!v.ok) return v;
  return inTransazione(db, (tx) => {
    const m = tx.select().from(roleMemberships).where(eq(roleMemberships.id, v.dati.membershipId)).get();
    if (!m) return nonTrovato("Ruolo non trovato: forse è già stato tolto.");
    if (m.userId === chi.userId) return negato(MESSAGGIO_PROPRI_RUOLI);
    const u = utente(tx, m.userId)!;
    if (m.ruolo === "amministratore" && u.attivo && ultimoAmministratore(tx, u.id)) {
      return { ok: false, tipo: "conflitto", corrente: null, messaggio: MESSAGGIO_ULTIMO_AMMINISTRATORE };
    }
    revocaRuolo(tx, chi, u, m);
    return { ok: true };
  });
}

/** Sends a new invitation (the old link stops working) while the person has not chosen a password. */
export function reinviaInvito(db: Db, chi: Chi, input: z.input<typeof utenteIdSchema>): Esito<{ scadeIl: string }> {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(utenteIdSchema, input);
  if (!v.ok) return v;
  return inTransazione(db, (tx) => {
    const u = utente(tx, v.dati.userId);
    if (!u) return nonTrovato(NON_TROVATO);
    if (!u.attivo) return { ok: false, tipo: "conflitto", corrente: null, messaggio: "L'utente è disattivato: riattivalo prima di invitarlo di nuovo." };
    if (u.passwordHash !== "") {
      return { ok: false, tipo: "conflitto", corrente: null, messaggio: "L'utente ha già scelto la sua password: se l'ha dimenticata, usi «Password dimenticata?» nella pagina di accesso." };
    }
    const { scadeIl } = invita(tx, { userId: u.id, creatoDa: chi.userId });
    return { ok: true, scadeIl };
  });
}
