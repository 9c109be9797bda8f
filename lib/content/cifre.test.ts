import { describe, expect, it } from "vitest";
import { bloccoSchema, type Indicatore, type Scheda } from "./blocks";
import { testoConfronto, testoImporto, testoIndicatore, testoRisultato, unitaNellEtichetta, valoreConfronto } from "./cifre";

function indicatore(p: Partial<Indicatore>): Indicatore {
  return bloccoSchema.parse({ tipo: "indicatore", etichetta: "abitanti nel 2016", valore: 71924, unita: "abitanti", ...p }) as Indicatore;
}

describe("le cifre come le ha scritte l'autore", () => {
  it("un indicatore senza scala resta per intero; con la scala scelta usa quella", () => {
    expect(testoIndicatore(indicatore({ etichetta: "il valore degli immobili acquisiti", valore: 610_000, unita: "euro" }))).toBe("610.000 euro");
    expect(testoIndicatore(indicatore({ etichetta: "il valore degli immobili acquisiti", valore: 610_000, unita: "euro", scala: "mila" }))).toBe("610 mila euro");
    expect(testoIndicatore(indicatore({ etichetta: "investiti in media ogni anno", valore: 1_800_000, unita: "euro", scala: "milioni" }))).toBe("1,8 milioni di euro");
    expect(testoIndicatore(indicatore({ valore: null, testoValore: "Azzerati", unita: "" }))).toBe("Azzerati");
  });

  it("un confronto conserva la sua scala: - 430 mila euro dal 2013", () => {
    const mila = { testo: "dal 2013 (-2%)", valore: -430_000, unita: "euro", scala: "mila" as const };
    expect(testoConfronto(mila)).toBe("-430 mila euro dal 2013 (-2%)");
    expect(testoConfronto({ ...mila, scala: undefined })).toBe("-430.000 euro dal 2013 (-2%)");
    // As the source wrote them: "Da 16,90% a 31,24%", "6 mln di euro".
    expect(testoConfronto({ testo: "nel 2014", valore: 16.9, unita: "%", decimali: 2, tipo: "riferimento" })).toBe("16,90% nel 2014");
    expect(testoIndicatore({ etichetta: "il margine operativo lordo", valore: 6_000_000, unita: "euro", scala: "mln" })).toBe("6 mln di euro");
    expect(testoConfronto({ testo: "dal 2015", valore: 135_000, unita: "euro", scala: "mila" })).toBe("+135 mila euro dal 2015");
    expect(testoConfronto({ testo: "in Lombardia", valore: 420, unita: "ab/kmq", tipo: "riferimento" })).toBe("420 ab/kmq in Lombardia");
    expect(testoConfronto({ testo: "dal 2014", valore: 26 })).toBe("+26 dal 2014");
    expect(testoConfronto({ testo: "in linea con la media italiana" })).toBe("in linea con la media italiana");
    expect(valoreConfronto({ testo: "x" })).toBeNull();
  });

  it("l'importo di una scheda: 800 mila euro, 6,5 milioni di euro, 80.773 euro", () => {
    expect(testoImporto({ importo: 800_000, scala: "mila", descrizione: "800 mila euro il costo complessivo" })).toBe("800 mila euro");
    expect(testoImporto({ importo: 6_500_000, scala: "milioni" })).toBe("6,5 milioni di euro");
    expect(testoImporto({ importo: 80_773 })).toBe("80.773 euro");
    expect(testoImporto({ descrizione: "Nessun costo" })).toBe("");
    expect(testoImporto(undefined)).toBe("");
  });

  it("il risultato di una scheda", () => {
    const r = (p: Partial<Scheda["risultati"][number]>) => ({ valore: 42, didascalia: "classi", ...p });
    expect(testoRisultato(r({ unita: "classi" }))).toBe("42 classi");
    expect(testoRisultato(r({ valore: 1_800_000, unita: "euro", scala: "milioni" }))).toBe("1,8 milioni di euro");
    expect(testoRisultato(r({ valore: 500_000, unita: "euro" }))).toBe("500.000 euro");
    expect(testoRisultato(r({ valore: 13, unita: "%", variazione: true }))).toBe("+13%");
    expect(testoRisultato(r({ valore: null, testoValore: "Quasi raddoppiati" }))).toBe("Quasi raddoppiati");
  });

  it("le nuove scale passano lo schema dei blocchi, e lo schema rifiuta una scala inventata", () => {
    const scheda = {
      tipo: "scheda",
      titolo: "Polo museale",
      prima: [],
      dopo: [],
      costi: { comune: { importo: 800_000, scala: "mila", descrizione: "800 mila euro" } },
      soggetti: [],
      risultati: [{ valore: 1_800_000, unita: "euro", scala: "milioni", didascalia: "investiti" }],
    };
    expect(bloccoSchema.safeParse(scheda).success).toBe(true);
    expect(bloccoSchema.safeParse({ ...scheda, costi: { comune: { importo: 1, scala: "decine" } } }).success).toBe(false);
    const conScala = indicatore({ confronti: [{ testo: "dal 2013", valore: -430_000, unita: "euro", scala: "mila" }] });
    expect(conScala.confronti?.[0].scala).toBe("mila");
  });
});

describe("l'unità già nell'etichetta, come nella fonte", () => {
  it("stampa il numero da solo quando l'etichetta comincia con l'unità, anche dopo l'articolo", () => {
    expect(unitaNellEtichetta("abitanti", "abitanti nel 2016")).toBe(true);
    expect(unitaNellEtichetta("posti letto", "i posti letto")).toBe(true);
    expect(unitaNellEtichetta("arrivi", "gli arrivi registrati a Cremona nel 2016")).toBe(true);
    expect(unitaNellEtichetta("componenti", "i componenti in media per famiglia")).toBe(true);
    expect(unitaNellEtichetta("ore", "le ore di apertura")).toBe(true);
    expect(unitaNellEtichetta("età", "l'età media")).toBe(true);
    expect(testoIndicatore(indicatore({ etichetta: "i posti letto", valore: 1273, unita: "posti letto" }))).toBe("1.273");
    expect(testoIndicatore(indicatore({}))).toBe("71.924");
  });

  it("non toglie l'unità quando l'etichetta parla d'altro o la contiene solo come prefisso", () => {
    expect(unitaNellEtichetta("euro", "il reddito medio pro-capite")).toBe(false);
    expect(unitaNellEtichetta("ore", "oreficerie aperte la domenica")).toBe(false);
    expect(unitaNellEtichetta("anni", "l'anniversario")).toBe(false);
    expect(unitaNellEtichetta("%", "% di raccolta differenziata")).toBe(false);
    expect(unitaNellEtichetta("", "abitanti")).toBe(false);
    expect(unitaNellEtichetta(undefined, "abitanti")).toBe(false);
    expect(testoIndicatore(indicatore({ etichetta: "la raccolta differenziata", valore: 72, unita: "%" }))).toBe("72%");
  });
});
