/**
 * Granting and taking away roles, for the amministratore's services (one person,
 * an import): who grants is recorded on the role and, by the database itself, in
 * the append-only history `storico_ruoli` (drizzle/0010); a removal is written
 * there with its author just before the row goes. Granting or removing a role that
 * prepares, manages or signs (RUOLI_SORVEGLIATI) is told at once to every other
 * amministratore and to the person concerned, in the same transaction.
 * The checks that refuse (one's own account, incompatible roles) are the callers'.
 */
import "server-only";
import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Tx } from "../../db/client";
import { roleMemberships, settori, storicoRuoli, users, type EventoRuolo } from "../../db/schema";
import { registra } from "../audit/registra";
import { conRuolo, notifica } from "../notifications/avvisi";
import { formatDataOra } from "../numbers/format";
import { ETICHETTE_RUOLO, RUOLI_SORVEGLIATI, type Ruolo } from "../ruoli";
import type { Chi } from "../servizio";

export const MESSAGGIO_PROPRI_RUOLI = "Non puoi assegnare o togliere ruoli al tuo account: chiedilo a un altro amministratore.";

/** The roles a person holds now. */
export function ruoliAttuali(tx: Pick<Tx, "select">, userId: number): Ruolo[] {
  return tx.select({ ruolo: roleMemberships.ruolo }).from(roleMemberships).where(eq(roleMemberships.userId, userId)).all().map((r) => r.ruolo);
}

interface Persona {
  id: number;
  email: string;
  nome: string;
}

const autore = (chi: Chi) => ({ userId: chi.userId, attore: chi.email });

/** Grants a role (already checked by the caller); returns the membership's id. */
export function concediRuolo(tx: Tx, chi: Chi, persona: Persona, ruolo: Ruolo, settoreId: number | null): number {
  const membershipId = Number(tx.insert(roleMemberships).values({ userId: persona.id, ruolo, settoreId, concessoDa: chi.userId }).run().lastInsertRowid);
  registra(tx, { ...autore(chi), azione: "utente.ruolo_aggiungi", settoreId, dettagli: { ruolo, settoreId, utenteId: persona.id, email: persona.email } });
  avvisa(tx, chi, persona, ruolo, "concesso");
  return membershipId;
}

/** Takes a role away (already checked by the caller): its removal enters the history with its author. */
export function revocaRuolo(tx: Tx, chi: Chi, persona: Persona, m: typeof roleMemberships.$inferSelect): void {
  tx.insert(storicoRuoli)
    .values({ evento: "revocato", userId: persona.id, ruolo: m.ruolo, settoreId: m.settoreId, attoreId: chi.userId, membershipId: m.id, concessioneId: m.concessioneId })
    .run();
  tx.delete(roleMemberships).where(eq(roleMemberships.id, m.id)).run();
  registra(tx, { ...autore(chi), azione: "utente.ruolo_rimuovi", settoreId: m.settoreId, dettagli: { ruolo: m.ruolo, settoreId: m.settoreId, utenteId: persona.id, email: persona.email } });
  avvisa(tx, chi, persona, m.ruolo, "revocato");
}

function avvisa(tx: Tx, chi: Chi, persona: Persona, ruolo: Ruolo, evento: "concesso" | "revocato"): void {
  if (!RUOLI_SORVEGLIATI.includes(ruolo)) return;
  const chiAgisce = tx.select({ nome: users.nome }).from(users).where(eq(users.id, chi.userId)).get()?.nome ?? chi.email;
  const quando = formatDataOra(new Date().toISOString());
  const etichetta = ETICHETTE_RUOLO[ruolo];
  const fatto = evento === "concesso" ? "ha assegnato il ruolo" : "ha tolto il ruolo";
  const altri = conRuolo(tx, "amministratore").filter((id) => id !== chi.userId && id !== persona.id);
  notifica(tx, {
    userIds: altri,
    oggetto: evento === "concesso" ? `Ruolo «${etichetta}» assegnato a ${persona.nome}` : `Ruolo «${etichetta}» tolto a ${persona.nome}`,
    testo: `Il ${quando} ${chiAgisce} (${chi.email}) ${fatto} «${etichetta}» a ${persona.nome} (${persona.email}). Se non era previsto, controlla la sua scheda e lo storico dei suoi ruoli.`,
    link: `/amministrazione/utenti/${persona.id}`,
  });
  notifica(tx, {
    userIds: [persona.id],
    oggetto: evento === "concesso" ? `Ti è stato assegnato il ruolo «${etichetta}»` : `Ti è stato tolto il ruolo «${etichetta}»`,
    testo: `Il ${quando} ${chiAgisce} (${chi.email}) ${fatto} «${etichetta}» al tuo account. Se non te lo aspettavi, avvisa subito un altro amministratore del Comune.`,
    link: "/profilo",
  });
}

export interface VoceStoricoRuolo {
  id: number;
  at: string;
  evento: EventoRuolo;
  ruolo: Ruolo;
  settore: string | null;
  /** Who acted, by name; null when unknown. */
  attore: string | null;
}

/** A person's role history, newest first. */
export function storicoRuoliDi(tx: Pick<Tx, "select">, userId: number): VoceStoricoRuolo[] {
  const chi = alias(users, "chi");
  return tx
    .select({ id: storicoRuoli.id, at: storicoRuoli.at, evento: storicoRuoli.evento, ruolo: storicoRuoli.ruolo, settore: settori.nome, attore: chi.nome })
    .from(storicoRuoli)
    .leftJoin(settori, eq(settori.id, storicoRuoli.settoreId))
    .leftJoin(chi, eq(chi.id, storicoRuoli.attoreId))
    .where(eq(storicoRuoli.userId, userId))
    .orderBy(desc(storicoRuoli.id))
    .all();
}

