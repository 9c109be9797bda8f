import { describe, expect, it } from "vitest";
import { colonneDiAnni, cellaStampata, intestazioneDiAnni } from "./tabelle";

describe("celle di tabella", () => {
  it("una colonna di anni si legge 2014, non 2.014", () => {
    const t = { intestazione: ["Anno", "Rete", "Iscritti"], righe: [[2014, "I.T.E.R.", 1200], [2015, "Città Sane", 15300]] };
    const anni = colonneDiAnni(t);
    expect(anni).toEqual([true, false, false]);
    expect(t.righe.map((r) => r.map((c, j) => cellaStampata(c, anni[j])))).toEqual([
      ["2014", "I.T.E.R.", "1.200"],
      ["2015", "Città Sane", "15.300"],
    ]);
  });

  it("riconosce gli anni anche senza intestazione, ma non confonde importi o decimali", () => {
    expect(colonneDiAnni({ intestazione: ["Periodo", "Euro"], righe: [[2016, 2016], [2017, 1_800_000]] })).toEqual([true, false]);
    expect(colonneDiAnni({ intestazione: ["Indice"], righe: [[2014.5]] })).toEqual([false]);
    expect(colonneDiAnni({ intestazione: ["Vuota"], righe: [] })).toEqual([false]);
    // One year retyped in the editor becomes text: the column stays one of years.
    expect(colonneDiAnni({ intestazione: ["Periodo"], righe: [[2014], ["2015"], [""]] })).toEqual([true]);
    expect(colonneDiAnni({ intestazione: ["Periodo"], righe: [[2014], ["totale"]] })).toEqual([false]);
    expect(cellaStampata(1234.5, false)).toBe("1.234,5");
    expect(cellaStampata(null, true)).toBe("");
  });

  it("un'intestazione di anni si riconosce dalla parola, non da un prefisso", () => {
    expect(["Anno", "anni", "Anno scolastico", " Anno di adesione"].map(intestazioneDiAnni)).toEqual([true, true, true, true]);
    expect(["Annotazioni", "Anniversario", "Riunioni 2014-2016", ""].map(intestazioneDiAnni)).toEqual([false, false, false, false]);
  });

  it("un anno scritto come testo resta com'è, e i numeri interi accanto restano raggruppati", () => {
    const t = { intestazione: ["Anno", "Spettatori"], righe: [["2015", 2047], ["2016", 3356]] };
    const anni = colonneDiAnni(t);
    expect(anni).toEqual([true, false]);
    expect(t.righe.map((r) => r.map((c, j) => cellaStampata(c, anni[j])))).toEqual([
      ["2015", "2.047"],
      ["2016", "3.356"],
    ]);
  });
});
