import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, editions, mailOutbox, notifications, sections, settori } from "../../db/schema";
import { importaPacchetto } from "../edition-package/import";
import { giornoDopo, oggiRoma } from "../numbers/calendario";
import { promemoriaScadenze } from "./reminders";

// 28 December 2026, 10:00 in Rome.
const ADESSO = new Date("2026-12-28T09:00:00.000Z");

function prepara() {
  const db = memoryDb();
  const esito = importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
  if (!esito.ok) throw new Error("import non riuscito");
  const settore = (c: string) => db.select().from(settori).where(eq(settori.codice, c)).get()!.id;
  db.$client.exec(
    "INSERT INTO users (id, email, nome, password_hash, attivo) VALUES (1, 'cultura1@x.it', 'Cultura Uno', 'x', 1), (2, 'cultura2@x.it', 'Cultura Due', 'x', 1), (3, 'istruzione@x.it', 'Istruzione', 'x', 1), (4, 'coord@x.it', 'Coord', 'x', 1), (5, 'ex@x.it', 'Ex referente', 'x', 0)",
  );
  db.$client.exec(
    `INSERT INTO role_memberships (user_id, ruolo, settore_id) VALUES (1, 'referente', ${settore("cultura")}), (2, 'referente', ${settore("cultura")}), (3, 'referente', ${settore("istruzione")}), (4, 'coordinatore', NULL), (5, 'referente', ${settore("cultura")})`,
  );
  // No demo section has a deadline: start from none.
  db.update(sections).set({ scadenza: null }).run();
  const sezioneDi = (c: string) => db.select().from(sections).where(eq(sections.settoreId, settore(c))).all()[0];
  const imposta = (id: number, campi: Partial<typeof sections.$inferInsert>) => db.update(sections).set(campi).where(eq(sections.id, id)).run();
  const notificheDi = (userId: number) => db.select().from(notifications).where(eq(notifications.userId, userId)).all();
  return { db, sezioneDi, imposta, notificheDi };
}

describe("promemoriaScadenze", () => {
  it("avvisa i referenti attivi del settore, in app e per posta, con una riga nel registro", () => {
    const { db, sezioneDi, imposta, notificheDi } = prepara();
    const s = sezioneDi("cultura");
    imposta(s.id, { scadenza: "2026-12-31", stato: "bozza" });

    expect(promemoriaScadenze(db, ADESSO)).toEqual({ sezioni: 1, avvisi: 2 });
    const testo = `Scadenza il 31/12/2026: «${s.titolo}»`;
    for (const u of [1, 2]) expect(notificheDi(u)).toMatchObject([{ testo, link: `/sezioni/${s.id}`, letta: false }]);
    expect(notificheDi(3)).toEqual([]);
    expect(notificheDi(4)).toEqual([]);
    expect(notificheDi(5)).toEqual([]); // not active

    const posta = db.select().from(mailOutbox).all();
    expect(posta.map((m) => m.destinatario).sort()).toEqual(["cultura1@x.it", "cultura2@x.it"]);
    expect(posta[0].oggetto).toBe(`[Bilancio Sociale] ${testo}`);
    expect(posta[0].corpo).toContain("è ancora in bozza");

    const audit = db.select().from(auditLog).where(eq(auditLog.azione, "promemoria.scadenza")).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ sectionId: s.id, settoreId: s.settoreId, editionId: s.editionId });
    expect(audit[0].dettagli).toMatchObject({ scadenza: "2026-12-31", superata: false, destinatari: [1, 2] });
  });

  it("avvisa una volta sola per sezione e scadenza, anche se eseguito più volte", () => {
    const { db, sezioneDi, imposta, notificheDi } = prepara();
    const s = sezioneDi("cultura");
    imposta(s.id, { scadenza: "2026-12-30" });
    promemoriaScadenze(db, ADESSO);
    expect(promemoriaScadenze(db, ADESSO)).toEqual({ sezioni: 0, avvisi: 0 });
    expect(promemoriaScadenze(db, new Date(ADESSO.getTime() + 3600_000))).toEqual({ sezioni: 0, avvisi: 0 });
    expect(notificheDi(1)).toHaveLength(1);
    expect(db.select().from(auditLog).where(eq(auditLog.azione, "promemoria.scadenza")).all()).toHaveLength(1);
    // Read or not, it is not repeated.
    db.update(notifications).set({ letta: true }).run();
    expect(promemoriaScadenze(db, ADESSO).avvisi).toBe(0);
  });

  it("una scadenza superata dà un nuovo avviso; una scadenza spostata anche", () => {
    const { db, sezioneDi, imposta, notificheDi } = prepara();
    const s = sezioneDi("cultura");
    imposta(s.id, { scadenza: "2026-12-29", stato: "da_rivedere" });
    promemoriaScadenze(db, ADESSO);
    const dopo = new Date("2026-12-30T08:00:00.000Z");
    expect(promemoriaScadenze(db, dopo)).toEqual({ sezioni: 1, avvisi: 2 });
    expect(notificheDi(1).map((n) => n.testo)).toEqual([`Scadenza il 29/12/2026: «${s.titolo}»`, `Scadenza superata il 29/12/2026: «${s.titolo}»`]);
    expect(db.select().from(mailOutbox).all().at(-1)!.corpo).toContain("attende le correzioni");

    imposta(s.id, { scadenza: "2027-01-02" });
    expect(promemoriaScadenze(db, dopo).avvisi).toBe(2);
    expect(notificheDi(1).at(-1)!.testo).toBe(`Scadenza il 02/01/2027: «${s.titolo}»`);
  });

  it("ignora sezioni lontane dalla scadenza, inviate o approvate, senza referenti o di edizioni non in preparazione", () => {
    const { db, sezioneDi, imposta } = prepara();
    imposta(sezioneDi("cultura").id, { scadenza: "2027-01-01" }); // 4 days away: beyond 3
    imposta(sezioneDi("istruzione").id, { scadenza: "2026-12-29", stato: "inviata" });
    imposta(sezioneDi("welfare").id, { scadenza: "2026-12-29" }); // nobody is referente of welfare
    expect(promemoriaScadenze(db, ADESSO)).toEqual({ sezioni: 0, avvisi: 0 });
    expect(promemoriaScadenze(db, ADESSO, 4)).toEqual({ sezioni: 1, avvisi: 2 });

    imposta(sezioneDi("istruzione").id, { stato: "bozza" });
    db.update(editions).set({ stato: "in_firma", inviataFirmaDa: 4 }).run();
    expect(promemoriaScadenze(db, ADESSO)).toEqual({ sezioni: 0, avvisi: 0 });
    expect(db.select().from(auditLog).where(eq(auditLog.azione, "promemoria.scadenza")).all()).toHaveLength(1);
  });

  it("conta i giorni in ora italiana", () => {
    expect(oggiRoma(new Date("2026-12-31T23:30:00.000Z"))).toBe("2027-01-01");
    expect(oggiRoma(new Date("2026-07-01T21:59:00.000Z"))).toBe("2026-07-01");
    expect(oggiRoma(new Date("2026-07-01T22:00:00.000Z"))).toBe("2026-07-02");
    expect(giornoDopo("2026-12-30", 3)).toBe("2027-01-02");
    expect(giornoDopo("2028-02-28")).toBe("2028-02-29");
  });
});
