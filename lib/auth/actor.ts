/**
 * Loads who is acting from the database on every request and action: a role
 * removed or a user deactivated takes effect at once, whatever the session says.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { roleMemberships, settori, users } from "../../db/schema";
import type { Attore } from "../policy";
import type { Ruolo } from "../ruoli";

export interface Utente {
  id: number;
  email: string;
  nome: string;
  attore: Attore;
  /** Roles with the settore's name, for the UI. */
  ruoli: { ruolo: Ruolo; settoreId: number | null; settoreNome: string | null }[];
}

export function caricaUtente(db: Db, userId: number): Utente | null {
  const u = db.select().from(users).where(eq(users.id, userId)).get();
  if (!u || !u.attivo) return null;
  const ruoli = db
    .select({ ruolo: roleMemberships.ruolo, settoreId: roleMemberships.settoreId, settoreNome: settori.nome })
    .from(roleMemberships)
    .leftJoin(settori, eq(settori.id, roleMemberships.settoreId))
    .where(eq(roleMemberships.userId, userId))
    .all();
  return {
    id: u.id,
    email: u.email,
    nome: u.nome,
    ruoli,
    attore: { userId: u.id, ruoli: ruoli.map((r) => ({ ruolo: r.ruolo, settoreId: r.settoreId })) },
  };
}
