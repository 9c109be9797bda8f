/** The demo accounts of DESIGN.md, one per role, and a referente for every settore that owns a section; all with the same password. */
import { asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { roleMemberships, sections, settori, users } from "./schema";
import { hashPassword } from "../lib/auth/password";
import type { Ruolo } from "../lib/ruoli";
import { inTransazione } from "../lib/servizio";

export const UTENTI_DEMO: AccountDemo[] = [
  { email: "amministratore@cremona.example", nome: "Paolo Ferrari", ruolo: "amministratore" },
  { email: "coordinatore@cremona.example", nome: "Giulia Rossi", ruolo: "coordinatore" },
  { email: "cultura@cremona.example", nome: "Luca Bassi", ruolo: "referente", settore: "cultura" },
  { email: "istruzione@cremona.example", nome: "Anna Ghisolfi", ruolo: "referente", settore: "istruzione" },
  { email: "assessore@cremona.example", nome: "Rosita Viola", ruolo: "assessore" },
  { email: "lettore@cremona.example", nome: "Francesca Ponzoni", ruolo: "lettore" },
];

export interface AccountDemo {
  email: string;
  nome: string;
  ruolo: Ruolo;
  settore?: string;
}

/** "Settore Polizia Locale" → "Polizia Locale": the referente's demo name says whose sections they write. */
const nomeBreve = (nome: string) => nome.replace(/^(Settore|Ufficio) /, "");

/**
 * Creates the six accounts of DESIGN.md, then one referente for every other
 * settore that owns a section (`<codice-settore>@cremona.example`), all with the
 * same password. Returns every account created, for db:reset to print.
 * Each holds one role, so no two are incompatible; every role but the amministratore's
 * own (the first account, as `npm run setup` makes it) is granted by the amministratore,
 * as the database records it (drizzle/0010): the demo's Assessore signs through a grant
 * made by someone else.
 */
export async function creaUtentiDemo(db: Db, password: string): Promise<AccountDemo[]> {
  const passwordHash = await hashPassword(password);
  return inTransazione(db, (tx) => {
    const conReferente = new Set(UTENTI_DEMO.flatMap((u) => (u.settore ? [u.settore] : [])));
    const proprietari = tx
      .selectDistinct({ codice: settori.codice, nome: settori.nome })
      .from(sections)
      .innerJoin(settori, eq(settori.id, sections.settoreId))
      .orderBy(asc(settori.codice))
      .all();
    const referenti: AccountDemo[] = proprietari
      .filter((s) => !conReferente.has(s.codice))
      .map((s) => ({ email: `${s.codice}@cremona.example`, nome: `Referente ${nomeBreve(s.nome)}`, ruolo: "referente", settore: s.codice }));
    const tutti = [...UTENTI_DEMO, ...referenti];
    let amministratore: number | null = null;
    for (const u of tutti) {
      const userId = Number(tx.insert(users).values({ email: u.email, nome: u.nome, passwordHash }).run().lastInsertRowid);
      const settoreId = u.settore ? tx.select({ id: settori.id }).from(settori).where(eq(settori.codice, u.settore)).get()?.id : null;
      if (u.settore && !settoreId) throw new Error(`Settore demo "${u.settore}" assente`);
      tx.insert(roleMemberships).values({ userId, ruolo: u.ruolo, settoreId: settoreId ?? null, concessoDa: amministratore }).run();
      if (u.ruolo === "amministratore") amministratore ??= userId;
    }
    return tutti;
  });
}
