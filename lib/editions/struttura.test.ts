import { readFileSync } from "node:fs";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { ambiti, ambitoSettori, areas, auditLog, blocks, comments, editions, parts, notifications, revisions, roleMemberships, sections, settori, sezioniRimosse, users } from "../../db/schema";
import { importaPacchetto } from "../edition-package/import";
import type { Chi } from "../servizio";
import {
  aggiungiStruttura,
  codiceDaTitolo,
  codiceLibero,
  modificaStruttura,
  normalizzaPosizioni,
  rimuoviStruttura,
  spostaStruttura,
} from "./struttura";
import { sezioniRimosse as sezioniRimosseDi, strutturaEdizione } from "./queries";

const DEMO = () => JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8"));

function prepara() {
  const db = memoryDb();
  const r = importaPacchetto(db, DEMO(), { userId: null, attore: "test" });
  if (!r.ok) throw new Error("import");
  const cultura = db.select().from(settori).where(eq(settori.codice, "cultura")).get()!.id;
  db.insert(users).values([
    { id: 1, email: "coord@x.it", nome: "Coordinatrice", passwordHash: "x" },
    { id: 3, email: "cultura@x.it", nome: "Referente Cultura", passwordHash: "x" },
  ]).run();
  db.insert(roleMemberships).values([{ userId: 1, ruolo: "coordinatore" }, { userId: 3, ruolo: "referente", settoreId: cultura }]).run();
  const coord: Chi = { userId: 1, email: "coord@x.it", attore: { userId: 1, ruoli: [{ ruolo: "coordinatore", settoreId: null }] } };
  const ref: Chi = { userId: 3, email: "cultura@x.it", attore: { userId: 3, ruoli: [{ ruolo: "referente", settoreId: cultura }] } };
  return { db, coord, ref, editionId: r.editionId, cultura };
}

type DbT = ReturnType<typeof memoryDb>;

/** Every position list of the edition is 0..n-1. */
function controllaDense(db: DbT, editionId: number) {
  const dense = (xs: number[]) => expect([...xs].sort((a, b) => a - b)).toEqual(xs.map((_, i) => i));
  const p = db.select().from(parts).where(eq(parts.editionId, editionId)).all();
  dense(p.map((x) => x.posizione));
  for (const parte of p) {
    const a = db.select().from(areas).where(eq(areas.partId, parte.id)).all();
    dense(a.map((x) => x.posizione));
    for (const area of a) dense(db.select().from(ambiti).where(eq(ambiti.areaId, area.id)).all().map((x) => x.posizione));
  }
  dense(db.select().from(sections).where(eq(sections.editionId, editionId)).all().map((x) => x.posizione));
}

/** Section titles in report order, as the app lists them. */
const ordineSezioni = (db: DbT, editionId: number) =>
  db.select({ t: sections.titolo }).from(sections).where(eq(sections.editionId, editionId)).orderBy(asc(sections.posizione)).all().map((r) => r.t);

const partId = (db: DbT, editionId: number, codice: string) => db.select().from(parts).where(and(eq(parts.editionId, editionId), eq(parts.codice, codice))).get()!.id;
const areaN = (db: DbT, editionId: number, numero: number) =>
  db.select({ id: areas.id }).from(areas).innerJoin(parts, eq(parts.id, areas.partId)).where(and(eq(parts.editionId, editionId), eq(areas.numero, numero))).get()!.id;
const sezione = (db: DbT, editionId: number, codice: string) => db.select().from(sections).where(and(eq(sections.editionId, editionId), eq(sections.codice, codice))).get()!;

describe("codici", () => {
  it("nascono dal titolo, senza accenti, e prendono un suffisso se occupati", () => {
    expect(codiceDaTitolo("Politiche dell'abitare")).toBe("politiche-dell-abitare");
    expect(codiceDaTitolo("Sicurezza di prossimità")).toBe("sicurezza-di-prossimita");
    expect(codiceDaTitolo("???", "sezione")).toBe("sezione");
    expect(codiceDaTitolo("a".repeat(40) + " " + "b".repeat(40)).length).toBeLessThanOrEqual(60);
    expect(codiceLibero("giovani", new Set(["giovani", "giovani-2"]))).toBe("giovani-3");
    expect(codiceLibero("nuovo", new Set())).toBe("nuovo");
  });
});

describe("struttura di un'edizione in preparazione", () => {
  it("aggiunge parti, aree, ambiti e pagine in fondo, con codici unici e posizioni dense", () => {
    const { db, coord, editionId, cultura } = prepara();
    const p = aggiungiStruttura(db, coord, { elemento: "parte", editionId, titolo: "Identità" });
    expect(p).toMatchObject({ ok: true, codice: "identita-2" });
    const nuovaParte = p.ok ? p.id : 0;
    const pag = aggiungiStruttura(db, coord, { elemento: "sezione", partId: partId(db, editionId, "identita"), titolo: "Giovani", settoreId: cultura });
    // "giovani" is an ambito's section already: the page gets a suffix.
    expect(pag).toMatchObject({ ok: true, codice: "giovani-2" });
    const area = aggiungiStruttura(db, coord, { elemento: "area", partId: nuovaParte, titolo: "Una città nuova" });
    expect(area.ok).toBe(true);
    const numero = db.select().from(areas).where(eq(areas.id, area.ok ? area.id : 0)).get()!.numero;
    expect(numero).toBe(7);
    const amb = aggiungiStruttura(db, coord, { elemento: "ambito", areaId: area.ok ? area.id : 0, titolo: "Biblioteche di quartiere", obiettivo: "Aprire le biblioteche", settoreId: cultura });
    expect(amb).toMatchObject({ ok: true, elemento: "ambito", codice: "biblioteche-di-quartiere" });
    const s = sezione(db, editionId, "biblioteche-di-quartiere");
    expect(s.ambitoId).toBe(amb.ok ? amb.id : 0);
    expect(s.stato).toBe("bozza");
    expect(db.select().from(ambitoSettori).where(eq(ambitoSettori.ambitoId, s.ambitoId!)).all()).toHaveLength(1);
    // The page sits after the other pages of Identità, before the next part.
    const ordine = ordineSezioni(db, editionId);
    expect(ordine.indexOf("Giovani")).toBe(ordine.indexOf("Cremona in rete") + 1);
    expect(ordine.at(-1)).toBe("Biblioteche di quartiere");
    controllaDense(db, editionId);
    const azioni = db.select({ a: auditLog.azione, d: auditLog.dettagli }).from(auditLog).where(eq(auditLog.azione, "struttura.aggiungi")).all();
    expect(azioni.map((x) => (x.d as { elemento: string }).elemento)).toEqual(["parte", "sezione", "area", "ambito"]);
    // The referente of the settore hears of the new ambito at once.
    expect(db.select().from(notifications).where(eq(notifications.userId, 3)).all().map((n) => n.testo)).toContain("Nuova sezione per il tuo settore: «Biblioteche di quartiere»");
    // Empty fields come back with their messages.
    const male = aggiungiStruttura(db, coord, { elemento: "ambito", areaId: area.ok ? area.id : 0, titolo: " ", obiettivo: "", settoreId: cultura });
    expect(male.ok).toBe(false);
    if (!male.ok && male.tipo === "non_valido") expect(male.errori.map((e) => e.campo).sort()).toEqual(["obiettivo", "titolo"]);
  });

  it("sposta su e giù tenendo le posizioni dense, anche l'ordine delle sezioni nel rapporto", () => {
    const { db, coord, editionId } = prepara();
    const a1 = areaN(db, editionId, 1);
    const amb = db.select().from(ambiti).where(eq(ambiti.areaId, a1)).orderBy(asc(ambiti.posizione)).all();
    const r = spostaStruttura(db, coord, { elemento: "ambito", id: amb[0].id, direzione: "giu" });
    expect(r).toMatchObject({ ok: true, da: 0, a: 1 });
    const dopo = db.select().from(ambiti).where(eq(ambiti.areaId, a1)).orderBy(asc(ambiti.posizione)).all();
    expect(dopo.map((x) => x.titolo).slice(0, 2)).toEqual([amb[1].titolo, amb[0].titolo]);
    const ordine = ordineSezioni(db, editionId);
    expect(ordine.indexOf(amb[1].titolo)).toBeLessThan(ordine.indexOf(amb[0].titolo));
    controllaDense(db, editionId);

    // A part and its sections move together; an area too.
    const parti = db.select().from(parts).where(eq(parts.editionId, editionId)).orderBy(asc(parts.posizione)).all();
    expect(spostaStruttura(db, coord, { elemento: "parte", id: parti[1].id, direzione: "su" }).ok).toBe(true);
    expect(sezione(db, editionId, "conosci-popolazione").posizione).toBe(0);
    expect(spostaStruttura(db, coord, { elemento: "area", id: areaN(db, editionId, 6), direzione: "su" }).ok).toBe(true);
    controllaDense(db, editionId);

    // A page moves among its part's pages.
    const pag = sezione(db, editionId, "guida-alla-lettura");
    expect(spostaStruttura(db, coord, { elemento: "sezione", id: pag.id, direzione: "su" }).ok).toBe(true);
    controllaDense(db, editionId);
    // At the edge: refused with a message, nothing moves.
    const primo = spostaStruttura(db, coord, { elemento: "sezione", id: pag.id, direzione: "su" });
    expect(primo).toMatchObject({ ok: false, tipo: "non_valido" });
    const audit = db.select().from(auditLog).where(eq(auditLog.azione, "struttura.sposta")).all();
    expect(audit).toHaveLength(4);
  });

  it("rinomina senza cambiare i codici; l'ambito porta obiettivo, settori in ordine e assessori", () => {
    const { db, coord, editionId, cultura } = prepara();
    const s = sezione(db, editionId, "giovani");
    const istruzione = db.select().from(settori).where(eq(settori.codice, "istruzione")).get()!.id;
    const r = modificaStruttura(db, coord, {
      elemento: "ambito",
      id: s.ambitoId!,
      titolo: "Giovani e futuro",
      obiettivo: "Nuovo obiettivo",
      settori: [String(istruzione), String(cultura)],
      assessori: "Maura Ruggeri\n\n  Gianluca Galimberti ",
    });
    expect(r).toMatchObject({ ok: true, modificati: ["titolo", "obiettivo", "assessori", "settori"] });
    const a = db.select().from(ambiti).where(eq(ambiti.id, s.ambitoId!)).get()!;
    expect(a).toMatchObject({ codice: "giovani", titolo: "Giovani e futuro", obiettivo: "Nuovo obiettivo", assessori: ["Maura Ruggeri", "Gianluca Galimberti"] });
    expect(sezione(db, editionId, "giovani").titolo).toBe("Giovani e futuro");
    const ordine = db.select().from(ambitoSettori).where(eq(ambitoSettori.ambitoId, a.id)).orderBy(asc(ambitoSettori.posizione)).all().map((x) => x.settoreId);
    expect(ordine).toEqual([istruzione, cultura]);
    // An ambito needs at least one settore; area numbers are unique in the edition.
    const senza = modificaStruttura(db, coord, { elemento: "ambito", id: a.id, titolo: "x", obiettivo: "y", settori: [], assessori: [] });
    expect(senza.ok).toBe(false);
    const doppio = modificaStruttura(db, coord, { elemento: "area", id: areaN(db, editionId, 1), titolo: "Area", numero: 2 });
    expect(doppio).toMatchObject({ ok: false, tipo: "non_valido", errori: [{ campo: "numero" }] });
  });

  it("rimuove una sezione con contenuto solo dopo la conferma e ne conserva blocchi e tutte le revisioni", () => {
    const { db, coord, editionId } = prepara();
    const s = sezione(db, editionId, "giovani");
    const nBlocchi = db.select().from(blocks).where(eq(blocks.sectionId, s.id)).all().length;
    expect(nBlocchi).toBeGreaterThan(0);
    db.insert(revisions).values({ sectionId: s.id, numero: 2, contenuto: [{ tipo: "testo" }], motivo: "salvataggio", authorId: 1 }).run();
    const blocco = db.select().from(blocks).where(eq(blocks.sectionId, s.id)).get()!;
    db.insert(comments).values({ sectionId: s.id, blockId: blocco.id, authorId: 1, testo: "Controlla" }).run();

    const prima = rimuoviStruttura(db, coord, { elemento: "ambito", id: s.ambitoId! });
    expect(prima).toMatchObject({ ok: false, tipo: "conferma", blocchi: nBlocchi, revisioni: 2 });
    expect(sezione(db, editionId, "giovani")).toBeDefined();
    // A stale count (content added since) asks again.
    expect(rimuoviStruttura(db, coord, { elemento: "ambito", id: s.ambitoId!, confermaBlocchi: nBlocchi - 1 })).toMatchObject({ tipo: "conferma" });

    const r = rimuoviStruttura(db, coord, { elemento: "ambito", id: s.ambitoId!, confermaBlocchi: nBlocchi });
    expect(r).toMatchObject({ ok: true, elemento: "ambito", blocchi: nBlocchi });
    expect(db.select().from(sections).where(eq(sections.id, s.id)).get()).toBeUndefined();
    expect(db.select().from(ambiti).where(eq(ambiti.id, s.ambitoId!)).get()).toBeUndefined();
    expect(db.select().from(blocks).where(eq(blocks.sectionId, s.id)).all()).toHaveLength(0);
    expect(db.select().from(comments).where(eq(comments.sectionId, s.id)).all()).toHaveLength(0);
    const archivio = db.select().from(sezioniRimosse).where(eq(sezioniRimosse.sectionId, s.id)).get()!;
    expect(archivio).toMatchObject({ codice: "giovani", titolo: s.titolo, settoreId: s.settoreId, rimossaDa: 1, editionId });
    expect((archivio.blocchi as unknown[]).length).toBe(nBlocchi);
    expect((archivio.blocchi as { payload: unknown }[])[0].payload).toEqual(blocco.payload);
    expect((archivio.revisioni as { numero: number }[]).map((x) => x.numero)).toEqual([1, 2]);
    // Readable from the app: the archive page's read model gives the blocks back as blocks.
    const [letta] = sezioniRimosseDi(db, editionId);
    expect(letta).toMatchObject({ codice: "giovani", titolo: s.titolo, illeggibili: 0, rimossaDa: "Coordinatrice" });
    expect(letta.blocchi.map((b) => b.dati)).toEqual((archivio.blocchi as { payload: unknown }[]).map((b) => b.payload));
    expect(letta.revisioni.map((v) => [v.numero, v.motivo])).toEqual([[1, "Importazione"], [2, "Modifiche"]]);
    controllaDense(db, editionId);
    const audit = db.select().from(auditLog).where(eq(auditLog.azione, "struttura.rimuovi")).get()!;
    expect(audit.dettagli).toEqual({ elemento: "ambito", id: s.ambitoId, titolo: s.titolo, blocchi: nBlocchi });
  });

  it("una pagina vuota si rimuove senza conferma; parti e aree non vuote sono rifiutate", () => {
    const { db, coord, editionId, cultura } = prepara();
    const nuova = aggiungiStruttura(db, coord, { elemento: "sezione", partId: partId(db, editionId, "presentazione"), titolo: "Pagina vuota", settoreId: cultura });
    expect(rimuoviStruttura(db, coord, { elemento: "sezione", id: nuova.ok ? nuova.id : 0 })).toMatchObject({ ok: true, blocchi: 0 });
    expect(db.select().from(sezioniRimosse).all()).toHaveLength(1);

    const piena = rimuoviStruttura(db, coord, { elemento: "parte", id: partId(db, editionId, "identita") });
    expect(piena).toMatchObject({ ok: false, tipo: "non_valido" });
    if (!piena.ok && piena.tipo === "non_valido") expect(piena.errori[0].messaggio).toMatch(/contiene ancora 9 pagine: rimuovi prima il contenuto/);
    const area = rimuoviStruttura(db, coord, { elemento: "area", id: areaN(db, editionId, 1) });
    if (!area.ok && area.tipo === "non_valido") expect(area.errori[0].messaggio).toMatch(/contiene ancora 3 ambiti/);
    expect(area.ok).toBe(false);

    // Emptied, they go.
    const vuota = aggiungiStruttura(db, coord, { elemento: "parte", editionId, titolo: "Appendice" });
    const areaVuota = aggiungiStruttura(db, coord, { elemento: "area", partId: vuota.ok ? vuota.id : 0, titolo: "Da togliere" });
    expect(rimuoviStruttura(db, coord, { elemento: "parte", id: vuota.ok ? vuota.id : 0 }).ok).toBe(false);
    expect(rimuoviStruttura(db, coord, { elemento: "area", id: areaVuota.ok ? areaVuota.id : 0 }).ok).toBe(true);
    expect(rimuoviStruttura(db, coord, { elemento: "parte", id: vuota.ok ? vuota.id : 0 }).ok).toBe(true);
    controllaDense(db, editionId);
  });

  it("le posizioni con buchi tornano dense", () => {
    const { db, editionId } = prepara();
    db.update(parts).set({ posizione: 10 }).where(eq(parts.codice, "impegni")).run();
    db.update(sections).set({ posizione: 99 }).where(eq(sections.codice, "presentazione-del-sindaco")).run();
    normalizzaPosizioni(db, editionId);
    controllaDense(db, editionId);
    expect(sezione(db, editionId, "presentazione-del-sindaco").posizione).toBe(1);
  });

  it("rifiuta chi non coordina e le edizioni non in preparazione", () => {
    const { db, coord, ref, editionId, cultura } = prepara();
    const p = partId(db, editionId, "identita");
    expect(aggiungiStruttura(db, ref, { elemento: "sezione", partId: p, titolo: "X", settoreId: cultura })).toMatchObject({ ok: false, tipo: "negato" });
    expect(spostaStruttura(db, ref, { elemento: "parte", id: p, direzione: "giu" })).toMatchObject({ ok: false, tipo: "negato" });
    expect(rimuoviStruttura(db, ref, { elemento: "sezione", id: sezione(db, editionId, "persone").id, confermaBlocchi: 99 })).toMatchObject({ ok: false, tipo: "negato" });
    expect(modificaStruttura(db, ref, { elemento: "parte", id: p, titolo: "Y" })).toMatchObject({ ok: false, tipo: "negato" });

    db.update(editions).set({ stato: "in_firma", inviataFirmaDa: coord.userId }).where(eq(editions.id, editionId)).run();
    const r = aggiungiStruttura(db, coord, { elemento: "parte", editionId, titolo: "Nuova" });
    expect(r).toMatchObject({ ok: false, tipo: "negato", messaggio: "L'edizione non è più in preparazione." });
    expect(spostaStruttura(db, coord, { elemento: "parte", id: p, direzione: "giu" })).toMatchObject({ ok: false, tipo: "negato" });
    expect(rimuoviStruttura(db, coord, { elemento: "sezione", id: sezione(db, editionId, "persone").id, confermaBlocchi: 99 })).toMatchObject({ ok: false, tipo: "negato" });
    expect(db.select().from(auditLog).all().filter((a) => a.azione.startsWith("struttura."))).toHaveLength(0);
  });

  it("il modello di lettura restituisce l'albero in ordine", () => {
    const { db, editionId } = prepara();
    const albero = strutturaEdizione(db, editionId);
    expect(albero.map((p) => p.codice)).toEqual(["presentazione", "identita", "organizzazione", "impegni"]);
    expect(albero[3].aree).toHaveLength(6);
    expect(albero[3].aree[0].ambiti[0]).toMatchObject({ codice: "rilancio-istituzioni-culturali", sezione: { codice: "rilancio-istituzioni-culturali" } });
    expect(albero[3].aree[0].ambiti[0].settori.length).toBe(2);
  });
});
