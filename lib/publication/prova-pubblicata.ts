/**
 * For unit tests of the integrity checks: the demo package published by hand as
 * 2014–2016 revision 1 (frozen, signed by the Assessore, published: each link is
 * checked by the database), then 2017–2019 carried forward and in preparation.
 */
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { memoryDb } from "../../db/memory";
import { blocks, editions, publications, roleMemberships, sections, signatures, users } from "../../db/schema";
import { importaPacchetto } from "../edition-package/import";
import { avviaNuovaEdizione } from "../editions/carry-forward";
import { firmatarioAdesso } from "../editions/firmatario";
import type { Chi } from "../servizio";
import { sha256 } from "../sha256";
import { serializzaCanonico } from "./canonical";
import { costruisciDati } from "./dati";

export const COORDINATORE = 1;
export const ASSESSORE = 2;
/** Who granted the others their roles (no one signs through a role they gave themselves). */
export const AMMINISTRATORE = 3;

/**
 * Approves every section of an edition, freezes it, has `assessoreId` sign it and
 * publishes it as revision 1, writing the rows directly (each link is still checked
 * by the database's triggers). For tests that need a published edition quickly.
 */
export function pubblicaAMano(db: ReturnType<typeof memoryDb>, editionId: number, slug: string, assessoreId: number): { testo: string; hash: string; firmaId: number } {
  db.update(sections).set({ stato: "approvata" }).where(eq(sections.editionId, editionId)).run();
  const testo = serializzaCanonico(costruisciDati(db, slug, { slug, revisione: 1 })!);
  const hash = sha256(testo);
  db.update(editions).set({ datiJson: testo, sha256: hash, stato: "firmata" }).where(eq(editions.id, editionId)).run();
  // The signer as the app records them (drizzle/0010 checks it): name, email, the grant and its author.
  const f = firmatarioAdesso(db, assessoreId, { inviataFirmaDa: null });
  if (!f.ok) throw new Error(f.messaggio);
  const firmaId = Number(db.insert(signatures).values({ editionId, revisione: 1, ...f.firmatario, sha256: hash }).run().lastInsertRowid);
  db.insert(publications).values({ editionId, revisione: 1, datiJson: testo, sha256: hash, signatureId: firmaId }).run();
  db.update(editions).set({ stato: "pubblicata" }).where(eq(editions.id, editionId)).run();
  return { testo, hash, firmaId };
}

export function edizionePubblicata() {
  const db = memoryDb();
  const r = importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
  if (!r.ok) throw new Error("import del pacchetto demo");
  db.insert(users).values([
    { id: COORDINATORE, email: "coord@x.it", nome: "Giulia Rossi", passwordHash: "h" },
    { id: ASSESSORE, email: "assessore@x.it", nome: "Rosita Viola", passwordHash: "h" },
    { id: AMMINISTRATORE, email: "admin@x.it", nome: "Paolo Ferrari", passwordHash: "h" },
  ]).run();
  db.insert(roleMemberships).values({ userId: AMMINISTRATORE, ruolo: "amministratore" }).run();
  db.insert(roleMemberships).values([
    { userId: COORDINATORE, ruolo: "coordinatore", concessoDa: AMMINISTRATORE },
    { userId: ASSESSORE, ruolo: "assessore", concessoDa: AMMINISTRATORE },
  ]).run();
  const coord: Chi = { userId: COORDINATORE, email: "coord@x.it", attore: { userId: COORDINATORE, ruoli: [{ ruolo: "coordinatore", settoreId: null }] } };

  const { testo, hash, firmaId } = pubblicaAMano(db, r.editionId, "2014-2016", ASSESSORE);

  const n = avviaNuovaEdizione(db, coord, { da: "2014-2016", slug: "2017-2019", titolo: "Bilancio Sociale 2017–2019", annoInizio: 2017, annoFine: 2019 });
  if (!n.ok) throw new Error("nuova edizione");

  /** The first row of `tabella` in an edition, by raw SQL. */
  const primo = (tabella: string, editionId: number): number => {
    const q: Record<string, string> = {
      parts: "SELECT id FROM parts WHERE edition_id = ?",
      areas: "SELECT a.id FROM areas a JOIN parts p ON p.id = a.part_id WHERE p.edition_id = ?",
      ambiti: "SELECT b.id FROM ambiti b JOIN areas a ON a.id = b.area_id JOIN parts p ON p.id = a.part_id WHERE p.edition_id = ?",
      sections: "SELECT id FROM sections WHERE edition_id = ?",
      blocks: "SELECT b.id FROM blocks b JOIN sections s ON s.id = b.section_id WHERE s.edition_id = ?",
      revisions: "SELECT r.id FROM revisions r JOIN sections s ON s.id = r.section_id WHERE s.edition_id = ?",
    };
    const riga = db.$client.prepare(`${q[tabella]} ORDER BY 1 LIMIT 1`).get(editionId) as { id: number } | undefined;
    if (!riga) throw new Error(`nessuna riga di ${tabella} nell'edizione ${editionId}`);
    return riga.id;
  };
  const contaBlocchi = (editionId: number) =>
    db.select({ id: blocks.id }).from(blocks).innerJoin(sections, eq(sections.id, blocks.sectionId)).where(eq(sections.editionId, editionId)).all().length;
  return { db, coord, pubblicataId: r.editionId, bozzaId: n.editionId, testo, hash, firmaId, primo, contaBlocchi };
}
