import { describe, expect, it } from "vitest";
import { bloccoSchema, type Blocco, type Indicatore, type Scheda, type Serie, type Tabella, type Testo } from "./content/blocks";
import type { RichDoc } from "./content/rich-text";
import { diffBlocco, diffSezione, parole, spostati, VUOTO, type Modifica, type VoceDiff } from "./diff";

// Every fixture also passes the real schema, so the diff is tested on valid payloads.
function valido<T extends Blocco>(b: T): T {
  bloccoSchema.parse(b);
  return b;
}

function indicatore(p: Partial<Indicatore> = {}): Indicatore {
  return valido<Indicatore>({ tipo: "indicatore", etichetta: "abitanti nel 2016", valore: 71924, unita: "abitanti", riferimento: "2016", fonte: "ISTAT", ...p });
}

function serie(p: Partial<Serie> = {}): Serie {
  return valido<Serie>({
    tipo: "serie",
    titolo: "Presenze turistiche",
    grafico: "barre",
    categorie: ["2014", "2015", "2016"],
    serie: [
      { nome: "Arrivi", valori: [1200, 1300, 1450] },
      { nome: "Presenze", valori: [3100, 3300, 3600] },
    ],
    ...p,
  });
}

function tabella(p: Partial<Tabella> = {}): Tabella {
  return valido<Tabella>({
    tipo: "tabella",
    titolo: "Asili nido",
    intestazione: ["Struttura", "Numero"],
    righe: [
      ["Nido Arcobaleno", 40],
      ["Nido Girasole", 32],
      ["Nido Aquilone", 28],
    ],
    ...p,
  });
}

function doc(...paragrafi: string[]): RichDoc {
  return { type: "doc", content: paragrafi.map((t) => ({ type: "paragraph", content: [{ type: "text", text: t }] })) };
}

function testo(contenuto: string, p: Partial<Testo> = {}): Testo {
  return valido<Testo>({ tipo: "testo", contenuto: doc(contenuto), ...p });
}

function scheda(p: Partial<Scheda> = {}): Scheda {
  return valido<Scheda>({
    tipo: "scheda",
    titolo: "Pedibus",
    prima: ["I bambini arrivavano a scuola in auto"],
    dopo: ["Tre linee di pedibus"],
    costi: { comune: { importo: 12000 } },
    soggetti: ["Comune", "Istituto comprensivo"],
    risultati: [{ valore: 120, unita: "bambini", didascalia: "iscritti" }],
    ...p,
  });
}

const sezione = (): Blocco[] => [
  testo("La popolazione residente è cresciuta negli ultimi tre anni.", { titolo: "Popolazione" }),
  indicatore(),
  indicatore({ etichetta: "famiglie", valore: 31500, unita: "famiglie" }),
  serie(),
  tabella(),
  scheda(),
];

const esiti = (voci: VoceDiff[]) => voci.map((v) => v.esito);
const modificato = (v: VoceDiff) => {
  if (v.esito !== "modificato") throw new Error(`atteso "modificato", trovato "${v.esito}"`);
  return v;
};
/** prima/dopo texts rebuilt from the parts: they must give back the two inputs. */
function ricostruisci(parti: ReturnType<typeof parole>) {
  return {
    prima: parti.filter((p) => p.tipo !== "aggiunto").map((p) => p.testo).join(""),
    dopo: parti.filter((p) => p.tipo !== "tolto").map((p) => p.testo).join(""),
  };
}

describe("diffSezione", () => {
  it("identical lists: every block is invariato", () => {
    const voci = diffSezione(sezione(), sezione());
    expect(esiti(voci)).toEqual(Array(6).fill("invariato"));
    voci.forEach((v, i) => expect(v).toMatchObject({ indice: i, indicePrima: i }));
  });

  it("key order and undefined fields do not count as changes", () => {
    const a = indicatore();
    const b = { nota: undefined, ...Object.fromEntries(Object.entries(a).reverse()) } as Indicatore;
    expect(esiti(diffSezione([a], [b]))).toEqual(["invariato"]);
  });

  it("one changed indicator value: exactly one 'valore' change, formatted the Italian way", () => {
    const prima = sezione();
    const dopo = sezione();
    dopo[1] = indicatore({ valore: 72001 });
    const voci = diffSezione(prima, dopo);
    expect(esiti(voci)).toEqual(["invariato", "modificato", "invariato", "invariato", "invariato", "invariato"]);
    expect(modificato(voci[1]).modifiche).toEqual<Modifica[]>([
      { tipo: "valore", campo: "valore", etichetta: "Valore", prima: "71.924 abitanti", dopo: "72.001 abitanti" },
    ]);
  });

  it("an indicator's value is printed with its scale and sign", () => {
    const m = diffBlocco(
      indicatore({ etichetta: "spesa sociale", valore: 1_800_000, unita: "euro", scala: "milioni" }),
      indicatore({ etichetta: "spesa sociale", valore: 2_100_000, unita: "euro", scala: "milioni" }),
    );
    expect(m).toEqual([{ tipo: "valore", campo: "valore", etichetta: "Valore", prima: "1,8 milioni di euro", dopo: "2,1 milioni di euro" }]);
    const v = diffBlocco(indicatore({ valore: 13, unita: "%", variazione: true }), indicatore({ valore: -2.5, unita: "%", variazione: true }));
    expect(v).toEqual([{ tipo: "valore", campo: "valore", etichetta: "Valore", prima: "+13%", dopo: "-2,5%" }]);
  });

  it("a block inserted in the middle is aggiunto, the rest invariato", () => {
    const prima = sezione();
    const dopo = sezione();
    const nuovo = testo("Un nuovo paragrafo sui servizi.");
    dopo.splice(3, 0, nuovo);
    const voci = diffSezione(prima, dopo);
    expect(esiti(voci)).toEqual(["invariato", "invariato", "invariato", "aggiunto", "invariato", "invariato", "invariato"]);
    expect(voci[3]).toEqual({ esito: "aggiunto", indice: 3, blocco: nuovo });
    expect(voci[4]).toMatchObject({ indice: 4, indicePrima: 3 });
  });

  it("a removed block is rimosso, placed where it was", () => {
    const prima = sezione();
    const dopo = sezione();
    dopo.splice(2, 1);
    const voci = diffSezione(prima, dopo);
    expect(esiti(voci)).toEqual(["invariato", "invariato", "rimosso", "invariato", "invariato", "invariato"]);
    expect(voci[2]).toEqual({ esito: "rimosso", indicePrima: 2, blocco: prima[2] });
  });

  it("a block replaced by one of another kind: rimosso then aggiunto, in place", () => {
    const prima = sezione();
    const dopo = sezione();
    dopo[4] = testo("Al posto della tabella, un testo.");
    expect(esiti(diffSezione(prima, dopo))).toEqual(["invariato", "invariato", "invariato", "invariato", "rimosso", "aggiunto", "invariato"]);
  });

  it("pairs the most similar block of the same kind (same caption) among several edits", () => {
    const prima = [indicatore({ etichetta: "famiglie", valore: 31500, unita: "famiglie" }), indicatore()];
    const dopo = [indicatore({ valore: 72001 }), indicatore({ etichetta: "famiglie", valore: 31800, unita: "famiglie" })];
    const voci = diffSezione(prima, dopo);
    expect(esiti(voci)).toEqual(["modificato", "modificato"]);
    expect(voci[0]).toMatchObject({ indice: 0, indicePrima: 1 });
    expect(voci[1]).toMatchObject({ indice: 1, indicePrima: 0 });
    expect(modificato(voci[1]).modifiche).toEqual([
      { tipo: "valore", campo: "valore", etichetta: "Valore", prima: "31.500 famiglie", dopo: "31.800 famiglie" },
    ]);
  });

  it("a changed series cell is named by series and category", () => {
    const prima = sezione();
    const dopo = sezione();
    dopo[3] = serie({ serie: [{ nome: "Arrivi", valori: [1200, 1350, 1450] }, { nome: "Presenze", valori: [3100, 3300, 3600] }] });
    const voci = diffSezione(prima, dopo);
    expect(esiti(voci).filter((e) => e !== "invariato")).toEqual(["modificato"]);
    expect(modificato(voci[3]).modifiche).toEqual([
      { tipo: "valore", campo: "serie.0.valori.1", etichetta: "«Arrivi» 2015", prima: "1.300", dopo: "1.350" },
    ]);
  });

  it("a series with a new year lists the new category and its cells", () => {
    const m = diffBlocco(
      serie(),
      serie({
        unita: "persone",
        categorie: ["2014", "2015", "2016", "2017"],
        serie: [
          { nome: "Arrivi", valori: [1200, 1300, 1450, 1500] },
          { nome: "Presenze", valori: [3100, 3300, 3600, null] },
        ],
      }),
    );
    expect(m).toEqual([
      { tipo: "valore", campo: "unita", etichetta: "Unità", prima: VUOTO, dopo: "persone" },
      { tipo: "valore", campo: "categorie", etichetta: "Categorie", prima: "2014, 2015, 2016", dopo: "2014, 2015, 2016, 2017" },
      { tipo: "valore", campo: "serie.0.valori.3", etichetta: "«Arrivi» 2017", prima: VUOTO, dopo: "1.500 persone" },
    ]);
  });

  it("a changed table cell is named by row and column; an added row is listed whole", () => {
    const m = diffBlocco(
      tabella(),
      tabella({ righe: [["Nido Arcobaleno", 40], ["Nido Girasole", 35], ["Nido Aquilone", 28], ["Nido Coccinella", 1500]] }),
    );
    expect(m).toEqual([
      { tipo: "valore", campo: "righe.1.1", etichetta: "Riga 2, «Numero»", prima: "32", dopo: "35" },
      { tipo: "valore", campo: "righe.3", etichetta: "Riga 4 (nuova)", prima: VUOTO, dopo: "Nido Coccinella | 1.500" },
    ]);
  });

  it("a row inserted in a table does not mark the following rows as changed", () => {
    const m = diffBlocco(tabella(), tabella({ righe: [["Nido Arcobaleno", 40], ["Nido Nuovo", 10], ["Nido Girasole", 32], ["Nido Aquilone", 28]] }));
    expect(m).toEqual([{ tipo: "valore", campo: "righe.1", etichetta: "Riga 2 (nuova)", prima: VUOTO, dopo: "Nido Nuovo | 10" }]);
  });

  it("a text edit gives uguale/aggiunto/tolto parts", () => {
    const prima = sezione();
    const dopo = sezione();
    dopo[0] = testo("La popolazione residente è cresciuta molto negli ultimi quattro anni.", { titolo: "Popolazione" });
    const voci = diffSezione(prima, dopo);
    const [m] = modificato(voci[0]).modifiche;
    expect(m).toEqual({
      tipo: "testo",
      campo: "contenuto",
      etichetta: "Testo",
      parti: [
        { tipo: "uguale", testo: "La popolazione residente è cresciuta " },
        { tipo: "aggiunto", testo: "molto " },
        { tipo: "uguale", testo: "negli ultimi " },
        { tipo: "tolto", testo: "tre" },
        { tipo: "aggiunto", testo: "quattro" },
        { tipo: "uguale", testo: " anni." },
      ],
    });
    expect(modificato(voci[0]).modifiche).toHaveLength(1);
  });

  it("a formatting-only change of a text is still reported", () => {
    const a = testo("Testo in chiaro.");
    const b = valido<Testo>({ tipo: "testo", contenuto: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Testo in chiaro.", marks: [{ type: "bold" }] }] }] } });
    const m = diffBlocco(a, b);
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ tipo: "valore", campo: "contenuto" });
  });

  it("PRIMA/DOPO card: lists as text, costs and results as values", () => {
    const m = diffBlocco(
      scheda(),
      scheda({
        dopo: ["Tre linee di pedibus", "Una linea di bicibus"],
        costi: { comune: { importo: 15000 } },
        risultati: [{ valore: 140, unita: "bambini", didascalia: "iscritti" }],
      }),
    );
    expect(m).toEqual([
      { tipo: "testo", campo: "dopo", etichetta: "DOPO", parti: [{ tipo: "uguale", testo: "Tre linee di pedibus" }, { tipo: "aggiunto", testo: "\nUna linea di bicibus" }] },
      { tipo: "valore", campo: "costi.comune", etichetta: "Costi per il Comune", prima: "12.000 euro", dopo: "15.000 euro" },
      { tipo: "valore", campo: "risultati.0", etichetta: "Risultato 1", prima: "120 bambini — iscritti", dopo: "140 bambini — iscritti" },
    ]);
  });

  it("a scale chosen or dropped is a change of the printed figure: costs, results and comparisons", () => {
    const m = diffBlocco(
      scheda({ costi: { comune: { importo: 800_000 } }, risultati: [{ valore: 1_800_000, unita: "euro", didascalia: "investiti" }] }),
      scheda({ costi: { comune: { importo: 800_000, scala: "mila" } }, risultati: [{ valore: 1_800_000, unita: "euro", scala: "milioni", didascalia: "investiti" }] }),
    );
    expect(m).toEqual([
      { tipo: "valore", campo: "costi.comune", etichetta: "Costi per il Comune", prima: "800.000 euro", dopo: "800 mila euro" },
      { tipo: "valore", campo: "risultati.0", etichetta: "Risultato 1", prima: "1.800.000 euro — investiti", dopo: "1,8 milioni di euro — investiti" },
    ]);
    const c = diffBlocco(
      indicatore({ confronti: [{ testo: "dal 2013", valore: -430_000, unita: "euro" }] }),
      indicatore({ confronti: [{ testo: "dal 2013", valore: -430_000, unita: "euro", scala: "mila" }] }),
    );
    expect(c).toEqual([{ tipo: "valore", campo: "confronti.0", etichetta: "Confronto 1", prima: "-430.000 euro dal 2013", dopo: "-430 mila euro dal 2013" }]);
  });

  it("a long source is compared word by word; a short one as a value", () => {
    const lunga = "Ufficio anagrafe del Comune, elaborazione su dati ISTAT della popolazione residente al 31 dicembre";
    const m = diffBlocco(indicatore({ fonte: lunga }), indicatore({ fonte: lunga.replace("31 dicembre", "1° gennaio"), nota: "Stima" }));
    expect(m[0]).toMatchObject({ tipo: "testo", campo: "fonte", etichetta: "Fonte" });
    expect(m[1]).toEqual({ tipo: "valore", campo: "nota", etichetta: "Nota", prima: VUOTO, dopo: "Stima" });
  });

  it("a comparison added to an indicator is 'Confronto 1'", () => {
    const m = diffBlocco(indicatore(), indicatore({ confronti: [{ testo: "rispetto al 2015", valore: 1.2, unita: "%" }] }));
    expect(m).toEqual([{ tipo: "valore", campo: "confronti.0", etichetta: "Confronto 1", prima: VUOTO, dopo: "+1,2% rispetto al 2015" }]);
  });

  it("reordered blocks: a moved block is rimosso where it was and aggiunto where it is; nothing else changes", () => {
    const prima = sezione();
    const dopo = [prima[4], ...prima.slice(0, 4), prima[5]]; // the table moved to the top
    const voci = diffSezione(prima, dopo);
    expect(esiti(voci)).toEqual(["aggiunto", "invariato", "invariato", "invariato", "invariato", "rimosso", "invariato"]);
    expect(voci.filter((v) => v.esito === "modificato")).toEqual([]);
    expect(spostati(voci)).toEqual([{ indice: 0, indicePrima: 4 }]);
  });

  it("a block moved AND edited is modificato (same caption), with its old position", () => {
    const prima = sezione();
    const dopo = [indicatore({ valore: 72001 }), prima[0], ...prima.slice(2)];
    const voci = diffSezione(prima, dopo);
    expect(esiti(voci)).toEqual(["modificato", "invariato", "invariato", "invariato", "invariato", "invariato"]);
    expect(voci[0]).toMatchObject({ indice: 0, indicePrima: 1 });
    expect(modificato(voci[0]).modifiche).toEqual([
      { tipo: "valore", campo: "valore", etichetta: "Valore", prima: "71.924 abitanti", dopo: "72.001 abitanti" },
    ]);
  });

  it("empty sections", () => {
    expect(diffSezione([], [])).toEqual([]);
    expect(esiti(diffSezione([], sezione()))).toEqual(Array(6).fill("aggiunto"));
    expect(esiti(diffSezione(sezione(), []))).toEqual(Array(6).fill("rimosso"));
  });
});

describe("parole", () => {
  it("keeps whitespace and punctuation, and gives back both texts", () => {
    const a = "Nel 2016, gli abitanti erano 71.924: un record.";
    const b = "Nel 2016 gli abitanti erano 72.001; un record!";
    const parti = parole(a, b);
    expect(ricostruisci(parti)).toEqual({ prima: a, dopo: b });
    expect(parti).toContainEqual({ tipo: "tolto", testo: "71.924:" });
    expect(parti).toContainEqual({ tipo: "aggiunto", testo: "72.001;" });
  });

  it("groups neighbouring word changes into one removal and one addition", () => {
    expect(parole("il gatto nero dorme", "il cane bianco dorme")).toEqual([
      { tipo: "uguale", testo: "il " },
      { tipo: "tolto", testo: "gatto nero" },
      { tipo: "aggiunto", testo: "cane bianco" },
      { tipo: "uguale", testo: " dorme" },
    ]);
  });

  it("equal, empty and whole-new texts", () => {
    expect(parole("uguale", "uguale")).toEqual([{ tipo: "uguale", testo: "uguale" }]);
    expect(parole("", "")).toEqual([]);
    expect(parole("", "nuovo testo")).toEqual([{ tipo: "aggiunto", testo: "nuovo testo" }]);
    expect(parole("vecchio", "")).toEqual([{ tipo: "tolto", testo: "vecchio" }]);
  });

  it("handles long texts with scattered edits", () => {
    const frasi = Array.from({ length: 400 }, (_, i) => `Frase numero ${i} del racconto.`);
    const a = frasi.join(" ");
    const b = frasi.map((f, i) => (i % 50 === 0 ? f.replace("racconto", "testo") : f)).join(" ");
    const parti = parole(a, b);
    expect(ricostruisci(parti)).toEqual({ prima: a, dopo: b });
    expect(parti.filter((p) => p.tipo === "aggiunto")).toHaveLength(8);
  });
});
