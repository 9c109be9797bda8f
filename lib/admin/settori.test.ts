import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ambiti, ambitoSettori, areas, editions, parts, roleMemberships, sections, settori, users } from "../../db/schema";
import { elencoSettori } from "./queries";
import { prepara } from "./prove";
import { anteprimaUnione, creaSettore, disattivaSettore, riattivaSettore, rinominaSettore, unisciSettori } from "./settori";

type Db = ReturnType<typeof prepara>["db"];

const sezioniDi = (db: Db, settoreId: number, editionId: number) =>
  db.select({ id: sections.id }).from(sections).where(and(eq(sections.settoreId, settoreId), eq(sections.editionId, editionId))).all().map((s) => s.id).sort((a, b) => a - b);

const linkDi = (db: Db, settoreId: number, editionId: number) =>
  db
    .select({ ambitoId: ambitoSettori.ambitoId })
    .from(ambitoSettori)
    .innerJoin(ambiti, eq(ambiti.id, ambitoSettori.ambitoId))
    .innerJoin(areas, eq(areas.id, ambiti.areaId))
    .innerJoin(parts, eq(parts.id, areas.partId))
    .where(and(eq(ambitoSettori.settoreId, settoreId), eq(parts.editionId, editionId)))
    .all()
    .map((l) => l.ambitoId)
    .sort((a, b) => a - b);

describe("creare e rinominare un settore", () => {
  it("il codice è breve, minuscolo e con trattini; unico; il nome non si ripete tra i settori attivi", () => {
    const { db, admin, righeAudit } = prepara();
    expect(creaSettore(db, admin, { codice: "Mobilità Dolce", nome: "Mobilità dolce" })).toMatchObject({ ok: false, errori: [{ campo: "codice", messaggio: expect.stringContaining("trattini") }] });
    expect(creaSettore(db, admin, { codice: "cultura", nome: "Altro" })).toMatchObject({ ok: false, errori: [{ campo: "codice", messaggio: "Esiste già un settore con questo codice." }] });
    expect(creaSettore(db, admin, { codice: "polizia", nome: "polizia locale" })).toMatchObject({ ok: false, errori: [{ campo: "nome" }] });
    const r = creaSettore(db, admin, { codice: " Mobilita-Dolce ", nome: "Ufficio Mobilità dolce" });
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    expect(db.select().from(settori).where(eq(settori.id, r.settoreId)).get()).toMatchObject({ codice: "mobilita-dolce", nome: "Ufficio Mobilità dolce", attivo: true, unitoInId: null });
    expect(righeAudit().at(-1)).toMatchObject({ azione: "settore.crea", settoreId: r.settoreId, dettagli: { codice: "mobilita-dolce", nome: "Ufficio Mobilità dolce" } });

    expect(rinominaSettore(db, admin, { settoreId: r.settoreId, nome: "Ufficio Mobilità sostenibile" })).toEqual({ ok: true });
    expect(righeAudit().at(-1)).toMatchObject({ azione: "settore.modifica", dettagli: { campi: ["nome"], da: "Ufficio Mobilità dolce", a: "Ufficio Mobilità sostenibile" } });
  });

  it("non si rinomina un settore nominato da un'edizione in firma: il testo da firmare non può cambiare", () => {
    const { db, admin, coord, cultura, primaId } = prepara();
    db.update(editions).set({ stato: "in_firma", inviataFirmaDa: coord.userId }).where(eq(editions.id, primaId)).run();
    expect(rinominaSettore(db, admin, { settoreId: cultura, nome: "Cultura e basta" })).toMatchObject({ ok: false, errori: [{ campo: "nome", messaggio: expect.stringContaining("in firma") }] });
  });
});

describe("disattivare un settore", () => {
  it("rifiutato finché ha sezioni in edizioni in preparazione; poi disattivato e riattivato", () => {
    const { db, admin, settore, righeAudit } = prepara();
    expect(disattivaSettore(db, admin, { settoreId: settore("cultura") })).toMatchObject({ ok: false, tipo: "conflitto", messaggio: expect.stringContaining("3 sezioni") });
    const ufficio = settore("progetti-risorse"); // owns no section
    expect(disattivaSettore(db, admin, { settoreId: ufficio })).toEqual({ ok: true });
    expect(elencoSettori(db).find((s) => s.id === ufficio)).toMatchObject({ attivo: false });
    expect(riattivaSettore(db, admin, { settoreId: ufficio })).toEqual({ ok: true });
    expect(righeAudit().slice(-2).map((a) => [a.azione, a.settoreId])).toEqual([["settore.disattiva", ufficio], ["settore.riattiva", ufficio]]);
  });
});

describe("unire due settori", () => {
  it("sezioni, ambiti e referenti dell'edizione in preparazione passano al superstite, i doppioni si fondono, l'edizione pubblicata resta com'era", () => {
    const { db, admin, settore, cultura, primaId, prossimaId, righeAudit } = prepara({ pubblicata: true });
    const da = settore("commercio-turismo");
    // Two referenti of the merged settore: one new to the survivor, one (user 3) already referente there.
    db.insert(users).values({ id: 10, email: "commercio@x.it", nome: "Referente Commercio", passwordHash: "h" }).run();
    db.insert(roleMemberships).values([{ userId: 10, ruolo: "referente", settoreId: da }, { userId: 3, ruolo: "referente", settoreId: da }]).run();

    const sezioniDa = sezioniDi(db, da, prossimaId!);
    const sezioniIn = sezioniDi(db, cultura, prossimaId!);
    const pubblicateDa = sezioniDi(db, da, primaId);
    const linkDa = linkDi(db, da, prossimaId!);
    const linkIn = linkDi(db, cultura, prossimaId!);
    const linkPubblicati = linkDi(db, da, primaId);
    expect(sezioniDa).toHaveLength(1);
    expect(linkDa.filter((a) => linkIn.includes(a))).toHaveLength(2); // ambiti naming both: collapse

    const anteprima = anteprimaUnione(db, admin, { daId: da, inId: cultura });
    expect(anteprima).toMatchObject({ ok: true, anteprima: { sezioni: 1, sezioniPubblicate: 1, ambiti: 1, ambitiDoppi: 2, ruoli: 1, ruoliDoppi: 1 } });
    const auditPrima = righeAudit().length;
    expect(righeAudit()).toHaveLength(auditPrima); // the preview writes nothing

    expect(unisciSettori(db, admin, { daId: da, inId: cultura })).toMatchObject({ ok: true });
    expect(sezioniDi(db, da, prossimaId!)).toEqual([]);
    expect(sezioniDi(db, cultura, prossimaId!)).toEqual([...sezioniIn, ...sezioniDa].sort((a, b) => a - b));
    expect(sezioniDi(db, da, primaId)).toEqual(pubblicateDa);
    expect(linkDi(db, da, prossimaId!)).toEqual([]);
    expect(linkDi(db, cultura, prossimaId!)).toEqual([...new Set([...linkIn, ...linkDa])].sort((a, b) => a - b));
    expect(linkDi(db, da, primaId)).toEqual(linkPubblicati);
    const referentiIn = db.select({ userId: roleMemberships.userId }).from(roleMemberships).where(and(eq(roleMemberships.ruolo, "referente"), eq(roleMemberships.settoreId, cultura))).all().map((r) => r.userId).sort((a, b) => a - b);
    expect(referentiIn).toEqual([3, 10]);
    expect(db.select().from(roleMemberships).where(eq(roleMemberships.settoreId, da)).all()).toEqual([]);
    expect(db.select().from(settori).where(eq(settori.id, da)).get()).toMatchObject({ attivo: false, unitoInId: cultura });
    expect(righeAudit().at(-1)).toMatchObject({ azione: "settore.unisci", userId: admin.userId, settoreId: cultura, dettagli: { daId: da, inId: cultura, sezioni: 1, ruoli: 2, ambiti: 3 } });

    // Done once: the merged settore cannot be merged again nor reactivated.
    expect(unisciSettori(db, admin, { daId: da, inId: cultura })).toMatchObject({ ok: false, tipo: "conflitto" });
    expect(riattivaSettore(db, admin, { settoreId: da })).toMatchObject({ ok: false, tipo: "conflitto" });
  });

  it("rifiutata verso se stesso, verso un settore disattivato e mentre un'edizione che lo nomina è in firma", () => {
    const { db, admin, coord, settore, cultura, prossimaId, righeAudit } = prepara({ pubblicata: true });
    const da = settore("commercio-turismo");
    expect(unisciSettori(db, admin, { daId: da, inId: da })).toMatchObject({ ok: false, errori: [{ campo: "inId" }] });
    disattivaSettore(db, admin, { settoreId: settore("progetti-risorse") });
    expect(unisciSettori(db, admin, { daId: da, inId: settore("progetti-risorse") })).toMatchObject({ ok: false, errori: [{ campo: "inId" }] });
    const prima = righeAudit().length;
    db.update(editions).set({ stato: "in_firma", inviataFirmaDa: coord.userId }).where(eq(editions.id, prossimaId!)).run();
    expect(unisciSettori(db, admin, { daId: da, inId: cultura })).toMatchObject({ ok: false, tipo: "conflitto", messaggio: expect.stringContaining("in firma") });
    expect(sezioniDi(db, da, prossimaId!)).toHaveLength(1);
    expect(righeAudit()).toHaveLength(prima);
  });
});

describe("permessi", () => {
  it("referente, coordinatore e lettore sono respinti da ogni servizio sui settori e nulla cambia", () => {
    const { db, nonAmministratori, settore, cultura, righeAudit } = prepara();
    const prima = righeAudit().length;
    const ufficio = settore("progetti-risorse");
    for (const chi of nonAmministratori) {
      for (const r of [
        creaSettore(db, chi, { codice: "nuovo", nome: "Nuovo" }),
        rinominaSettore(db, chi, { settoreId: cultura, nome: "Altro nome" }),
        disattivaSettore(db, chi, { settoreId: ufficio }),
        riattivaSettore(db, chi, { settoreId: ufficio }),
        anteprimaUnione(db, chi, { daId: ufficio, inId: cultura }),
        unisciSettori(db, chi, { daId: ufficio, inId: cultura }),
      ]) {
        expect(r).toEqual({ ok: false, tipo: "negato", messaggio: "Solo l'amministratore gestisce utenti e settori." });
      }
    }
    expect(righeAudit()).toHaveLength(prima);
    expect(db.select().from(settori).where(eq(settori.id, ufficio)).get()).toMatchObject({ attivo: true, unitoInId: null });
  });
});
