import { readFileSync } from "node:fs";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { ambiti, areas, auditLog, editions, mailOutbox, notifications, parts, roleMemberships, sections, settori, users } from "../../db/schema";
import { importaPacchetto } from "../edition-package/import";
import type { Chi } from "../servizio";
import { assegnaSezioni, sezioniDellInsieme } from "./assegnazioni";
import { sezioniSenzaReferente } from "./queries";

const DEMO = () => JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8"));

function prepara() {
  const db = memoryDb();
  const r = importaPacchetto(db, DEMO(), { userId: null, attore: "test" });
  if (!r.ok) throw new Error("import");
  const id = (codice: string) => db.select().from(settori).where(eq(settori.codice, codice)).get()!.id;
  const cultura = id("cultura");
  const istruzione = id("istruzione");
  db.insert(users).values([
    { id: 1, email: "coord@x.it", nome: "Coordinatrice", passwordHash: "x" },
    { id: 3, email: "cultura@x.it", nome: "Referente Cultura", passwordHash: "x" },
    { id: 4, email: "istruzione@x.it", nome: "Referente Istruzione", passwordHash: "x" },
  ]).run();
  db.insert(roleMemberships).values([
    { userId: 1, ruolo: "coordinatore" },
    { userId: 3, ruolo: "referente", settoreId: cultura },
    { userId: 4, ruolo: "referente", settoreId: istruzione },
  ]).run();
  const coord: Chi = { userId: 1, email: "coord@x.it", attore: { userId: 1, ruoli: [{ ruolo: "coordinatore", settoreId: null }] } };
  const ref: Chi = { userId: 3, email: "cultura@x.it", attore: { userId: 3, ruoli: [{ ruolo: "referente", settoreId: cultura }] } };
  return { db, coord, ref, editionId: r.editionId, cultura, istruzione, id };
}

type DbT = ReturnType<typeof memoryDb>;
const versioni = (db: DbT, editionId: number) => db.select({ id: sections.id, version: sections.version }).from(sections).where(eq(sections.editionId, editionId)).all();
const areaN = (db: DbT, editionId: number, numero: number) =>
  db.select({ id: areas.id }).from(areas).innerJoin(parts, eq(parts.id, areas.partId)).where(and(eq(parts.editionId, editionId), eq(areas.numero, numero))).get()!.id;

describe("assegnazioni e scadenze", () => {
  it("assegna tutte le sezioni di un'area a un settore con una scadenza, e avvisa i referenti", () => {
    const { db, coord, editionId, istruzione, cultura } = prepara();
    const area = areaN(db, editionId, 4);
    const prima = sezioniDellInsieme(db, editionId, { tipo: "area", areaId: area });
    expect(prima.length).toBe(5);
    const r = assegnaSezioni(db, coord, { editionId, insieme: { tipo: "area", areaId: area }, versioni: versioni(db, editionId), settoreId: istruzione, scadenza: "2025-03-31" });
    expect(r).toMatchObject({ ok: true, cambiate: 5, messaggio: "5 sezioni assegnate a Settore Politiche Educative e Istruzione e con scadenza 31/03/2025." });
    const dopo = db.select().from(sections).where(inArray(sections.id, prima.map((s) => s.id))).all();
    expect(dopo.every((s) => s.settoreId === istruzione && s.scadenza === "2025-03-31")).toBe(true);
    expect(dopo.every((s) => s.version === 2)).toBe(true);
    // Others untouched.
    expect(db.select().from(sections).where(and(eq(sections.editionId, editionId), eq(sections.settoreId, istruzione))).all().length).toBeGreaterThanOrEqual(5);

    const assegna = db.select().from(auditLog).where(eq(auditLog.azione, "sezione.assegna")).all();
    expect(assegna).toHaveLength(5);
    expect(assegna[0].dettagli).toMatchObject({ a: istruzione, scadenza: "2025-03-31" });
    expect(db.select().from(auditLog).where(eq(auditLog.azione, "sezione.scadenza")).all()).toHaveLength(5);
    // One notice to the istruzione referente, none to cultura's.
    const n = db.select().from(notifications).all();
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ userId: 4, link: "/settore" });
    expect(n[0].testo).toContain("5 nuove sezioni per il tuo settore");
    const mail = db.select().from(mailOutbox).all();
    expect(mail).toHaveLength(1);
    expect(mail[0].corpo).toContain("Nuova mobilità sostenibile (scadenza 31/03/2025)");
    expect(cultura).not.toBe(istruzione);
  });

  it("per settore e per tutta l'edizione; solo la scadenza cambia solo la scadenza", () => {
    const { db, coord, editionId, cultura, istruzione } = prepara();
    const diCultura = sezioniDellInsieme(db, editionId, { tipo: "settore", settoreId: cultura });
    expect(diCultura.length).toBeGreaterThan(0);
    const r = assegnaSezioni(db, coord, { editionId, insieme: { tipo: "settore", settoreId: cultura }, versioni: versioni(db, editionId), scadenza: "2025-01-15" });
    expect(r).toMatchObject({ ok: true, cambiate: diCultura.length });
    expect(db.select().from(auditLog).where(eq(auditLog.azione, "sezione.assegna")).all()).toHaveLength(0);
    // The settore keeps its sections and is told of the new deadline, once for all of them.
    const avvisi = db.select().from(notifications).all();
    expect(avvisi.map((n) => n.link)).toEqual(avvisi.map(() => "/settore"));
    expect(avvisi.length).toBeGreaterThan(0);
    expect(avvisi[0].testo).toMatch(/^Scadenz[ae] aggiornat[ae]/);
    expect(db.select().from(mailOutbox).all().some((m) => m.corpo.includes("scadenza 15/01/2025"))).toBe(true);
    expect(db.select().from(sections).where(eq(sections.settoreId, cultura)).all().every((s) => s.scadenza === "2025-01-15")).toBe(true);

    const tutte = versioni(db, editionId);
    const e = assegnaSezioni(db, coord, { editionId, insieme: { tipo: "edizione" }, versioni: tutte, scadenza: null });
    expect(e).toMatchObject({ ok: true, cambiate: diCultura.length });
    expect(db.select().from(sections).all().every((s) => s.scadenza === null)).toBe(true);

    // One section alone, to a new settore.
    const una = diCultura[0];
    const v = db.select().from(sections).where(eq(sections.id, una.id)).get()!.version;
    const u = assegnaSezioni(db, coord, { editionId, insieme: { tipo: "sezioni", ids: [una.id] }, versioni: [{ id: una.id, version: v }], settoreId: istruzione });
    expect(u).toMatchObject({ ok: true, cambiate: 1, sezioni: [{ id: una.id, version: v + 1 }] });
    expect(db.select().from(notifications).all().at(-1)!.testo).toBe(`Nuova sezione per il tuo settore: «${una.titolo}»`);
  });

  it("è tutto o niente: una sezione cambiata nel frattempo ferma l'intero insieme", () => {
    const { db, coord, editionId, istruzione } = prepara();
    const area = areaN(db, editionId, 1);
    const viste = versioni(db, editionId);
    const ids = sezioniDellInsieme(db, editionId, { tipo: "area", areaId: area }).map((s) => s.id);
    db.update(sections).set({ version: 5 }).where(eq(sections.id, ids[1])).run();
    const r = assegnaSezioni(db, coord, { editionId, insieme: { tipo: "area", areaId: area }, versioni: viste, settoreId: istruzione });
    expect(r).toMatchObject({ ok: false, tipo: "conflitto", messaggio: expect.stringContaining("non è stato salvato nulla") });
    expect(db.select().from(sections).where(inArray(sections.id, ids)).all().some((s) => s.settoreId === istruzione && s.id !== ids[1] && s.version !== 1)).toBe(false);
    expect(db.select().from(auditLog).where(eq(auditLog.azione, "sezione.assegna")).all()).toHaveLength(0);
    // A new section in the set (not seen) also counts as a change.
    const senzaUna = viste.filter((x) => x.id !== ids[0]);
    const r2 = assegnaSezioni(db, coord, { editionId, insieme: { tipo: "area", areaId: area }, versioni: senzaUna, settoreId: istruzione });
    expect(r2).toMatchObject({ ok: false, tipo: "conflitto" });
  });

  it("rifiuta settori non attivi, referenti ed edizioni non in preparazione", () => {
    const { db, coord, ref, editionId, id } = prepara();
    const sport = id("welfare");
    db.update(settori).set({ attivo: false }).where(eq(settori.id, sport)).run();
    const r = assegnaSezioni(db, coord, { editionId, insieme: { tipo: "edizione" }, versioni: versioni(db, editionId), settoreId: sport });
    expect(r).toMatchObject({ ok: false, tipo: "non_valido", errori: [{ campo: "settoreId" }] });
    const niente = assegnaSezioni(db, coord, { editionId, insieme: { tipo: "edizione" }, versioni: versioni(db, editionId) });
    expect(niente).toMatchObject({ ok: false, tipo: "non_valido", errori: [{ campo: "settoreId", messaggio: "Scegli un settore, una scadenza o entrambi" }] });
    const data = assegnaSezioni(db, coord, { editionId, insieme: { tipo: "edizione" }, versioni: versioni(db, editionId), scadenza: "2025-02-30" });
    expect(data).toMatchObject({ ok: false, tipo: "non_valido", errori: [{ campo: "scadenza" }] });

    const negato = assegnaSezioni(db, ref, { editionId, insieme: { tipo: "edizione" }, versioni: versioni(db, editionId), scadenza: "2025-02-28" });
    expect(negato).toMatchObject({ ok: false, tipo: "negato", messaggio: "Solo il coordinamento assegna sezioni e scadenze." });
    db.update(editions).set({ stato: "firmata" }).where(eq(editions.id, editionId)).run();
    const chiusa = assegnaSezioni(db, coord, { editionId, insieme: { tipo: "edizione" }, versioni: versioni(db, editionId), scadenza: "2025-02-28" });
    expect(chiusa).toMatchObject({ ok: false, tipo: "negato", messaggio: "L'edizione non è più in preparazione." });
    expect(db.select().from(sections).all().every((s) => s.scadenza === null)).toBe(true);
  });

  it("elenca le sezioni dei settori senza un referente attivo", () => {
    const { db, editionId, cultura, istruzione } = prepara();
    const senza = sezioniSenzaReferente(db, editionId);
    const ids = senza.map((g) => g.settoreId);
    expect(ids).not.toContain(cultura);
    expect(ids).not.toContain(istruzione);
    expect(senza.length).toBe(13);
    // A deactivated referente no longer counts.
    db.update(users).set({ attivo: false }).where(eq(users.id, 3)).run();
    const dopo = sezioniSenzaReferente(db, editionId);
    expect(dopo.find((g) => g.settoreId === cultura)!.sezioni.length).toBe(db.select().from(sections).where(eq(sections.settoreId, cultura)).all().length);
    expect(db.select().from(ambiti).all().length).toBe(26);
  });
});
