import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { sections, settori } from "../../db/schema";
import { importaPacchetto } from "../edition-package/import";
import { avanzamento } from "./queries";

function prepara() {
  const db = memoryDb();
  const r = importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
  if (!r.ok) throw new Error("import non riuscito");
  const cultura = db.select().from(settori).where(eq(settori.codice, "cultura")).get()!;
  const sezioniCultura = db.select().from(sections).where(eq(sections.settoreId, cultura.id)).all();
  return { db, editionId: r.editionId, cultura, sezioniCultura };
}

describe("avanzamento dell'edizione", () => {
  it("conta le sezioni per stato, per settore e per area", () => {
    const { db, editionId, cultura, sezioniCultura } = prepara();
    expect(sezioniCultura.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = sezioniCultura;
    db.update(sections).set({ stato: "approvata" }).where(eq(sections.id, a.id)).run();
    db.update(sections).set({ stato: "inviata" }).where(eq(sections.id, b.id)).run();
    db.update(sections).set({ stato: "da_rivedere" }).where(eq(sections.id, c.id)).run();

    const av = avanzamento(db, editionId, "2017-03-15");
    const tutte = db.select().from(sections).where(eq(sections.editionId, editionId)).all().length;
    expect(av.totali).toMatchObject({ approvata: 1, inviata: 1, da_rivedere: 1, bozza: tutte - 3, totale: tutte });

    const riga = av.perSettore.find((r) => r.chiave === `settore-${cultura.id}`)!;
    expect(riga.etichetta).toBe(cultura.nome);
    expect(riga.conteggi).toEqual({ bozza: sezioniCultura.length - 3, inviata: 1, da_rivedere: 1, approvata: 1 });
    expect(riga.totale).toBe(sezioniCultura.length);
    expect(riga.percentualeApprovate).toBe(Math.round(100 / sezioniCultura.length));
    // Every section is counted once per grouping.
    expect(av.perSettore.reduce((n, r) => n + r.totale, 0)).toBe(tutte);
    expect(av.perArea.reduce((n, r) => n + r.totale, 0)).toBe(tutte);
    expect(av.perArea.some((r) => r.chiave.startsWith("area-"))).toBe(true);
    expect(av.perArea.some((r) => r.chiave.startsWith("parte-"))).toBe(true);
    expect(av.versioni.get(a.id)).toBe(a.version);
  });

  it("le scadenze superate escludono le sezioni approvate; la prossima scadenza è la più vicina ancora davanti", () => {
    const { db, editionId, cultura, sezioniCultura } = prepara();
    const [a, b, c, d] = sezioniCultura;
    db.update(sections).set({ scadenza: "2017-03-01" }).where(eq(sections.id, a.id)).run(); // scaduta
    db.update(sections).set({ scadenza: "2017-02-01", stato: "approvata" }).where(eq(sections.id, b.id)).run(); // approvata: non conta
    db.update(sections).set({ scadenza: "2017-03-15" }).where(eq(sections.id, c.id)).run(); // oggi: non ancora scaduta
    if (d) db.update(sections).set({ scadenza: "2017-04-30" }).where(eq(sections.id, d.id)).run();

    const av = avanzamento(db, editionId, "2017-03-15");
    const riga = av.perSettore.find((r) => r.chiave === `settore-${cultura.id}`)!;
    expect(riga.scadute).toBe(1);
    expect(riga.prossimaScadenza).toBe("2017-03-15");
    expect(av.totali.scadute).toBe(1);
    expect(av.scadute).toEqual([{ id: a.id, titolo: a.titolo, settoreNome: cultura.nome, scadenza: "2017-03-01", stato: "bozza" }]);

    const altri = av.perSettore.filter((r) => r.chiave !== `settore-${cultura.id}`);
    expect(altri.every((r) => r.scadute === 0 && r.prossimaScadenza === null)).toBe(true);

    // The day after, the section due today is late too.
    const domani = avanzamento(db, editionId, "2017-03-16");
    expect(domani.scadute.map((s) => s.id)).toEqual([a.id, c.id]);
  });

  it("un'edizione senza sezioni dà zero, non errori", () => {
    const { db, editionId } = prepara();
    const av = avanzamento(db, editionId + 999, "2017-03-15");
    expect(av.totali).toMatchObject({ totale: 0, percentualeApprovate: 0, scadute: 0, prossimaScadenza: null });
    expect(av.perSettore).toEqual([]);
  });
});
