import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, editions, sections, settori } from "../../db/schema";
import type { Chi } from "../servizio";
import { importaPacchetto } from "../edition-package/import";
import type { Attore } from "../policy";
import { impostaScadenza } from "./deadlines";

function prepara() {
  const db = memoryDb();
  const r = importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
  if (!r.ok) throw new Error("import non riuscito");
  db.$client.exec("INSERT INTO users (id, email, nome, password_hash) VALUES (1, 'cultura@x.it', 'Cultura', 'x'), (3, 'coord@x.it', 'Coord', 'x')");
  const settore = db.select().from(settori).where(eq(settori.codice, "cultura")).get()!.id;
  const chi = (userId: number, email: string, ruoli: Attore["ruoli"]): Chi => ({ userId, email, attore: { userId, ruoli } });
  const referente = chi(1, "cultura@x.it", [{ ruolo: "referente", settoreId: settore }]);
  const coordinatore = chi(3, "coord@x.it", [{ ruolo: "coordinatore", settoreId: null }]);
  const sezione = db.select().from(sections).where(eq(sections.codice, "rilancio-istituzioni-culturali")).get()!;
  const leggi = () => db.select().from(sections).where(eq(sections.id, sezione.id)).get()!;
  const audit = () => db.select().from(auditLog).where(eq(auditLog.azione, "sezione.scadenza")).all();
  return { db, editionId: r.editionId, referente, coordinatore, sezione, leggi, audit };
}

describe("impostare la scadenza di una sezione", () => {
  it("il coordinatore la imposta: la versione sale e il registro annota la data vecchia e la nuova", () => {
    const { db, coordinatore, sezione, leggi, audit } = prepara();
    const r = impostaScadenza(db, coordinatore, { sectionId: sezione.id, scadenza: "2017-03-31", version: sezione.version });
    expect(r).toMatchObject({ ok: true, scadenza: "2017-03-31", version: sezione.version + 1 });
    expect(leggi()).toMatchObject({ scadenza: "2017-03-31", version: sezione.version + 1 });
    expect(audit()).toHaveLength(1);
    expect(audit()[0]).toMatchObject({ userId: 3, attore: "coord@x.it", sectionId: sezione.id, settoreId: sezione.settoreId, editionId: sezione.editionId, dettagli: { da: null, a: "2017-03-31" } });

    // Changed again, then removed: each change is one audit row.
    const r2 = impostaScadenza(db, coordinatore, { sectionId: sezione.id, scadenza: "2017-04-15", version: sezione.version + 1 });
    expect(r2.ok).toBe(true);
    const r3 = impostaScadenza(db, coordinatore, { sectionId: sezione.id, scadenza: null, version: sezione.version + 2 });
    expect(r3).toMatchObject({ ok: true, scadenza: null, messaggio: "Scadenza rimossa." });
    expect(audit().map((a) => a.dettagli)).toEqual([
      { da: null, a: "2017-03-31" },
      { da: "2017-03-31", a: "2017-04-15" },
      { da: "2017-04-15", a: null },
    ]);
  });

  it("un referente è respinto e nulla cambia, nemmeno il registro", () => {
    const { db, referente, sezione, leggi, audit } = prepara();
    const r = impostaScadenza(db, referente, { sectionId: sezione.id, scadenza: "2017-03-31", version: sezione.version });
    expect(r).toEqual({ ok: false, tipo: "negato", messaggio: "Solo il coordinamento assegna sezioni e scadenze." });
    expect(leggi()).toMatchObject({ scadenza: null, version: sezione.version });
    expect(audit()).toHaveLength(0);
  });

  it("una versione superata è un conflitto, con la scadenza attuale per decidere", () => {
    const { db, coordinatore, sezione, leggi, audit } = prepara();
    expect(impostaScadenza(db, coordinatore, { sectionId: sezione.id, scadenza: "2017-03-31", version: sezione.version }).ok).toBe(true);
    const r = impostaScadenza(db, coordinatore, { sectionId: sezione.id, scadenza: "2017-05-01", version: sezione.version });
    if (r.ok || r.tipo !== "conflitto") throw new Error("atteso conflitto");
    expect(r.corrente).toEqual({ scadenza: "2017-03-31", version: sezione.version + 1 });
    expect(r.messaggio).toContain("31/03/2017");
    expect(leggi().scadenza).toBe("2017-03-31");
    expect(audit()).toHaveLength(1);
  });

  it("fuori dalla preparazione dell'edizione non si cambiano scadenze", () => {
    const { db, coordinatore, sezione, editionId, audit } = prepara();
    db.update(editions).set({ stato: "in_firma", inviataFirmaDa: coordinatore.userId }).where(eq(editions.id, editionId)).run();
    const r = impostaScadenza(db, coordinatore, { sectionId: sezione.id, scadenza: "2017-03-31", version: sezione.version });
    expect(r).toEqual({ ok: false, tipo: "negato", messaggio: "L'edizione non è più in preparazione." });
    expect(audit()).toHaveLength(0);
  });

  it("una sezione inesistente e una data invariata non scrivono nulla", () => {
    const { db, coordinatore, sezione, leggi, audit } = prepara();
    expect(impostaScadenza(db, coordinatore, { sectionId: 999_999, scadenza: null, version: 1 })).toMatchObject({ ok: false, tipo: "non_trovato" });
    expect(impostaScadenza(db, coordinatore, { sectionId: sezione.id, scadenza: null, version: sezione.version })).toMatchObject({ ok: true, version: sezione.version });
    expect(leggi().version).toBe(sezione.version);
    expect(audit()).toHaveLength(0);
  });
});
