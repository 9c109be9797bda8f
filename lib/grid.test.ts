import { describe, expect, it } from "vitest";
import type { Serie, Tabella } from "./content/blocks";
import {
  aggiungiColonna,
  collocaBlocco,
  erroriCelle,
  incollaInSerie,
  incollaInTabella,
  matriceDaSerie,
  posizioneIncollaSerie,
  prossimaCategoria,
  riallineaTesti,
  rimuoviColonna,
  rimuoviRiga,
  testiDaSerie,
  testoCella,
  testoDiNumero,
} from "./grid";

const serie = (over: Partial<Serie> = {}): Serie => ({
  tipo: "serie",
  titolo: "Arrivi e presenze",
  grafico: "barre",
  categorie: ["2014", "2015"],
  serie: [
    { nome: "Arrivi", valori: [100, 1234.5] },
    { nome: "Presenze", valori: [null, 300] },
  ],
  ...over,
});

describe("collocaBlocco", () => {
  it("writes inside the grid without growing it", () => {
    const g = [["a", "b"], ["c", "d"]];
    expect(collocaBlocco(g, [["x"]], 1, 1, "")).toEqual([["a", "b"], ["c", "x"]]);
    expect(g).toEqual([["a", "b"], ["c", "d"]]);
  });

  it("grows rows and columns, keeping the grid rectangular", () => {
    expect(collocaBlocco([["a"]], [["1", "2"], ["3", "4"]], 1, 1, "")).toEqual([
      ["a", "", ""],
      ["", "1", "2"],
      ["", "3", "4"],
    ]);
  });

  it("keeps the grid's cells where a ragged block row is short", () => {
    expect(collocaBlocco([["a", "b"], ["c", "d"]], [["1", "2"], ["3"]], 0, 0, "")).toEqual([["1", "2"], ["3", "d"]]);
  });

  it("accepts an empty grid and an empty block", () => {
    expect(collocaBlocco<string>([], [["1"]], 0, 0, "")).toEqual([["1"]]);
    expect(collocaBlocco([["a"]], [], 3, 3, "")).toEqual([["a"]]);
  });
});

describe("rows and columns", () => {
  it("removes a row and a column, adds a column", () => {
    const g = [["a", "b"], ["c", "d"]];
    expect(rimuoviRiga(g, 0)).toEqual([["c", "d"]]);
    expect(rimuoviColonna(g, 1)).toEqual([["a"], ["c"]]);
    expect(aggiungiColonna(g, "")).toEqual([["a", "b", ""], ["c", "d", ""]]);
  });
});

describe("prossimaCategoria", () => {
  it("gives the year after the last numeric category", () => {
    expect(prossimaCategoria(["2014", "2015"])).toBe("2016");
    expect(prossimaCategoria(["2014", "Totale"])).toBe("2015");
  });
  it("is empty for labels, the edition's first year for no categories", () => {
    expect(prossimaCategoria(["0-14 anni"])).toBe("");
    expect(prossimaCategoria([], 2016)).toBe("2016");
    expect(prossimaCategoria([])).toBe("");
  });
});

describe("texts", () => {
  it("formats numbers the Italian way without binary noise", () => {
    expect(testoDiNumero(1234.5)).toBe("1.234,5");
    expect(testoDiNumero(14.700000000000001)).toBe("14,7");
    expect(testoDiNumero(-3)).toBe("-3");
    expect(testoCella(71924)).toBe("71.924");
    expect(testoCella(null)).toBe("");
    expect(testoCella("1.234")).toBe("1.234");
    // In a column of years the input shows the year as typed, not "2.014".
    expect(testoCella(2014, true)).toBe("2014");
    expect(testoCella(2014)).toBe("2.014");
  });

  it("derives cell texts from a series", () => {
    expect(testiDaSerie(serie())).toEqual([["100", "1.234,5"], ["", "300"]]);
  });

  it("keeps typed texts whose value did not change, replaces the others", () => {
    const prima = serie();
    const testi = [["100", "1.234,5"], ["abc", "300,0"]];
    const dopo = serie({ serie: [{ nome: "Arrivi", valori: [7, 1234.5] }, { nome: "Presenze", valori: [null, 300] }] });
    expect(riallineaTesti(testi, prima, dopo)).toEqual([["7", "1.234,5"], ["abc", "300,0"]]);
  });

  it("re-derives when the shape changed, keeping texts that still match", () => {
    const prima = serie();
    const dopo = serie({ categorie: ["2014"], serie: [{ nome: "Arrivi", valori: [100] }] });
    expect(riallineaTesti([["100,0", "x"], ["abc", "300"]], prima, dopo)).toEqual([["100,0"]]);
  });

  it("lists the cells that do not parse", () => {
    expect(erroriCelle([["1", "x"], ["", "2"]], 2)).toEqual([{ riga: 1, serie: 0, messaggio: expect.any(String) }]);
  });
});

describe("posizioneIncollaSerie", () => {
  it("moves a block with a header row up to the names row when pasted in the first data row", () => {
    expect(posizioneIncollaSerie([["Anno", "Arrivi"], ["2015", "10"]], 1, 1)).toEqual({ riga: 0, colonna: 0 });
    expect(posizioneIncollaSerie([["Arrivi", "Presenze"], ["1", "2"]], 1, 2)).toEqual({ riga: 0, colonna: 2 });
  });
  it("moves a block with a text or year first column to the categories column", () => {
    expect(posizioneIncollaSerie([["Maschi", "10"], ["Femmine", "12"]], 3, 1)).toEqual({ riga: 3, colonna: 0 });
    expect(posizioneIncollaSerie([["2015", "10"], ["2016", "12"]], 1, 1)).toEqual({ riga: 1, colonna: 0 });
  });
  it("leaves plain numbers where they were pasted", () => {
    expect(posizioneIncollaSerie([["10", "20"], ["30", "40"]], 1, 1)).toEqual({ riga: 1, colonna: 1 });
    expect(posizioneIncollaSerie([["2015"], ["2016"]], 1, 1)).toEqual({ riga: 1, colonna: 1 });
    expect(posizioneIncollaSerie([["Anno", "Arrivi"]], 2, 1)).toEqual({ riga: 2, colonna: 1 });
    // A column of labels pasted into the categories column is not a header.
    expect(posizioneIncollaSerie([["Maschi"], ["Femmine"]], 1, 0)).toEqual({ riga: 1, colonna: 0 });
  });
});

describe("incollaInSerie", () => {
  it("fills from a value cell, growing rows with the next years", () => {
    const s = serie();
    const r = incollaInSerie(s, testiDaSerie(s), [["1"], ["2"], ["3"]], 2, 1);
    expect(r.serie.categorie).toEqual(["2014", "2015", "2016", "2017"]);
    expect(r.serie.serie[0].valori).toEqual([100, 1, 2, 3]);
    expect(r.serie.serie[1].valori).toEqual([null, 300, null, null]);
    expect(r.testi[0]).toEqual(["100", "1", "2", "3"]);
    expect(r.errori).toEqual([]);
    expect(r.celle).toBe(3);
  });

  it("reads a whole table with header and categories into an empty series", () => {
    const vuota = serie({ categorie: [], serie: [] });
    const blocco = [["Anno", "Arrivi", "Presenze"], ["2015", "1.234", "12,5"], ["2016", "n.d.", "13"]];
    const r = incollaInSerie(vuota, [], blocco, 1, 1);
    expect(r.serie.categorie).toEqual(["2015", "2016"]);
    expect(r.serie.serie).toEqual([
      { nome: "Arrivi", valori: [1234, null] },
      { nome: "Presenze", valori: [12.5, 13] },
    ]);
    expect(r.testi).toEqual([["1.234", "n.d."], ["12,5", "13"]]);
    expect(r.errori).toEqual([{ riga: 1, serie: 0, messaggio: expect.any(String) }]);
  });

  it("names new series 'Serie N' and keeps the previous values outside the block", () => {
    const s = serie();
    const testi = [["100", "abc"], ["", "300"]];
    const r = incollaInSerie(s, testi, [["5", "6"]], 1, 2);
    expect(r.serie.serie.map((x) => x.nome)).toEqual(["Arrivi", "Presenze", "Serie 3"]);
    // "abc" is not in the block: its cell keeps the payload's previous value.
    expect(r.serie.serie[0].valori).toEqual([100, 1234.5]);
    expect(r.serie.serie[1].valori).toEqual([5, 300]);
    expect(r.serie.serie[2].valori).toEqual([6, null]);
    expect(r.testi[0]).toEqual(["100", "abc"]);
  });

  it("pastes names into the names row and categories into the categories column", () => {
    const s = serie();
    const r1 = incollaInSerie(s, testiDaSerie(s), [["A", "B"]], 0, 1);
    expect(r1.serie.serie.map((x) => x.nome)).toEqual(["A", "B"]);
    const r2 = incollaInSerie(s, testiDaSerie(s), [["X"], ["Y"], ["Z"]], 1, 0);
    expect(r2.serie.categorie).toEqual(["X", "Y", "Z"]);
    expect(r2.serie.serie[0].valori).toEqual([100, 1234.5, null]);
  });

  it("round-trips through the whole-grid matrix", () => {
    const s = serie();
    expect(matriceDaSerie(s, testiDaSerie(s))).toEqual([
      ["", "Arrivi", "Presenze"],
      ["2014", "100", ""],
      ["2015", "1.234,5", "300"],
    ]);
  });
});

describe("incollaInTabella", () => {
  const t: Tabella = { tipo: "tabella", titolo: "T", intestazione: ["A", "B"], righe: [["x", 1]] };

  it("fills the header from the first pasted row when pasted in the header", () => {
    const r = incollaInTabella(t, [["Voce", "2015", "2016"], ["Spesa", "1.234", "5"]], 0, 0);
    expect(r.intestazione).toEqual(["Voce", "2015", "2016"]);
    expect(r.righe).toEqual([["Spesa", "1.234", "5"]]);
  });

  it("grows rows and columns, keeping cells as typed strings", () => {
    const r = incollaInTabella(t, [["1.234"], ["y"]], 1, 1);
    expect(r.intestazione).toEqual(["A", "B"]);
    expect(r.righe).toEqual([["x", "1.234"], ["", "y"]]);
    const r2 = incollaInTabella(t, [["a", "b"]], 1, 1);
    expect(r2.intestazione).toEqual(["A", "B", ""]);
    expect(r2.righe).toEqual([["x", "a", "b"]]);
  });
});
