import { describe, expect, it } from "vitest";
import { confrontoConBase, dalBase, quandoBase, rigaBase, ugualeAllaBase, valorePrecedente, type IndicatoreConBase } from "./baseline";
import { indicatoreSchema, type BaseIndicatore, type Indicatore } from "./blocks";

const EDIZIONE = "Bilancio Sociale 2014–2016";

function base(p: Partial<BaseIndicatore> = {}): BaseIndicatore {
  return { valore: 71924, unita: "abitanti", riferimento: "2016", edizione: EDIZIONE, anno: 2016, ...p };
}

// Every fixture passes the real schema, so the functions are tested on payloads the app can store.
function ind(p: Partial<Indicatore> = {}): Indicatore {
  return indicatoreSchema.parse({ tipo: "indicatore", etichetta: "abitanti", valore: 75229, unita: "abitanti", riferimento: "2019", base: base(), ...p });
}

describe("dalBase e quandoBase: da quando si confronta", () => {
  it("usano l'anno o la data del riferimento precedente", () => {
    expect(dalBase(base())).toBe("dal 2016");
    expect(quandoBase(base())).toBe("nel 2016");
    expect(dalBase(base({ riferimento: "al 31/12/2015" }))).toBe("dal 31/12/2015");
    expect(quandoBase(base({ riferimento: "al 31/12/2015" }))).toBe("al 31/12/2015");
    expect(dalBase(base({ riferimento: "31 dicembre 2016" }))).toBe("dal 31 dicembre 2016");
    expect(dalBase(base({ riferimento: "Dicembre 2016" }))).toBe("dal dicembre 2016");
    expect(quandoBase(base({ riferimento: "dicembre 2016" }))).toBe("a dicembre 2016");
  });

  it("senza riferimento, o con un intervallo, usano l'ultimo anno dell'edizione precedente", () => {
    expect(dalBase(base({ riferimento: undefined }))).toBe("dal 2016");
    expect(dalBase(base({ riferimento: "tra 2014 e 2016", anno: 2016 }))).toBe("dal 2016");
    expect(dalBase(base({ riferimento: "anno scolastico 2015/2016", anno: 2016 }))).toBe("dal 2016");
  });
});

describe("confrontoConBase", () => {
  it("un livello: variazione percentuale, all'italiana", () => {
    expect(confrontoConBase(ind())).toEqual({ ok: true, tipo: "percentuale", variazione: expect.closeTo(4.595, 2), testo: "+4,6% dal 2016" });
    expect(confrontoConBase(ind({ valore: 68000 }))).toMatchObject({ ok: true, testo: "-5,5% dal 2016" });
    expect(confrontoConBase(ind({ valore: 143848 }))).toMatchObject({ testo: "+100% dal 2016" });
  });

  it("una variazione minima non diventa «+0%»", () => {
    expect(confrontoConBase(ind({ valore: 71930 }))).toMatchObject({ testo: "+0,01% dal 2016" });
    expect(confrontoConBase(ind({ valore: 71925, base: base({ valore: 71924.9 }) }))).toMatchObject({ testo: "quasi invariato dal 2016" });
  });

  it("un valore uguale è «invariato»", () => {
    expect(confrontoConBase(ind({ valore: 71924 }))).toEqual({ ok: true, tipo: "invariato", variazione: 0, testo: "invariato dal 2016" });
    // No float noise: 2,11 against 2,11 typed again.
    expect(confrontoConBase(ind({ valore: 2.11, unita: "componenti", base: base({ valore: 2.11, unita: "componenti" }) }))).toMatchObject({ tipo: "invariato" });
  });

  it("una percentuale: differenza in punti", () => {
    const quota = (valore: number, prima: number) => ind({ valore, unita: "%", base: base({ valore: prima, unita: "%" }) });
    expect(confrontoConBase(quota(17.2, 16))).toMatchObject({ ok: true, tipo: "punti", variazione: 1.2, testo: "+1,2 punti dal 2016" });
    expect(confrontoConBase(quota(26, 27))).toMatchObject({ tipo: "punti", testo: "-1 punto dal 2016" });
    expect(confrontoConBase(quota(14.75, 14.7))).toMatchObject({ testo: "+0,05 punti dal 2016" });
    expect(confrontoConBase(quota(16, 16))).toMatchObject({ tipo: "invariato", testo: "invariato dal 2016" });
    // Also from a base of 0: points need no division.
    expect(confrontoConBase(quota(3, 0))).toMatchObject({ testo: "+3 punti dal 2016" });
  });

  it("un indicatore che è già una variazione: differenza semplice nella sua unità", () => {
    const v = ind({ valore: 4, unita: "ore", variazione: true, base: base({ valore: 9, unita: "ore", riferimento: "tra 2016 e 2017", anno: 2016 }) });
    expect(confrontoConBase(v)).toMatchObject({ ok: true, tipo: "differenza", variazione: -5, testo: "-5 ore dal 2016" });
    const euro = ind({ valore: 2_300_000, unita: "euro", scala: "milioni", variazione: true, base: base({ valore: 1_800_000, unita: "euro", scala: "milioni" }) });
    expect(confrontoConBase(euro)).toMatchObject({ testo: "+0,5 milioni di euro dal 2016" });
    const poco = ind({ valore: 1_800_500, unita: "euro", scala: "milioni", variazione: true, base: base({ valore: 1_800_000, unita: "euro", scala: "milioni" }) });
    expect(confrontoConBase(poco)).toMatchObject({ testo: "+500 euro dal 2016" });
  });

  it("niente confronto quando manca un valore, la base è zero o l'unità è cambiata", () => {
    expect(confrontoConBase(ind({ base: undefined }))).toEqual({ ok: false, motivo: "senza-base" });
    expect(confrontoConBase(ind({ valore: null, testoValore: "in crescita" }))).toEqual({ ok: false, motivo: "senza-valore" });
    expect(confrontoConBase(ind({ base: base({ valore: null, testoValore: "Azzerati" }) }))).toEqual({ ok: false, motivo: "base-senza-valore" });
    expect(confrontoConBase(ind({ valore: 5, base: base({ valore: 0 }) }))).toEqual({ ok: false, motivo: "base-zero" });
    expect(confrontoConBase(ind({ unita: "famiglie" }))).toEqual({ ok: false, motivo: "unita-diverse" });
    // Case and spacing of the unit do not count as a change.
    expect(confrontoConBase(ind({ unita: " Abitanti " }))).toMatchObject({ ok: true });
  });
});

describe("valorePrecedente e rigaBase", () => {
  it("stampano il valore precedente come lo stampava l'edizione", () => {
    expect(valorePrecedente(ind())).toBe("71.924 abitanti");
    expect(valorePrecedente(ind(), { unita: false })).toBe("71.924");
    expect(valorePrecedente(ind({ unita: "euro", base: base({ valore: 1_800_000, unita: "euro", scala: "milioni" }) }))).toBe("1,8 milioni di euro");
    expect(valorePrecedente(ind({ base: base({ valore: null, testoValore: "Azzerati" }) }))).toBe("Azzerati");
    expect(valorePrecedente(ind({ base: undefined }))).toBeNull();
  });

  it("la riga sotto il valore: confronto e valore di prima", () => {
    expect(rigaBase(ind(), { unita: false })).toBe("+4,6% dal 2016 · era 71.924");
    expect(rigaBase(ind({ valore: 71924 }))).toBe("invariato dal 2016");
    expect(rigaBase(ind({ valore: 3, base: base({ valore: 0, riferimento: "al 31/12/2015" }) }))).toBe("Al 31/12/2015: 0 abitanti");
    expect(rigaBase(ind({ base: base({ valore: null, testoValore: "Azzerati" }) }))).toBe("Nel 2016: Azzerati");
    expect(rigaBase(ind({ base: undefined }))).toBeNull();
  });
});

describe("ugualeAllaBase", () => {
  it("vero solo se valore e riferimento sono quelli dell'edizione precedente", () => {
    const x = (p: Partial<IndicatoreConBase>) => ugualeAllaBase(ind(p as Partial<Indicatore>));
    expect(x({ valore: 71924, riferimento: "2016" })).toBe(true);
    expect(x({ valore: 71924, riferimento: " 2016 " })).toBe(true);
    expect(x({ valore: 71924, riferimento: "2019" })).toBe(false);
    expect(x({ valore: 75229, riferimento: "2016" })).toBe(false);
    expect(x({ valore: null, testoValore: "Azzerati", riferimento: "2016", base: base({ valore: null, testoValore: "Azzerati" }) })).toBe(true);
    expect(x({ valore: null, testoValore: "Ancora azzerati", riferimento: "2016", base: base({ valore: null, testoValore: "Azzerati" }) })).toBe(false);
    expect(x({ valore: 71924, riferimento: undefined, base: base({ riferimento: undefined }) })).toBe(true);
    expect(x({ base: undefined })).toBe(false);
  });
});
