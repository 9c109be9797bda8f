/** The demo accounts of DESIGN.md, one per role, all with the same password. */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { roleMemberships, settori, users } from "./schema";
import { hashPassword } from "../lib/auth/password";
import type { Ruolo } from "../lib/ruoli";
import { inTransazione } from "../lib/servizio";

export const UTENTI_DEMO: { email: string; nome: string; ruolo: Ruolo; settore?: string }[] = [
  { email: "amministratore@cremona.example", nome: "Paolo Ferrari", ruolo: "amministratore" },
  { email: "coordinatore@cremona.example", nome: "Giulia Rossi", ruolo: "coordinatore" },
  { email: "cultura@cremona.example", nome: "Luca Bassi", ruolo: "referente", settore: "cultura" },
  { email: "istruzione@cremona.example", nome: "Anna Ghisolfi", ruolo: "referente", settore: "istruzione" },
  { email: "assessore@cremona.example", nome: "Rosita Viola", ruolo: "assessore" },
  { email: "lettore@cremona.example", nome: "Francesca Ponzoni", ruolo: "lettore" },
];

export async function creaUtentiDemo(db: Db, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  inTransazione(db, (tx) => {
    for (const u of UTENTI_DEMO) {
      const userId = Number(tx.insert(users).values({ email: u.email, nome: u.nome, passwordHash }).run().lastInsertRowid);
      const settoreId = u.settore ? tx.select({ id: settori.id }).from(settori).where(eq(settori.codice, u.settore)).get()?.id : null;
      if (u.settore && !settoreId) throw new Error(`Settore demo "${u.settore}" assente`);
      tx.insert(roleMemberships).values({ userId, ruolo: u.ruolo, settoreId: settoreId ?? null }).run();
    }
  });
}
