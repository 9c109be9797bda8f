import { readFileSync } from "node:fs";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, blocks, editions, mailOutbox, notifications, publications, roleMemberships, sections, settori, signatures, users } from "../../db/schema";
import { salvaBlocco } from "../blocks/service";
import { type Chi } from "../servizio";
import { controllaBlocco } from "../checks";
import { confrontoConBase, rigaBase } from "../content/baseline";
import type { Blocco, Indicatore } from "../content/blocks";
import { esportaPacchetto } from "../edition-package/export";
import { importaPacchetto } from "../edition-package/import";
import type { Pacchetto } from "../edition-package/schema";
import { serializzaCanonico } from "../publication/canonical";
import { sha256 } from "../sha256";
import { costruisciDati, type DatiEdizione } from "../publication/dati";
import { avviaNuovaEdizione, riportaBlocco, schemaNuovaEdizione } from "./carry-forward";
import { firmatarioAdesso } from "./firmatario";

const DEMO = () => JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8"));
const NUOVA = { da: "2014-2016", slug: "2017-2019", titolo: "Bilancio Sociale 2017–2019", annoInizio: 2017, annoFine: 2019 };

/**
 * Signs and publishes an edition's content as a revision, by hand: freeze the
 * snapshot on the row that is signed, the signature, the publication, then the
 * state (the database locks a published edition and checks each link).
 */
function pubblicaAMano(db: ReturnType<typeof memoryDb>, editionId: number, pubblicaSu: number, dati: DatiEdizione, firmatario: number) {
  const testo = serializzaCanonico(dati);
  const hash = sha256(testo);
  db.update(editions).set({ datiJson: testo, sha256: hash, stato: "firmata" }).where(eq(editions.id, editionId)).run();
  const f = firmatarioAdesso(db, firmatario, { inviataFirmaDa: null });
  if (!f.ok) throw new Error(f.messaggio);
  const firma = Number(db.insert(signatures).values({ editionId, revisione: dati.edizione.revisione, ...f.firmatario, sha256: hash }).run().lastInsertRowid);
  db.insert(publications).values({ editionId: pubblicaSu, revisione: dati.edizione.revisione, datiJson: testo, sha256: hash, signatureId: firma }).run();
  db.update(editions).set({ stato: "pubblicata" }).where(eq(editions.id, editionId)).run();
}

function prepara({ pubblicata = true } = {}) {
  const db = memoryDb();
  const r = importaPacchetto(db, DEMO(), { userId: null, attore: "test" });
  if (!r.ok) throw new Error("import");
  const cultura = db.select().from(settori).where(eq(settori.codice, "cultura")).get()!.id;
  db.insert(users).values([
    { id: 1, email: "coord@x.it", nome: "Giulia Rossi", passwordHash: "x" },
    { id: 2, email: "assessore@x.it", nome: "Rosita Viola", passwordHash: "x" },
    { id: 3, email: "cultura@x.it", nome: "Referente Cultura", passwordHash: "x" },
    { id: 4, email: "coord2@x.it", nome: "Altro coordinatore", passwordHash: "x" },
  ]).run();
  db.insert(roleMemberships).values([
    { userId: 1, ruolo: "coordinatore" },
    // The Assessore signs through a role someone else granted (drizzle/0010).
    { userId: 2, ruolo: "assessore", concessoDa: 1 },
    { userId: 3, ruolo: "referente", settoreId: cultura },
    { userId: 4, ruolo: "coordinatore" },
  ]).run();
  const coord: Chi = { userId: 1, email: "coord@x.it", attore: { userId: 1, ruoli: [{ ruolo: "coordinatore", settoreId: null }] } };
  const ass: Chi = { userId: 2, email: "assessore@x.it", attore: { userId: 2, ruoli: [{ ruolo: "assessore", settoreId: null }] } };
  const ref: Chi = { userId: 3, email: "cultura@x.it", attore: { userId: 3, ruoli: [{ ruolo: "referente", settoreId: cultura }] } };
  if (pubblicata) {
    db.update(sections).set({ stato: "approvata" }).where(eq(sections.editionId, r.editionId)).run();
    pubblicaAMano(db, r.editionId, r.editionId, costruisciDati(db, "2014-2016", { slug: "2014-2016", revisione: 1 })!, 2);
  }
  return { db, coord, ass, ref, origineId: r.editionId, cultura };
}

/** Every block of a package, in report order. */
function blocchiDi(p: Pick<Pacchetto, "parti">): Blocco[] {
  return p.parti.flatMap((parte) => [...parte.sezioni, ...parte.aree.flatMap((a) => a.ambiti.map((b) => b.sezione))]).flatMap((s) => s.blocchi);
}

/** The package without what a new edition changes on purpose: its identity, states, deadlines and bases. */
function struttura(p: Pacchetto) {
  const sezione = (s: Pacchetto["parti"][number]["sezioni"][number]) => ({ codice: s.codice, titolo: s.titolo, settore: s.settore, blocchi: s.blocchi.length });
  return {
    ente: p.ente,
    parti: p.parti.map((parte) => ({
      codice: parte.codice,
      titolo: parte.titolo,
      sezioni: parte.sezioni.map(sezione),
      aree: parte.aree.map((a) => ({ ...a, ambiti: a.ambiti.map((b) => ({ ...b, sezione: sezione(b.sezione) })) })),
    })),
  };
}

describe("avviaNuovaEdizione", () => {
  it("riporta struttura, settori, assegnazioni e blocchi; tutte le sezioni in bozza", () => {
    const { db, coord, origineId } = prepara();
    const r = avviaNuovaEdizione(db, coord, NUOVA);
    if (!r.ok) throw new Error(r.messaggio);
    expect(r.slug).toBe("2017-2019");

    const nuova = db.select().from(editions).where(eq(editions.id, r.editionId)).get()!;
    expect(nuova).toMatchObject({ slug: "2017-2019", titolo: "Bilancio Sociale 2017–2019", annoInizio: 2017, annoFine: 2019, stato: "in_preparazione", basataSuId: origineId, revisione: 1, correggeId: null });

    const prima = esportaPacchetto(db, "2014-2016")!;
    const dopo = esportaPacchetto(db, "2017-2019")!;
    expect(struttura(dopo)).toEqual(struttura(prima));
    expect(new Set(db.select({ stato: sections.stato }).from(sections).where(eq(sections.editionId, r.editionId)).all().map((s) => s.stato))).toEqual(new Set(["bozza"]));
    expect(dopo.parti.flatMap((p) => [...p.sezioni, ...p.aree.flatMap((a) => a.ambiti.map((b) => b.sezione))]).every((s) => s.scadenza === undefined)).toBe(true);
    expect(r.sezioni).toBe(db.select().from(sections).where(eq(sections.editionId, r.editionId)).all().length);

    // Series, tables, cards and texts are the starting draft, unchanged; indicators keep their definition.
    const bPrima = blocchiDi(prima);
    const bDopo = blocchiDi(dopo);
    expect(bDopo).toHaveLength(bPrima.length);
    bDopo.forEach((b, i) => {
      if (b.tipo !== "indicatore") expect(b).toEqual(bPrima[i]);
      else {
        const { base: _base, ...definizione } = b;
        expect(definizione).toEqual(bPrima[i]);
      }
    });
  });

  it("il valore pubblicato diventa la base di ogni indicatore", () => {
    const { db, coord } = prepara();
    const r = avviaNuovaEdizione(db, coord, NUOVA);
    if (!r.ok) throw new Error(r.messaggio);
    const indicatori = blocchiDi(esportaPacchetto(db, "2017-2019")!).filter((b): b is Indicatore => b.tipo === "indicatore");
    expect(indicatori.length).toBeGreaterThan(100);
    for (const i of indicatori) {
      expect(i.base).toBeDefined();
      expect(i.base!.valore).toBe(i.valore);
      expect(i.base!.riferimento).toBe(i.riferimento);
      expect(i.base!.edizione).toBe("Bilancio Sociale 2014–2016");
      expect(i.base!.anno).toBe(2016);
    }
    const abitanti = indicatori.find((i) => i.etichetta === "abitanti nel 2016")!;
    expect(abitanti.base).toEqual({ valore: 71924, unita: "abitanti", riferimento: "2016", edizione: "Bilancio Sociale 2014–2016", anno: 2016 });
    const debiti = indicatori.find((i) => i.testoValore === "Azzerati")!;
    expect(debiti.base).toEqual({ valore: null, testoValore: "Azzerati", edizione: "Bilancio Sociale 2014–2016", anno: 2016 });
    // Until updated, each prefilled value is flagged (a warning, not an error).
    expect(controllaBlocco(abitanti, { annoInizio: 2017, annoFine: 2019 }).map((s) => s.codice)).toContain("valore-invariato");
  });

  it("un valore aggiornato dal referente dà il confronto con l'edizione precedente, e la base resta", () => {
    const { db, coord, ref, cultura } = prepara();
    const r = avviaNuovaEdizione(db, coord, NUOVA);
    if (!r.ok) throw new Error(r.messaggio);
    const riga = db
      .select({ id: blocks.id, version: blocks.version, dati: blocks.payload, sectionId: blocks.sectionId })
      .from(blocks)
      .innerJoin(sections, eq(sections.id, blocks.sectionId))
      .where(eq(sections.editionId, r.editionId))
      .orderBy(asc(blocks.id))
      .all()
      .find((b) => (b.dati as Blocco).tipo === "indicatore" && (b.dati as Indicatore).etichetta === "abitanti nel 2016")!;
    const ind = riga.dati as Indicatore;
    expect(confrontoConBase(ind)).toMatchObject({ ok: true, tipo: "invariato", testo: "invariato dal 2016" });

    // The section goes to the referente's settore, who updates the value the editor way: the whole payload.
    db.update(sections).set({ settoreId: cultura }).where(eq(sections.id, riga.sectionId)).run();
    const s = salvaBlocco(db, ref, { blockId: riga.id, version: riga.version, dati: { ...ind, valore: 75229, riferimento: "2019", etichetta: "abitanti nel 2019" } });
    if (!s.ok) throw new Error(s.messaggio);
    const salvato = s.blocco.dati as Indicatore;
    expect(salvato.base).toEqual(ind.base);
    expect(confrontoConBase(salvato)).toMatchObject({ ok: true, tipo: "percentuale", testo: "+4,6% dal 2016" });
    expect(rigaBase(salvato, { unita: false })).toBe("+4,6% dal 2016 · era 71.924");
    expect(controllaBlocco(salvato, { annoInizio: 2017, annoFine: 2019 }).map((x) => x.codice)).not.toContain("valore-invariato");
  });

  it("parte dall'ultima revisione pubblicata: un'errata corregge la base", () => {
    const { db, coord, origineId } = prepara();
    // Revision 2 (an erratum, worked on its own row) corrects the population.
    const dati = costruisciDati(db, "2014-2016", { slug: "2014-2016", revisione: 2 })!;
    const corretti = JSON.parse(JSON.stringify(dati)) as DatiEdizione;
    const abitanti = corretti.parti.flatMap((p) => p.sezioni).flatMap((s) => s.blocchi).find((b): b is Indicatore => b.tipo === "indicatore" && b.etichetta === "abitanti nel 2016")!;
    abitanti.valore = 71930;
    const errata = Number(db.insert(editions).values({ slug: "2014-2016-revisione-2", titolo: dati.edizione.titolo, annoInizio: 2014, annoFine: 2016, correggeId: origineId, revisione: 2 }).run().lastInsertRowid);
    pubblicaAMano(db, errata, origineId, corretti, 2);

    const r = avviaNuovaEdizione(db, coord, NUOVA);
    if (!r.ok) throw new Error(r.messaggio);
    const ind = blocchiDi(esportaPacchetto(db, "2017-2019")!).find((b): b is Indicatore => b.tipo === "indicatore" && b.etichetta === "abitanti nel 2016")!;
    expect(ind.valore).toBe(71930);
    expect(ind.base?.valore).toBe(71930);
    // The erratum's working slug leads to the same published edition.
    expect(avviaNuovaEdizione(db, coord, { ...NUOVA, da: "2014-2016-revisione-2", slug: "2017-2019-bis" })).toMatchObject({ ok: true });
  });

  it("una riga di registro «edizione.nuova» e gli avvisi ai referenti e al coordinamento, nella stessa transazione", () => {
    const { db, coord, origineId } = prepara();
    const primaAudit = db.select().from(auditLog).all().length;
    const r = avviaNuovaEdizione(db, coord, NUOVA);
    if (!r.ok) throw new Error(r.messaggio);
    const nuove = db.select().from(auditLog).all().slice(primaAudit);
    expect(nuove).toHaveLength(1);
    expect(nuove[0]).toMatchObject({ azione: "edizione.nuova", userId: 1, attore: "coord@x.it", editionId: r.editionId });
    expect(nuove[0].dettagli).toMatchObject({ slug: "2017-2019", basataSuId: origineId });
    // The referente of cultura (a settore with sections) and the other coordinator; not the author.
    const avvisati = db.select().from(notifications).all();
    expect(avvisati.map((n) => n.userId).sort()).toEqual([3, 4]);
    expect(avvisati.every((n) => n.testo === "È iniziata la preparazione di «Bilancio Sociale 2017–2019»")).toBe(true);
    expect(avvisati.find((n) => n.userId === 3)?.link).toBe("/settore");
    expect(db.select().from(mailOutbox).all().map((m) => m.destinatario).sort()).toEqual(["coord2@x.it", "cultura@x.it"]);
  });

  it("solo il coordinamento avvia una nuova edizione", () => {
    const { db, ass, ref } = prepara();
    for (const chi of [ass, ref]) {
      expect(avviaNuovaEdizione(db, chi, NUOVA)).toEqual({ ok: false, tipo: "negato", messaggio: "Solo il coordinamento gestisce le edizioni." });
    }
    expect(db.select().from(editions).where(eq(editions.slug, "2017-2019")).get()).toBeUndefined();
  });

  it("si parte solo da un'edizione pubblicata", () => {
    const { db, coord } = prepara({ pubblicata: false });
    expect(avviaNuovaEdizione(db, coord, NUOVA)).toEqual({ ok: false, tipo: "negato", messaggio: "Si parte solo da un'edizione pubblicata." });
    expect(avviaNuovaEdizione(db, coord, { ...NUOVA, da: "1999-2001" })).toMatchObject({ ok: false, tipo: "non_trovato" });
    expect(db.select().from(editions).all()).toHaveLength(1);
    expect(db.select().from(auditLog).where(eq(auditLog.azione, "edizione.nuova")).all()).toHaveLength(0);
  });

  it("un indirizzo già usato è rifiutato con un messaggio sul campo", () => {
    const { db, coord } = prepara();
    expect(avviaNuovaEdizione(db, coord, { ...NUOVA, slug: "2014-2016" })).toEqual({
      ok: false,
      tipo: "non_valido",
      messaggio: "Alcuni campi non sono validi.",
      errori: [{ campo: "slug", messaggio: "Esiste già un'edizione con indirizzo «2014-2016»: scegline un altro" }],
    });
    expect(avviaNuovaEdizione(db, coord, NUOVA).ok).toBe(true);
    const doppia = avviaNuovaEdizione(db, coord, NUOVA);
    expect(doppia).toMatchObject({ ok: false, tipo: "non_valido", errori: [{ campo: "slug" }] });
    expect(db.select().from(editions).all()).toHaveLength(2);
  });

  it("titolo, indirizzo e anni sono controllati campo per campo, in italiano", () => {
    const { db, coord } = prepara();
    const r = avviaNuovaEdizione(db, coord, { da: "2014-2016", slug: "Edizione 2017", titolo: "  ", annoInizio: "2015", annoFine: "" });
    if (r.ok || r.tipo !== "non_valido") throw new Error("atteso non_valido");
    const perCampo = Object.fromEntries(r.errori.map((e) => [e.campo, e.messaggio]));
    expect(perCampo).toEqual({
      slug: "Solo lettere minuscole, cifre e trattini, ad esempio 2020-2022",
      titolo: "Indica il titolo dell'edizione, ad esempio «Bilancio Sociale 2020–2022»",
      annoFine: "Indica l'anno finale, ad esempio 2020",
    });
    const anni = schemaNuovaEdizione({ annoFine: 2016 }).safeParse({ slug: "2017-2019", titolo: "X", annoInizio: "2016", annoFine: 2015 });
    expect(anni.success ? [] : anni.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["annoInizio", "La nuova edizione deve iniziare dopo il 2016, ultimo anno dell'edizione di partenza"],
      ["annoFine", "L'anno finale non può precedere quello iniziale"],
    ]);
    expect(schemaNuovaEdizione({ annoFine: 2016 }).safeParse({ slug: "2017-2019", titolo: "X", annoInizio: "2017", annoFine: "2019" }).success).toBe(true);
    expect(schemaNuovaEdizione({ annoFine: 2016 }).safeParse({ slug: "2017-2019", titolo: "X", annoInizio: "dopo", annoFine: 2019.5 }).error?.issues.map((i) => i.path.join("."))).toEqual(["annoInizio", "annoFine"]);
  });
});

describe("riportaBlocco", () => {
  it("sostituisce una base più vecchia e lascia gli altri blocchi come sono", () => {
    const da = { titolo: "Bilancio Sociale 2017–2019", annoFine: 2019 };
    const b: Indicatore = { tipo: "indicatore", etichetta: "abitanti", valore: 75229, unita: "abitanti", scala: "mila", riferimento: "2019", base: { valore: 71924, edizione: "Bilancio Sociale 2014–2016", anno: 2016 } };
    expect(riportaBlocco(b, da)).toEqual({ ...b, base: { valore: 75229, unita: "abitanti", scala: "mila", riferimento: "2019", edizione: "Bilancio Sociale 2017–2019", anno: 2019 } });
    const t: Blocco = { tipo: "tabella", titolo: "T", intestazione: ["A"], righe: [["x"]] };
    expect(riportaBlocco(t, da)).toBe(t);
  });
});
