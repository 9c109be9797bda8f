/**
 * Who may sign, and the signer as the signature records them: the Assessore as
 * they are at that moment (id, name, email), the grant that made them Assessore
 * and who made it, with that person's name then. Later renames change nothing of
 * a signature. The same rules are checked by the database (drizzle/0010) and, for
 * what is already signed, by `npm run verify` (lib/publication/verifica.ts).
 */
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { roleMemberships, storicoRuoli, users } from "../../db/schema";
import { ETICHETTE_RUOLO } from "../ruoli";

export interface Firmatario {
  userId: number;
  firmatario: string;
  firmatarioEmail: string;
  concessioneId: number;
  concessoDa: number;
  concessoDaNome: string;
}

/** The signer's record, or why this person cannot sign this edition (in Italian, for the signing page). */
export function firmatarioAdesso(tx: Pick<Tx, "select">, userId: number, ed: { inviataFirmaDa: number | null }): { ok: true; firmatario: Firmatario } | { ok: false; messaggio: string } {
  const u = tx.select({ nome: users.nome, email: users.email, attivo: users.attivo }).from(users).where(eq(users.id, userId)).get();
  if (!u || !u.attivo) return { ok: false, messaggio: "Solo un Assessore attivo firma l'edizione." };
  const ruoli = tx.select({ ruolo: roleMemberships.ruolo }).from(roleMemberships).where(eq(roleMemberships.userId, userId)).all().map((r) => r.ruolo);
  const incompatibile = ruoli.find((r) => r === "amministratore" || r === "coordinatore");
  if (incompatibile) {
    return { ok: false, messaggio: `Hai anche il ruolo «${ETICHETTE_RUOLO[incompatibile]}»: chi prepara o gestisce l'edizione non la firma. Chiedi a un amministratore di sistemare i tuoi ruoli.` };
  }
  if (ed.inviataFirmaDa === userId) return { ok: false, messaggio: "Hai inviato tu l'edizione alla firma: deve firmarla un'altra persona." };
  const concessione = tx
    .select({ id: storicoRuoli.id, attoreId: storicoRuoli.attoreId })
    .from(roleMemberships)
    .innerJoin(storicoRuoli, eq(storicoRuoli.id, roleMemberships.concessioneId))
    .where(and(eq(roleMemberships.userId, userId), eq(roleMemberships.ruolo, "assessore")))
    .orderBy(asc(roleMemberships.id))
    .get();
  if (!concessione) return { ok: false, messaggio: "Solo un Assessore attivo firma l'edizione." };
  const chiHaConcesso = concessione.attoreId === null || concessione.attoreId === userId ? undefined : tx.select({ nome: users.nome }).from(users).where(eq(users.id, concessione.attoreId)).get();
  if (!chiHaConcesso || concessione.attoreId === null) {
    return {
      ok: false,
      messaggio: "Il tuo ruolo di Assessore non risulta assegnato da un'altra persona: chiedi a un amministratore di toglierlo e assegnartelo di nuovo, poi firma.",
    };
  }
  return {
    ok: true,
    firmatario: { userId, firmatario: u.nome, firmatarioEmail: u.email, concessioneId: concessione.id, concessoDa: concessione.attoreId, concessoDaNome: chiHaConcesso.nome },
  };
}
