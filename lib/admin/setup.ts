/**
 * First start without the demo (`npm run setup`): on a database with no users,
 * names the Ente, creates the first amministratore without a password and
 * invites them, so they choose their own password in the browser from a
 * one-time link. Nobody types a password on the command line, and it runs once:
 * as soon as any user exists it refuses.
 */
import "server-only";
import { count, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { ente, roleMemberships, users } from "../../db/schema";
import { registra } from "../audit/registra";
import { invitaConLink } from "../auth/inviti";
import { normalizzaEmail } from "../auth/login";
import { normalizzaIndirizzo } from "../mail/link";
import { erroriDaZod, inTransazione, negato, nonValido, type Esito } from "../servizio";
import { z } from "../zod-it";

const ATTORE = "configurazione iniziale";

export const configurazioneSchema = z.object({
  ente: z.string().trim().min(2, "Scrivi il nome dell'ente, per esempio «Comune di Cremona».").max(200),
  nome: z.string().trim().min(2, "Scrivi il nome e cognome dell'amministratore.").max(200),
  email: z.string().trim().min(1, "Scrivi l'email dell'amministratore.").max(320).email("Email non valida"),
  url: z
    .string()
    .trim()
    .max(500)
    .refine((u) => normalizzaIndirizzo(u) !== null, "Scrivi l'indirizzo pubblico completo, per esempio https://bilancio.comune.example")
    .optional(),
});
export type Configurazione = z.input<typeof configurazioneSchema>;

export const MESSAGGIO_GIA_CONFIGURATO =
  "Il database contiene già degli utenti: la configurazione iniziale si fa una volta sola. Gli altri account si creano dall'amministrazione, nel browser.";

/** True while nobody can sign in: the only time setup may run. */
export function databaseVuoto(db: Db): boolean {
  return db.select({ n: count() }).from(users).get()!.n === 0;
}

export function configuraPrimoAvvio(
  db: Db,
  input: Configurazione,
  adesso = new Date(),
): Esito<{ userId: number; link: string; scadeIl: string; indirizzo: string | null }> {
  const r = configurazioneSchema.safeParse(input);
  if (!r.success) return nonValido(erroriDaZod(r.error.issues));
  const { nome } = r.data;
  const email = normalizzaEmail(r.data.email);
  const indirizzo = normalizzaIndirizzo(r.data.url);
  return inTransazione(db, (tx) => {
    if (tx.select({ n: count() }).from(users).get()!.n > 0) return negato(MESSAGGIO_GIA_CONFIGURATO);
    const esistente = tx.select({ id: ente.id }).from(ente).limit(1).get();
    if (esistente) tx.update(ente).set({ nome: r.data.ente }).where(eq(ente.id, esistente.id)).run();
    else tx.insert(ente).values({ nome: r.data.ente }).run();
    registra(tx, { attore: ATTORE, azione: "ente.configura", dettagli: { nome: r.data.ente } });

    // No password yet (""): nothing verifies against it until the invitation is accepted.
    const userId = Number(tx.insert(users).values({ email, nome, passwordHash: "" }).run().lastInsertRowid);
    tx.insert(roleMemberships).values({ userId, ruolo: "amministratore", settoreId: null }).run();
    registra(tx, { attore: ATTORE, azione: "utente.crea", dettagli: { email, origine: "configurazione" } });
    registra(tx, { attore: ATTORE, azione: "utente.ruolo_aggiungi", dettagli: { ruolo: "amministratore", settoreId: null } });

    const { link, scadeIl } = invitaConLink(tx, { userId, creatoDa: userId, adesso, base: indirizzo ?? undefined });
    return { ok: true, userId, link, scadeIl, indirizzo };
  });
}
