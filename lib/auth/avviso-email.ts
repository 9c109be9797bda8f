/**
 * When the email of an account changes, or someone asks to change it, the OLD
 * address is told at once: the new address half hidden, who did it, and whom to
 * warn if it was not the owner. It is the owner's only chance to notice that
 * somebody is taking the account over (a reset mail would then go to the new
 * address).
 */
import "server-only";
import { and, eq, notInArray } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { mailOutbox, roleMemberships, users } from "../../db/schema";
import { formatDataOra } from "../numbers/format";

/** "nuovo.indirizzo@posta.example" → "n***@p***.example": enough for the owner to recognise it, not to write to it. */
export function mascheraEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const locale = at >= 0 ? email.slice(0, at) : email;
  const dominio = at >= 0 ? email.slice(at + 1) : "";
  const punto = dominio.lastIndexOf(".");
  const nome = punto > 0 ? dominio.slice(0, punto) : dominio;
  const finale = punto > 0 ? dominio.slice(punto) : "";
  const m = (s: string) => (s.length === 0 ? "" : `${s[0]}***`);
  return `${m(locale)}@${m(nome)}${finale}`;
}

/** The active amministratori other than `esclusi`, as lines "Nome (email)" a worried owner can write to. */
export function contattiAmministratori(tx: Pick<Tx, "selectDistinct">, esclusi: number[]): string[] {
  const condizioni = [eq(roleMemberships.ruolo, "amministratore"), eq(users.attivo, true)];
  if (esclusi.length) condizioni.push(notInArray(users.id, esclusi));
  return tx
    .selectDistinct({ nome: users.nome, email: users.email })
    .from(roleMemberships)
    .innerJoin(users, eq(users.id, roleMemberships.userId))
    .where(and(...condizioni))
    .orderBy(users.nome)
    .all()
    .map((a) => `- ${a.nome} (${a.email})`);
}

export interface AvvisoVecchioIndirizzo {
  userId: number;
  /** The address the mail goes to: the one being replaced. */
  vecchia: string;
  nome: string;
  nuova: string;
  /** The amministratore who changed it, or null when the owner asked it from their profile. */
  autore: { userId: number; nome: string; email: string } | null;
  adesso?: Date;
}

/** Queues the notice to the old address, in the caller's transaction. */
export function avvisaVecchioIndirizzo(tx: Tx, a: AvvisoVecchioIndirizzo): void {
  const quando = formatDataOra((a.adesso ?? new Date()).toISOString());
  const contatti = contattiAmministratori(tx, [a.userId, ...(a.autore ? [a.autore.userId] : [])]);
  const segnala = contatti.length
    ? ["scrivi subito a un amministratore del Comune:", ...contatti]
    : ["avvisa subito l'ufficio del Comune che gestisce i sistemi informativi."];
  const corpo = a.autore
    ? [
        `Gentile ${a.nome},`,
        "",
        `il ${quando} ${a.autore.nome} (${a.autore.email}), amministratore, ha cambiato l'indirizzo email del tuo account Bilancio Sociale: ora l'account è legato a ${mascheraEmail(a.nuova)}, non più a questo indirizzo.`,
        "Le sessioni aperte con il tuo account sono state chiuse e i collegamenti inviati prima (inviti, reimpostazione della password) non valgono più.",
        "",
        "Se non l'hai chiesto tu, qualcuno potrebbe impadronirsi del tuo account:",
        ...segnala,
      ]
    : [
        `Gentile ${a.nome},`,
        "",
        `il ${quando} dal tuo profilo è stato chiesto di legare il tuo account Bilancio Sociale al nuovo indirizzo ${mascheraEmail(a.nuova)}.`,
        "Il cambio avverrà solo quando sarà aperto il collegamento di conferma inviato a quel nuovo indirizzo; fino ad allora il tuo indirizzo resta questo.",
        "",
        "Se non l'hai chiesto tu, qualcuno conosce la tua password: cambiala subito dal tuo profilo, o con «Password dimenticata?» nella pagina di accesso (la richiesta di cambio non varrà più), e",
        ...segnala,
      ];
  tx.insert(mailOutbox)
    .values({
      destinatario: a.vecchia,
      oggetto: a.autore ? "[Bilancio Sociale] L'email del tuo account è stata cambiata" : "[Bilancio Sociale] Richiesta di cambiare l'email del tuo account",
      corpo: corpo.join("\n"),
    })
    .run();
}

