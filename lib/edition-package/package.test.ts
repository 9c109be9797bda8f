import { readFileSync } from "node:fs";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, blocks, editions, revisions, sections, settori } from "../../db/schema";
import { esportaPacchetto, serializzaPacchetto } from "./export";
import { importaPacchetto } from "./import";
import { validaPacchetto, validaTestoPacchetto } from "./validate";

const DEMO_TESTO = readFileSync("db/demo/cremona-2014-2016.json", "utf8");
const demo = () => JSON.parse(DEMO_TESTO);
const autore = { userId: null, attore: "test" };

describe("il pacchetto demo di Cremona", () => {
  it("è valido per gli schemi dell'applicazione", () => {
    const v = validaPacchetto(demo());
    expect(v.ok ? [] : v.errori).toEqual([]);
  });

  it("contiene tutta la struttura: sei aree, ogni ambito con obiettivo, settori e assessori", () => {
    const p = demo();
    const impegni = p.parti.find((x: { codice: string }) => x.codice === "impegni");
    expect(impegni.aree.map((a: { numero: number }) => a.numero)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const area of impegni.aree) {
      expect(area.ambiti.length).toBeGreaterThan(0);
      for (const ambito of area.ambiti) {
        expect(ambito.obiettivo.length).toBeGreaterThan(10);
        expect(ambito.settori.length).toBeGreaterThan(0);
      }
    }
    expect(p.parti.map((x: { codice: string }) => x.codice)).toEqual(["presentazione", "identita", "organizzazione", "impegni"]);
  });

  it("trascrive i numeri come numeri, con la loro unità", () => {
    const testo = DEMO_TESTO;
    expect(testo).toContain('"valore": 71924');
    expect(testo).toContain('"valore": 2.11');
    expect(testo).toContain('"valore": 1800000');
  });

  it("import e poi export restituiscono esattamente gli stessi byte", () => {
    const db = memoryDb();
    const esito = importaPacchetto(db, demo(), autore);
    expect(esito.ok).toBe(true);
    expect(serializzaPacchetto(esportaPacchetto(db, "2014-2016")!)).toBe(DEMO_TESTO);
  });

  it("l'import scrive una revisione per sezione e una riga di registro", () => {
    const db = memoryDb();
    const esito = importaPacchetto(db, demo(), autore);
    if (!esito.ok) throw new Error("import fallito");
    expect(db.select({ n: count() }).from(revisions).get()!.n).toBe(esito.sezioni);
    expect(db.select({ n: count() }).from(blocks).get()!.n).toBe(esito.blocchi);
    expect(db.select().from(auditLog).all().map((r) => r.azione)).toEqual(["edizione.importa"]);
  });
});

describe("un pacchetto sbagliato", () => {
  it("è rifiutato con l'elenco degli errori, ognuno col suo percorso e un messaggio italiano", () => {
    const p = demo();
    p.formato = "altro";
    p.edizione.annoFine = 2010;
    const ambito = p.parti[3].aree[0].ambiti[0];
    ambito.sezione.blocchi[1].valore = "1,8 milioni";
    ambito.sezione.settore = "inesistente";
    p.parti[1].sezioni[0].blocchi.push({ tipo: "grafico-3d" });
    const v = validaPacchetto(p);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const percorsi = v.errori.map((e) => e.percorso);
    expect(percorsi).toContain("$.formato");
    expect(percorsi).toContain("$.parti[3].aree[0].ambiti[0].sezione.blocchi[1].valore");
    expect(percorsi).toContain(`$.parti[1].sezioni[0].blocchi[${p.parti[1].sezioni[0].blocchi.length - 1}].tipo`);
    // Cross-field rules run only once the shape is valid; checked in the next test.
    for (const e of v.errori) expect(e.messaggio).toMatch(/[a-zà-ù]/i);
    expect(v.errori.find((e) => e.percorso === "$.parti[3].aree[0].ambiti[0].sezione.blocchi[1].valore")!.messaggio).toMatch(/numero|atteso/i);
  });

  it("segnala settori sconosciuti e anni invertiti", () => {
    const p = demo();
    p.edizione.annoFine = 2010;
    p.parti[3].aree[0].ambiti[0].sezione.settore = "inesistente";
    const v = validaPacchetto(p);
    if (v.ok) throw new Error("doveva essere rifiutato");
    expect(v.errori).toContainEqual({ percorso: "$.edizione.annoFine", messaggio: "L'anno finale precede quello iniziale" });
    expect(v.errori).toContainEqual({
      percorso: "$.parti[3].aree[0].ambiti[0].sezione.settore",
      messaggio: 'Settore "inesistente" non presente nell\'elenco dei settori',
    });
  });

  it("un file che non è JSON riceve un messaggio, non un'eccezione", () => {
    const v = validaTestoPacchetto("{ non json");
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errori[0].messaggio).toMatch(/non è JSON valido/);
  });

  it("non lascia nulla nel database (tutto o niente)", () => {
    const db = memoryDb();
    const p = demo();
    const blocchi = p.parti[3].aree[0].ambiti[0].sezione.blocchi;
    blocchi.find((b: { tipo: string }) => b.tipo === "indicatore").etichetta = "";
    expect(importaPacchetto(db, p, autore).ok).toBe(false);
    for (const t of [editions, sections, blocks, settori, auditLog]) expect(db.select({ n: count() }).from(t).get()!.n).toBe(0);
  });

  it("un errore a metà scrittura annulla anche quanto già scritto", () => {
    const db = memoryDb();
    // Valid for the schemas, refused by the database on the last block written.
    db.$client.exec(`CREATE TRIGGER prova BEFORE INSERT ON blocks WHEN json_extract(NEW.payload, '$.etichetta') = 'ULTIMO' BEGIN SELECT RAISE(ABORT, 'rifiuto di prova'); END`);
    const p = demo();
    const ultima = p.parti[3].aree[0].ambiti[1].sezione.blocchi;
    ultima.find((b: { tipo: string }) => b.tipo === "indicatore").etichetta = "ULTIMO";
    const r = importaPacchetto(db, p, autore);
    expect(r.ok ? [] : r.errori).toEqual([{ percorso: "$", messaggio: "Il database ha rifiutato il pacchetto: rifiuto di prova" }]);
    for (const t of [editions, sections, blocks, settori, auditLog]) expect(db.select({ n: count() }).from(t).get()!.n).toBe(0);
  });

  it("una seconda edizione con lo stesso slug è rifiutata e la prima resta intatta", () => {
    const db = memoryDb();
    expect(importaPacchetto(db, demo(), autore).ok).toBe(true);
    const prima = db.select({ n: count() }).from(blocks).get()!.n;
    const r = importaPacchetto(db, demo(), autore);
    expect(r.ok ? [] : r.errori).toEqual([{ percorso: "$.edizione.slug", messaggio: 'Esiste già un\'edizione con slug "2014-2016"' }]);
    expect(db.select({ n: count() }).from(blocks).get()!.n).toBe(prima);
  });
});
