import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { ambiti, ambitoSettori, auditLog, blocks, editions, notifications, parts, roleMemberships, sections, settori, users } from "../../db/schema";
import { esportaPacchetto } from "../edition-package/export";
import { importaPacchetto } from "../edition-package/import";
import type { Chi } from "../servizio";
import { creaEdizione } from "./crea";

const DEMO_TESTO = readFileSync("db/demo/cremona-2014-2016.json", "utf8");
const DEMO = () => JSON.parse(DEMO_TESTO);

function prepara() {
  const db = memoryDb();
  const r = importaPacchetto(db, DEMO(), { userId: null, attore: "test" });
  if (!r.ok) throw new Error("import");
  db.update(sections).set({ scadenza: "2017-03-31" }).where(eq(sections.editionId, r.editionId)).run();
  const cultura = db.select().from(settori).where(eq(settori.codice, "cultura")).get()!.id;
  db.insert(users).values([
    { id: 1, email: "coord@x.it", nome: "Coordinatrice", passwordHash: "x" },
    { id: 3, email: "cultura@x.it", nome: "Referente Cultura", passwordHash: "x" },
  ]).run();
  db.insert(roleMemberships).values([{ userId: 1, ruolo: "coordinatore" }, { userId: 3, ruolo: "referente", settoreId: cultura }]).run();
  const coord: Chi = { userId: 1, email: "coord@x.it", attore: { userId: 1, ruoli: [{ ruolo: "coordinatore", settoreId: null }] } };
  const ref: Chi = { userId: 3, email: "cultura@x.it", attore: { userId: 3, ruoli: [{ ruolo: "referente", settoreId: cultura }] } };
  return { db, coord, ref, origineId: r.editionId };
}

const conteggio = (db: ReturnType<typeof memoryDb>) => ({
  edizioni: db.select().from(editions).all().length,
  sezioni: db.select().from(sections).all().length,
  blocchi: db.select().from(blocks).all().length,
  settori: db.select().from(settori).all().length,
  audit: db.select().from(auditLog).all().length,
});

describe("nuova edizione", () => {
  it("vuota: solo l'edizione, con la riga di registro che dice l'origine", () => {
    const { db, coord } = prepara();
    const r = creaEdizione(db, coord, { origine: "vuota", titolo: "Bilancio Sociale 2020–2022", slug: "2020-2022", annoInizio: "2020", annoFine: "2022" });
    expect(r).toMatchObject({ ok: true, slug: "2020-2022", sezioni: 0 });
    const ed = db.select().from(editions).where(eq(editions.slug, "2020-2022")).get()!;
    expect(ed).toMatchObject({ stato: "in_preparazione", annoInizio: 2020, annoFine: 2022, basataSuId: null });
    expect(db.select().from(parts).where(eq(parts.editionId, ed.id)).all()).toHaveLength(0);
    const a = db.select().from(auditLog).where(eq(auditLog.azione, "edizione.crea")).get()!;
    expect(a).toMatchObject({ editionId: ed.id, attore: "coord@x.it" });
    expect(a.dettagli).toMatchObject({ slug: "2020-2022", origine: "vuota" });
  });

  it("da un modello: parti, aree, ambiti e sezioni con titoli e settori, senza blocchi né scadenze", () => {
    const { db, coord, origineId } = prepara();
    const r = creaEdizione(db, coord, { origine: "modello", modello: "2014-2016", titolo: "Bilancio Sociale 2020–2022", slug: "2020-2022", annoInizio: 2020, annoFine: 2022 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const prima = esportaPacchetto(db, "2014-2016")!;
    const dopo = esportaPacchetto(db, "2020-2022")!;
    expect(dopo.edizione).toMatchObject({ slug: "2020-2022", titolo: "Bilancio Sociale 2020–2022", annoInizio: 2020, annoFine: 2022, stato: "in_preparazione" });
    // Same structure, same titles and owners; no content.
    const forma = (p: typeof prima) =>
      p.parti.map((parte) => ({
        codice: parte.codice,
        titolo: parte.titolo,
        pagine: parte.sezioni.map((s) => [s.codice, s.titolo, s.settore]),
        aree: parte.aree.map((a) => ({ n: a.numero, t: a.titolo, ambiti: a.ambiti.map((b) => [b.codice, b.titolo, b.obiettivo, b.settori, b.assessori, b.sezione.settore]) })),
      }));
    expect(forma(dopo)).toEqual(forma(prima));
    const sezioni = db.select().from(sections).where(eq(sections.editionId, r.editionId)).all();
    expect(sezioni.length).toBe(db.select().from(sections).where(eq(sections.editionId, origineId)).all().length);
    expect(sezioni.every((s) => s.stato === "bozza" && s.scadenza === null)).toBe(true);
    expect(db.select().from(blocks).all().filter((b) => sezioni.some((s) => s.id === b.sectionId))).toHaveLength(0);
    expect(r.blocchi).toBe(0);
    expect(db.select().from(auditLog).where(eq(auditLog.azione, "edizione.crea")).get()!.dettagli).toMatchObject({ origine: "modello:2014-2016" });
    // The template itself is untouched.
    expect(db.select().from(ambiti).all().length).toBe(2 * 26);
    expect(db.select().from(ambitoSettori).all().length % 2).toBe(0);
  });

  it("controlla titolo, anni e indirizzo, accanto ai campi", () => {
    const { db, coord } = prepara();
    const r = creaEdizione(db, coord, { origine: "vuota", titolo: "", slug: "Non Va!", annoInizio: "2022", annoFine: "2020" });
    expect(r.ok).toBe(false);
    if (r.ok || r.tipo !== "non_valido") throw new Error("atteso non_valido");
    expect(Object.fromEntries(r.errori.map((e) => [e.campo, e.messaggio]))).toMatchObject({
      titolo: expect.stringContaining("Indica il titolo"),
      slug: expect.stringContaining("minuscole"),
      annoFine: "L'anno finale non può precedere quello iniziale",
    });
    const lungo = creaEdizione(db, coord, { origine: "vuota", titolo: "X", slug: "x", annoInizio: "1800", annoFine: "2050" });
    if (!lungo.ok && lungo.tipo === "non_valido") expect(lungo.errori.map((e) => e.campo)).toContain("annoInizio");
    const esistente = creaEdizione(db, coord, { origine: "vuota", titolo: "X", slug: "2014-2016", annoInizio: 2014, annoFine: 2016 });
    expect(esistente).toMatchObject({ ok: false, errori: [{ campo: "slug", messaggio: expect.stringContaining("Esiste già") }] });
    const riservato = creaEdizione(db, coord, { origine: "vuota", titolo: "X", slug: "nuova", annoInizio: 2014, annoFine: 2016 });
    expect(riservato).toMatchObject({ ok: false, errori: [{ campo: "slug" }] });
    const senzaModello = creaEdizione(db, coord, { origine: "modello", titolo: "X", slug: "x", annoInizio: 2014, annoFine: 2016 });
    expect(senzaModello).toMatchObject({ ok: false, errori: [{ campo: "modello" }] });
  });

  it("da un pacchetto: stessa validazione dell'importazione, i campi del modulo prevalgono", () => {
    const { db, coord } = prepara();
    const r = creaEdizione(db, coord, { origine: "pacchetto", titolo: "Il mio titolo", slug: "caricata", pacchetto: { nome: "cremona.json", testo: DEMO_TESTO } });
    expect(r).toMatchObject({ ok: true, slug: "caricata" });
    if (!r.ok) return;
    const ed = db.select().from(editions).where(eq(editions.id, r.editionId)).get()!;
    // Title and address from the form, years from the package.
    expect(ed).toMatchObject({ titolo: "Il mio titolo", slug: "caricata", annoInizio: 2014, annoFine: 2016 });
    expect(r.blocchi).toBeGreaterThan(100);
    expect(db.select().from(auditLog).where(eq(auditLog.azione, "edizione.crea")).get()!.dettagli).toMatchObject({ origine: "pacchetto:cremona.json", slug: "caricata" });
    // Left empty, the package's own address is used: here it is taken.
    const stesso = creaEdizione(db, coord, { origine: "pacchetto", pacchetto: { nome: "cremona.json", testo: DEMO_TESTO } });
    expect(stesso).toMatchObject({ ok: false, errori: [{ campo: "slug", messaggio: expect.stringContaining("indicato nel pacchetto") }] });
  });

  it("un pacchetto con errori è rifiutato tutto, con i percorsi JSON, e non scrive nulla", () => {
    const { db, coord } = prepara();
    const prima = conteggio(db);
    const p = DEMO();
    p.settori.push({ codice: "Nuovo Settore", nome: "" });
    p.parti[3].aree[0].ambiti[1].sezione.blocchi[0].tipo = "sconosciuto";
    p.parti[1].sezioni[0].settore = "inesistente";
    const r = creaEdizione(db, coord, { origine: "pacchetto", slug: "rotto", titolo: "Rotto", pacchetto: { nome: "rotto.json", testo: JSON.stringify(p) } });
    expect(r.ok).toBe(false);
    if (r.ok || !("erroriPacchetto" in r)) throw new Error("atteso un rifiuto del pacchetto");
    const percorsi = r.erroriPacchetto.map((e) => e.percorso);
    expect(percorsi).toContain("$.settori[16].codice");
    expect(percorsi).toContain("$.settori[16].nome");
    expect(percorsi.some((x) => x.startsWith("$.parti[3].aree[0].ambiti[1].sezione.blocchi[0]"))).toBe(true);
    expect(r.errori[0]).toMatchObject({ campo: "pacchetto", messaggio: expect.stringContaining("Non è stato scritto nulla") });
    expect(conteggio(db)).toEqual(prima);

    const nonJson = creaEdizione(db, coord, { origine: "pacchetto", pacchetto: { nome: "x.json", testo: "{ non json" } });
    expect(nonJson).toMatchObject({ ok: false, erroriPacchetto: [{ percorso: "$", messaggio: expect.stringContaining("non è JSON valido") }] });
    // A file cannot claim a signature or a publication.
    const firmato = DEMO();
    firmato.edizione.stato = "pubblicata";
    const f = creaEdizione(db, coord, { origine: "pacchetto", slug: "firmato", pacchetto: { nome: "f.json", testo: JSON.stringify(firmato) } });
    expect(f).toMatchObject({ ok: false, erroriPacchetto: [{ percorso: "$.edizione.stato" }] });
    // Too large.
    const grande = creaEdizione(db, coord, { origine: "pacchetto", pacchetto: { nome: "g.json", testo: " ".repeat(4 * 1024 * 1024 + 1) } });
    expect(grande).toMatchObject({ ok: false, tipo: "non_valido", errori: [{ campo: "pacchetto.testo" }] });
    expect(conteggio(db)).toEqual(prima);
  });

  it("un pacchetto nomina solo settori del Comune, attivi: né nuovi, né disattivati, né uniti ad altri", () => {
    const { db, coord } = prepara();
    db.update(settori).set({ attivo: false }).where(eq(settori.codice, "polizia-locale")).run();
    const cultura = db.select().from(settori).where(eq(settori.codice, "cultura")).get()!;
    db.update(settori).set({ unitoInId: cultura.id, attivo: false }).where(eq(settori.codice, "commercio-turismo")).run();
    const p = DEMO();
    p.settori.push({ codice: "protezione-civile", nome: "Protezione civile" });
    const prima = conteggio(db);
    const r = creaEdizione(db, coord, { origine: "pacchetto", slug: "altri-settori", pacchetto: { nome: "p.json", testo: JSON.stringify(p) } });
    if (r.ok || !("erroriPacchetto" in r)) throw new Error("atteso un rifiuto del pacchetto");
    const indice = (codice: string) => p.settori.findIndex((s: { codice: string }) => s.codice === codice);
    expect(r.erroriPacchetto).toEqual([
      { percorso: `$.settori[${indice("polizia-locale")}].codice`, messaggio: expect.stringContaining("è disattivato") },
      { percorso: `$.settori[${indice("commercio-turismo")}].codice`, messaggio: expect.stringContaining(`usa il codice «cultura»`) },
      { percorso: `$.settori[${indice("protezione-civile")}].codice`, messaggio: expect.stringContaining("non è tra i settori del Comune") },
    ].sort((a, b) => a.percorso.localeCompare(b.percorso, "en", { numeric: true })));
    expect(conteggio(db)).toEqual(prima);
  });

  it("da un modello le sezioni di un settore unito passano al superstite; i referenti dei settori ricevono l'avviso", () => {
    const { db, coord } = prepara();
    const cultura = db.select().from(settori).where(eq(settori.codice, "cultura")).get()!;
    const turismo = db.select().from(settori).where(eq(settori.codice, "commercio-turismo")).get()!;
    const diTurismo = db.select().from(sections).where(eq(sections.settoreId, turismo.id)).all().length;
    expect(diTurismo).toBeGreaterThan(0);
    db.update(settori).set({ unitoInId: cultura.id, attivo: false }).where(eq(settori.id, turismo.id)).run();
    const r = creaEdizione(db, coord, { origine: "modello", modello: "2014-2016", titolo: "Modello", slug: "modello-unito", annoInizio: 2017, annoFine: 2019 });
    if (!r.ok) throw new Error(r.messaggio);
    const nuove = db.select().from(sections).where(eq(sections.editionId, r.editionId)).all();
    expect(nuove.filter((s) => s.settoreId === turismo.id)).toHaveLength(0);
    const avvisi = db.select().from(notifications).where(eq(notifications.userId, 3)).all();
    expect(avvisi.map((n) => n.testo)).toContain("È iniziata la preparazione di «Modello»");
  });

  it("le unioni in catena portano all'ultimo superstite, nel modello e nel messaggio del pacchetto", () => {
    const { db, coord } = prepara();
    const id = (codice: string) => db.select().from(settori).where(eq(settori.codice, codice)).get()!.id;
    // commercio-turismo → polizia-locale → cultura
    db.update(settori).set({ unitoInId: id("polizia-locale"), attivo: false }).where(eq(settori.codice, "commercio-turismo")).run();
    db.update(settori).set({ unitoInId: id("cultura"), attivo: false }).where(eq(settori.codice, "polizia-locale")).run();
    const r = creaEdizione(db, coord, { origine: "modello", modello: "2014-2016", titolo: "Catena", slug: "catena", annoInizio: 2017, annoFine: 2019 });
    if (!r.ok) throw new Error(r.messaggio);
    const usati = new Set(db.select({ settoreId: sections.settoreId }).from(sections).where(eq(sections.editionId, r.editionId)).all().map((s) => s.settoreId));
    expect(usati.has(id("cultura"))).toBe(true);
    expect(usati.has(id("commercio-turismo")) || usati.has(id("polizia-locale"))).toBe(false);
    const p = DEMO();
    const rifiuto = creaEdizione(db, coord, { origine: "pacchetto", slug: "catena-pacchetto", pacchetto: { nome: "p.json", testo: JSON.stringify(p) } });
    if (rifiuto.ok || !("erroriPacchetto" in rifiuto)) throw new Error("atteso un rifiuto del pacchetto");
    const i = p.settori.findIndex((s: { codice: string }) => s.codice === "commercio-turismo");
    expect(rifiuto.erroriPacchetto).toContainEqual({ percorso: `$.settori[${i}].codice`, messaggio: expect.stringContaining("usa il codice «cultura»") });
  });

  it("solo il coordinamento crea edizioni", () => {
    const { db, ref } = prepara();
    const prima = conteggio(db);
    const r = creaEdizione(db, ref, { origine: "vuota", titolo: "X", slug: "x", annoInizio: 2020, annoFine: 2022 });
    expect(r).toMatchObject({ ok: false, tipo: "negato", messaggio: "Solo il coordinamento crea le edizioni." });
    expect(conteggio(db)).toEqual(prima);
  });
});
