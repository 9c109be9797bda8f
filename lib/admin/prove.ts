/** Shared set-up of the admin services' unit tests: the demo package, four people, optionally a published edition and the next one. */
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { memoryDb } from "../../db/memory";
import { auditLog, roleMemberships, settori, users } from "../../db/schema";
import { importaPacchetto } from "../edition-package/import";
import { avviaNuovaEdizione } from "../editions/carry-forward";
import type { Attore } from "../policy";
import { pubblicaAMano } from "../publication/prova-pubblicata";
import type { Chi } from "../servizio";

const chi = (userId: number, email: string, ruoli: Attore["ruoli"]): Chi => ({ userId, email, attore: { userId, ruoli } });

export function prepara({ pubblicata = false } = {}) {
  const db = memoryDb();
  const r = importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
  if (!r.ok) throw new Error("import del pacchetto demo");
  const settore = (codice: string) => db.select().from(settori).where(eq(settori.codice, codice)).get()!.id;
  const cultura = settore("cultura");
  db.insert(users).values([
    { id: 1, email: "admin@x.it", nome: "Paolo Ferrari", passwordHash: "hash" },
    { id: 2, email: "coord@x.it", nome: "Giulia Rossi", passwordHash: "hash" },
    { id: 3, email: "cultura@x.it", nome: "Luca Bassi", passwordHash: "hash" },
    { id: 4, email: "lettore@x.it", nome: "Francesca Ponzoni", passwordHash: "hash" },
  ]).run();
  // The amministratore's own role as `npm run setup` gives it (no granter); every other granted by them.
  db.insert(roleMemberships).values({ userId: 1, ruolo: "amministratore" }).run();
  db.insert(roleMemberships).values([
    { userId: 2, ruolo: "coordinatore", concessoDa: 1 },
    { userId: 3, ruolo: "referente", settoreId: cultura, concessoDa: 1 },
    { userId: 4, ruolo: "lettore", concessoDa: 1 },
  ]).run();
  const admin = chi(1, "admin@x.it", [{ ruolo: "amministratore", settoreId: null }]);
  const coord = chi(2, "coord@x.it", [{ ruolo: "coordinatore", settoreId: null }]);
  const ref = chi(3, "cultura@x.it", [{ ruolo: "referente", settoreId: cultura }]);
  const lettore = chi(4, "lettore@x.it", [{ ruolo: "lettore", settoreId: null }]);

  let prossimaId: number | null = null;
  if (pubblicata) {
    // 2014–2016 signed and published by hand (the database checks each link), then 2017–2019 carried forward.
    // Only an active Assessore signs (drizzle/0006).
    db.insert(users).values({ id: 5, email: "assessore@x.it", nome: "Rosita Viola", passwordHash: "hash" }).run();
    db.insert(roleMemberships).values({ userId: 5, ruolo: "assessore", concessoDa: 1 }).run();
    pubblicaAMano(db, r.editionId, "2014-2016", 5);
    const n = avviaNuovaEdizione(db, coord, { da: "2014-2016", slug: "2017-2019", titolo: "Bilancio Sociale 2017–2019", annoInizio: 2017, annoFine: 2019 });
    if (!n.ok) throw new Error("nuova edizione");
    prossimaId = n.editionId;
  }
  const righeAudit = () => db.select().from(auditLog).all();
  return { db, admin, coord, ref, lettore, settore, cultura, primaId: r.editionId, prossimaId, righeAudit, nonAmministratori: [coord, ref, lettore] };
}
