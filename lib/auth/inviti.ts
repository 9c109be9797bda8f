/**
 * Invitations: a person created by the amministratore (or by `npm run setup`)
 * receives a mail with a single-use link to choose their own password. Nobody
 * else ever sees or types it. Sending again is calling `invita` again: the new
 * link replaces the old one.
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { ente, mailOutbox, users } from "../../db/schema";
import { registra } from "../audit/registra";
import { linkAssoluto } from "../mail/link";
import { formatDataOra } from "../numbers/format";
import { emettiToken } from "./tokens";

export interface Invito {
  /** The person invited. */
  userId: number;
  /** The amministratore who invites (the audit log names them). */
  creatoDa: number;
  adesso?: Date;
  /** The public address for the link, when it is not yet configured (npm run setup). */
  base?: string;
}

/** Path of the page that accepts an invitation. */
export const percorsoInvito = (token: string) => `/invito/${token}`;

/**
 * Emits the invitation token, queues the mail (in the caller's transaction) and
 * writes the audit row "utente.invito". Returns when the link expires; the token
 * itself leaves only through the mail (and `invitaConLink`, for the setup script).
 */
export function invita(tx: Tx, input: Invito): { scadeIl: string } {
  const { scadeIl } = invitaConLink(tx, input);
  return { scadeIl };
}

/** As `invita`, also returning the absolute link: only `npm run setup` prints it, for the very first amministratore. */
export function invitaConLink(tx: Tx, { userId, creatoDa, adesso = new Date(), base }: Invito): { scadeIl: string; link: string } {
  const utente = tx.select({ id: users.id, email: users.email, nome: users.nome }).from(users).where(eq(users.id, userId)).get();
  if (!utente) throw new Error(`Utente ${userId} inesistente: invito non inviato`);
  const chiInvita = tx.select({ email: users.email, nome: users.nome }).from(users).where(eq(users.id, creatoDa)).get();
  const nomeEnte = tx.select({ nome: ente.nome }).from(ente).limit(1).get()?.nome;

  const { token, scadeIl } = emettiToken(tx, { userId, tipo: "invito", creatoDa, adesso });
  const link = linkAssoluto(percorsoInvito(token), base);
  const dove = nomeEnte ? `Bilancio Sociale — ${nomeEnte}` : "Bilancio Sociale";
  const corpo = [
    `Gentile ${utente.nome},`,
    "",
    `${chiInvita && chiInvita.email !== utente.email ? `${chiInvita.nome} ti ha invitato` : "Sei stato invitato"} a usare ${dove}, lo strumento con cui il Comune scrive, rivede e pubblica il suo Bilancio Sociale.`,
    "",
    "Per attivare il tuo account scegli la tua password da questo indirizzo:",
    "",
    link,
    "",
    `Il collegamento vale una sola volta e scade il ${formatDataOra(scadeIl)}. Il tuo nome utente è ${utente.email}.`,
    "Se non ti aspettavi questo messaggio, puoi ignorarlo.",
  ].join("\n");
  tx.insert(mailOutbox).values({ destinatario: utente.email, oggetto: "[Bilancio Sociale] Invito: scegli la tua password", corpo }).run();
  registra(tx, {
    userId: creatoDa,
    attore: chiInvita?.email ?? null,
    azione: "utente.invito",
    dettagli: { scadeIl, utenteId: utente.id, email: utente.email },
  });
  return { scadeIl, link };
}
