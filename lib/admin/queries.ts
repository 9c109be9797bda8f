import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { roleMemberships, settori, users } from "../../db/schema";

export function elencoUtenti(db: Db) {
  const ruoli = db
    .select({ userId: roleMemberships.userId, ruolo: roleMemberships.ruolo, settore: settori.nome })
    .from(roleMemberships)
    .leftJoin(settori, eq(settori.id, roleMemberships.settoreId))
    .all();
  return db
    .select({ id: users.id, email: users.email, nome: users.nome, attivo: users.attivo })
    .from(users)
    .orderBy(asc(users.email))
    .all()
    .map((u) => ({ ...u, ruoli: ruoli.filter((r) => r.userId === u.id) }));
}

export function elencoSettori(db: Db) {
  return db.select().from(settori).orderBy(asc(settori.nome)).all();
}
