import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { importaPacchetto } from "../edition-package/import";
import type { Blocco } from "../content/blocks";
import { COLONNE_CSV, campo, datiCsv, numeroCsv, righeBlocco } from "./csv";
import { costruisciDati, type DatiEdizione } from "./dati";

/** A strict RFC 4180 reader, to check what a consumer of dati.csv gets back. */
function leggiCsv(testo: string): string[][] {
  const righe: string[][] = [];
  let riga: string[] = [];
  let cella = "";
  let i = 0;
  let tra = false;
  while (i < testo.length) {
    const c = testo[i];
    if (tra) {
      if (c === '"' && testo[i + 1] === '"') { cella += '"'; i += 2; continue; }
      if (c === '"') { tra = false; i++; continue; }
      cella += c; i++; continue;
    }
    if (c === '"') {
      if (cella !== "") throw new Error(`Virgolette dentro un campo non quotato alla posizione ${i}`);
      tra = true; i++; continue;
    }
    if (c === ",") { riga.push(cella); cella = ""; i++; continue; }
    if (c === "\r" && testo[i + 1] === "\n") { riga.push(cella); righe.push(riga); riga = []; cella = ""; i += 2; continue; }
    if (c === "\n" || c === "\r") throw new Error(`A capo senza CRLF fuori dalle virgolette alla posizione ${i}`);
    cella += c; i++;
  }
  if (tra) throw new Error("Virgolette non chiuse");
  if (cella !== "" || riga.length) throw new Error("L'ultima riga non termina con CRLF");
  return righe;
}

const NOMI = COLONNE_CSV.map((c) => c.nome);
type Riga = Record<(typeof NOMI)[number], string>;
const comeOggetti = (testo: string): Riga[] => {
  const [intestazione, ...righe] = leggiCsv(testo.replace(/^\uFEFF/, ""));
  expect(intestazione).toEqual(NOMI);
  return righe.map((r) => {
    expect(r).toHaveLength(NOMI.length);
    return Object.fromEntries(NOMI.map((n, i) => [n, r[i]])) as Riga;
  });
};

function tuttiIBlocchi(d: DatiEdizione): Blocco[] {
  return d.parti.flatMap((p) => [...p.sezioni.flatMap((s) => s.blocchi), ...p.aree.flatMap((a) => a.ambiti.flatMap((b) => b.sezione.blocchi))]);
}

let dati: DatiEdizione;
let csv: string;
let righe: Riga[];

beforeAll(() => {
  const db = memoryDb();
  const esito = importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
  expect(esito.ok).toBe(true);
  dati = costruisciDati(db, "2014-2016", { slug: "2014-2016", revisione: 1 })!;
  csv = datiCsv(dati);
  righe = comeOggetti(csv);
});

describe("campi e numeri del CSV", () => {
  it("quota secondo RFC 4180 solo quando serve", () => {
    expect(campo("semplice")).toBe("semplice");
    expect(campo("1,8 milioni")).toBe('"1,8 milioni"');
    expect(campo('Il "Torrazzo"')).toBe('"Il ""Torrazzo"""');
    expect(campo("prima\ndopo")).toBe('"prima\ndopo"');
    expect(campo(" spazio")).toBe('" spazio"');
    expect(campo("-2")).toBe("-2");
    expect(campo("")).toBe("");
  });

  it("scrive i numeri con il punto decimale e senza separatore delle migliaia", () => {
    expect(numeroCsv(71924)).toBe("71924");
    expect(numeroCsv(2.11)).toBe("2.11");
    expect(numeroCsv(1800000)).toBe("1800000");
    expect(numeroCsv(-0.5)).toBe("-0.5");
    expect(numeroCsv(-0)).toBe("0");
    expect(numeroCsv(null)).toBe("");
    expect(() => numeroCsv(Number.NaN)).toThrow();
  });
});

describe("le righe di ogni tipo di blocco", () => {
  it("un indicatore: il valore e un riga per confronto, con riferimento, fonte e nota", () => {
    const r = righeBlocco({
      tipo: "indicatore",
      etichetta: "età media",
      valore: 46.5,
      unita: "anni",
      riferimento: "al 31/12/2015",
      confronti: [{ testo: "rispetto alla media italiana", valore: 2.3, unita: "anni" }, { testo: "in Lombardia", valore: 44.6, tipo: "riferimento" }],
      fonte: "ISTAT",
      nota: "Residenti",
    });
    expect(r).toEqual([
      { tipo: "indicatore", titolo: "età media", campo: "valore", valore: 46.5, testo: undefined, unita: "anni", riferimento: "al 31/12/2015", fonte: "ISTAT", nota: "Residenti" },
      { tipo: "indicatore", titolo: "età media", campo: "confronto_differenza", riga: 1, descrizione: "rispetto alla media italiana", valore: 2.3, unita: "anni", riferimento: "al 31/12/2015", fonte: "ISTAT", nota: "Residenti" },
      { tipo: "indicatore", titolo: "età media", campo: "confronto_riferimento", riga: 2, descrizione: "in Lombardia", valore: 44.6, unita: undefined, riferimento: "al 31/12/2015", fonte: "ISTAT", nota: "Residenti" },
    ]);
  });

  it("un indicatore portato da un'edizione precedente: anche il valore di allora, con la sua edizione", () => {
    const r = righeBlocco({
      tipo: "indicatore",
      etichetta: "abitanti",
      valore: 72000,
      unita: "abitanti",
      riferimento: "2019",
      base: { valore: 71924, unita: "abitanti", edizione: "Bilancio Sociale 2014–2016", anno: 2016 },
    });
    expect(r[1]).toEqual({ tipo: "indicatore", titolo: "abitanti", campo: "valore_precedente", descrizione: "Bilancio Sociale 2014–2016", valore: 71924, testo: undefined, unita: "abitanti", riferimento: "2016", fonte: undefined, nota: undefined });
  });

  it("una serie: una riga per categoria × serie, i vuoti restano vuoti", () => {
    const r = righeBlocco({ tipo: "serie", titolo: "Arrivi", grafico: "barre", unita: "persone", categorie: ["2014", "2015"], serie: [{ nome: "italiani", valori: [10, null] }, { nome: "stranieri", valori: [5, 6] }] });
    expect(r.map((x) => [x.categoria, x.serie, x.valore, x.unita])).toEqual([
      ["2014", "italiani", 10, "persone"],
      ["2015", "italiani", null, "persone"],
      ["2014", "stranieri", 5, "persone"],
      ["2015", "stranieri", 6, "persone"],
    ]);
    const mancanti = righeBlocco({ tipo: "serie", titolo: "Popolazione", grafico: "linee", categorie: [], serie: [], datiMancanti: true });
    expect(mancanti).toEqual([expect.objectContaining({ tipo: "serie", titolo: "Popolazione", campo: "dati_mancanti" })]);
  });

  it("una tabella: ogni cella con riga e colonna, numeri in valore e testi in testo", () => {
    const r = righeBlocco({ tipo: "tabella", titolo: "Scuole", intestazione: ["Tipo", "Numero"], righe: [["Asili nido", 4], ["Primarie", null]] });
    expect(r.map((x) => [x.riga, x.colonna, x.valore, x.testo])).toEqual([
      [1, "Tipo", null, "Asili nido"],
      [1, "Numero", 4, null],
      [2, "Tipo", null, "Primarie"],
      [2, "Numero", null, null],
    ]);
  });

  it("una scheda: ogni campo, gli elenchi una voce per riga, i costi con l'importo in euro", () => {
    const r = righeBlocco({
      tipo: "scheda",
      titolo: "Musica a scuola",
      prima: ["poca musica", "niente rete"],
      dopo: ["più musica"],
      destinatari: "Bambini",
      luogo: "Scuole",
      tempi: "2014 - 2019",
      costi: { comune: { importo: 29500, descrizione: "in tre anni" }, altri: { descrizione: "Fondazione Stauffer" } },
      soggetti: ["Conservatorio", "Liceo"],
      risultati: [{ valore: 42, unita: "classi", didascalia: "classi coinvolte" }, { valore: null, testoValore: "raddoppiati", didascalia: "iscritti", variazione: true }],
      narrativa: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Un racconto" }, { type: "notaPiePagina", attrs: { testo: "Dati del Conservatorio" } }] }] },
    });
    expect(r.map((x) => [x.campo, x.valore ?? null, x.unita ?? null, x.descrizione ?? null, x.testo ?? null])).toEqual([
      ["prima", null, null, null, "poca musica\nniente rete"],
      ["dopo", null, null, null, "più musica"],
      ["destinatari", null, null, null, "Bambini"],
      ["luogo", null, null, null, "Scuole"],
      ["tempi", null, null, null, "2014 - 2019"],
      ["costo_comune", 29500, "euro", "in tre anni", null],
      ["costo_altri", null, null, "Fondazione Stauffer", null],
      ["soggetti", null, null, null, "Conservatorio\nLiceo"],
      ["risultato", 42, "classi", "classi coinvolte", null],
      ["risultato_variazione", null, null, "iscritti", "raddoppiati"],
      ["narrativa", null, null, null, "Un racconto"],
    ]);
    expect(r.every((x) => x.tipo === "scheda" && x.titolo === "Musica a scuola")).toBe(true);
    expect(r.at(-1)!.nota).toBe("Dati del Conservatorio");
  });

  it("un testo: il testo semplice, con le note a piè di pagina nella colonna nota", () => {
    const r = righeBlocco({
      tipo: "testo",
      titolo: "Presentazione",
      nota: "Nota del blocco",
      contenuto: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Primo" }, { type: "notaPiePagina", attrs: { testo: "Fonte interna" } }] }, { type: "paragraph", content: [{ type: "text", text: "Secondo" }] }] },
    });
    expect(r).toEqual([{ tipo: "testo", titolo: "Presentazione", campo: "testo", testo: "Primo\nSecondo", nota: "Nota del blocco\nFonte interna", fonte: undefined }]);
  });
});

describe("dati.csv dell'edizione demo", () => {
  it("è UTF-8 con BOM, CRLF, e si rilegge con un lettore RFC 4180", () => {
    expect(csv.startsWith("\uFEFFparte,area_numero,area,ambito,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(righe.length).toBeGreaterThan(500);
  });

  it("è deterministico", () => {
    expect(datiCsv(structuredClone(dati))).toBe(csv);
  });

  it("contiene ogni indicatore, ogni valore di serie, ogni cella, ogni scheda e ogni testo", () => {
    const blocchi = tuttiIBlocchi(dati);
    const conta = (tipo: string, campi: string[]) => righe.filter((r) => r.tipo === tipo && campi.includes(r.campo)).length;
    expect(conta("indicatore", ["valore", "variazione"])).toBe(blocchi.filter((b) => b.tipo === "indicatore").length);
    const valoriSerie = blocchi.reduce((n, b) => n + (b.tipo === "serie" ? b.categorie.length * b.serie.length : 0), 0);
    expect(valoriSerie).toBeGreaterThan(0);
    expect(conta("serie", ["valore"])).toBe(valoriSerie);
    const celle = blocchi.reduce((n, b) => n + (b.tipo === "tabella" ? b.righe.length * b.intestazione.length : 0), 0);
    expect(conta("tabella", ["cella"])).toBe(celle);
    const schede = blocchi.filter((b) => b.tipo === "scheda");
    expect(new Set(righe.filter((r) => r.tipo === "scheda").map((r) => r.titolo))).toEqual(new Set(schede.map((b) => b.titolo)));
    expect(conta("testo", ["testo"])).toBe(blocchi.filter((b) => b.tipo === "testo").length);
    const ambiti = dati.parti.flatMap((p) => p.aree.flatMap((a) => a.ambiti));
    expect(conta("ambito", ["obiettivo"])).toBe(ambiti.length);
  });

  it("mette ogni dato al suo posto: parte, area, ambito, sezione, settore", () => {
    const abitanti = righe.find((r) => r.titolo === "abitanti nel 2016" && r.campo === "valore")!;
    expect(abitanti).toMatchObject({ parte: "Identità", area: "", valore: "71924", unita: "abitanti", riferimento: "2016", tipo: "indicatore" });
    expect(abitanti.fonte).toContain("Servizio Statistica Provincia di Cremona");
    const cultura = righe.find((r) => r.ambito === "Rilancio delle istituzioni culturali" && r.campo === "obiettivo")!;
    expect(cultura).toMatchObject({ area_numero: "1", area: "Una città attrattiva per chi la vive e la scopre", parte: "Dagli impegni ai risultati", blocco: "" });
    expect(cultura.settore).not.toBe("");
    expect(cultura.sezione_codice).toMatch(/^[a-z0-9-]+$/);
  });

  it("i numeri hanno il punto decimale; nessun valore usa la virgola", () => {
    const valori = righe.map((r) => r.valore).filter((v) => v !== "");
    expect(valori.length).toBeGreaterThan(150);
    for (const v of valori) expect(v).toMatch(/^-?\d+(\.\d+)?(e[+-]\d+)?$/);
    expect(valori).toContain("2.11");
    expect(valori).toContain("1800000");
  });

  it("anni e scale come scritti: gli anni sono testo, gli importi interi, senza scala né separatore", () => {
    const anni = righe.filter((r) => r.sezione_codice === "cremona-in-rete" && r.tipo === "tabella" && r.colonna === "Anno");
    expect(anni.map((r) => [r.valore, r.testo])).toEqual([["", "2014"], ["", "2015"], ["", "2015"], ["", "2016"]]);
    expect(righe.find((r) => r.titolo === "il valore degli immobili acquisiti tra 2015 e 2016")).toMatchObject({ valore: "610000", unita: "euro" });
    const polo = righe.find((r) => r.campo === "costo_comune" && r.descrizione.startsWith("800 mila euro il costo complessivo"));
    expect(polo).toMatchObject({ valore: "800000", unita: "euro" });
    expect(righe.find((r) => r.campo === "confronto_differenza" && r.descrizione === "dal 2013 (-2%)")).toMatchObject({ valore: "-430000", unita: "euro" });
  });

  it("la scheda della formazione musicale ha i suoi campi", () => {
    const scheda = righe.filter((r) => r.tipo === "scheda" && r.titolo === "Rilancio e sostegno della formazione musicale in città");
    const per = (c: string) => scheda.find((r) => r.campo === c)!;
    expect(per("prima").testo.split("\n")).toHaveLength(2);
    expect(per("costo_comune")).toMatchObject({ valore: "29500", unita: "euro" });
    expect(per("soggetti").testo).toContain("Fondazione Stauffer");
    expect(per("destinatari").testo).toBe("Bambini, ragazzi, giovani, insegnanti, e tutti i cittadini");
  });
});
