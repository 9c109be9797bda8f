import { describe, expect, it } from "vitest";
import { formatAnno, formatData, formatGiorno, formatNumero, formatValore } from "./format";

describe("formatNumero: numeri all'italiana come nel Bilancio Sociale di Cremona", () => {
  it.each([
    [71924, "71.924"],
    [2.11, "2,11"],
    [1.36, "1,36"],
    [70.4, "70,4"],
    [1022, "1.022"],
    [1905226, "1.905.226"],
    [37729, "37.729"],
    [0, "0"],
    [-3.2, "-3,2"],
  ])("%d → %s", (v, atteso) => expect(formatNumero(v)).toBe(atteso));

  it("usa la scala scelta dall'autore senza perdere il valore", () => {
    expect(formatNumero(1_800_000, { scala: "milioni" })).toBe("1,8 milioni");
    expect(formatNumero(175_000, { scala: "mila" })).toBe("175 mila");
  });

  it("stampa il segno delle variazioni", () => {
    expect(formatNumero(13, { variazione: true })).toBe("+13");
    expect(formatNumero(-2, { variazione: true })).toBe("-2");
  });
});

describe("formatValore: il valore con la sua unità", () => {
  it.each([
    [14.7, "%", {}, "14,7%"],
    [1_800_000, "euro", { scala: "milioni" as const }, "1,8 milioni di euro"],
    [175_000, "euro", { scala: "mila" as const }, "175 mila euro"],
    [6_000_000, "euro", { scala: "mln" as const }, "6 mln di euro"],
    [16.9, "%", { decimali: 2 }, "16,90%"],
    [1_000_000, "euro", { scala: "mln" as const }, "1 mln di euro"],
    [70.4, "kmq", {}, "70,4 kmq"],
    [20, "%", { variazione: true }, "+20%"],
    [2.3, "anni", { variazione: true }, "+2,3 anni"],
    [71924, "", {}, "71.924"],
  ])("%d %s → %s", (v, u, o, atteso) => expect(formatValore(v, u, o)).toBe(atteso));
});

describe("anni e scale come li ha scritti l'autore", () => {
  it("un anno non ha mai il separatore delle migliaia", () => {
    expect(formatAnno(2014)).toBe("2014");
    expect(formatAnno(1999)).toBe("1999");
    expect(formatNumero(2014)).toBe("2.014"); // a quantity of 2.014 is grouped: only years are not
    expect(formatAnno(2014.5)).toBe("2.014,5");
  });

  it("senza scala il numero è stampato per intero: 610.000 euro resta 610.000 euro", () => {
    expect(formatValore(610_000, "euro")).toBe("610.000 euro");
    expect(formatValore(1_800_000, "euro")).toBe("1.800.000 euro");
    expect(formatNumero(610_000)).toBe("610.000");
  });

  it("con la scala scelta dall'autore: 610 mila euro, 1,4 milioni di euro, senza decimali inventati", () => {
    expect(formatValore(610_000, "euro", { scala: "mila" })).toBe("610 mila euro");
    expect(formatValore(1_400_000, "euro", { scala: "milioni" })).toBe("1,4 milioni di euro");
    expect(formatValore(-430_000, "euro", { scala: "mila", variazione: true })).toBe("-430 mila euro");
    expect(formatValore(2_500_000_000, "euro", { scala: "miliardi" })).toBe("2,5 miliardi di euro");
  });

  it("al singolare: 1 milione, 1 miliardo", () => {
    expect(formatValore(1_000_000, "euro", { scala: "milioni" })).toBe("1 milione di euro");
    expect(formatValore(-1_000_000, "euro", { scala: "milioni", variazione: true })).toBe("-1 milione di euro");
    expect(formatNumero(1_000_000_000, { scala: "miliardi" })).toBe("1 miliardo");
    expect(formatNumero(1_000_000, { scala: "milioni", variazione: true })).toBe("+1 milione");
    expect(formatNumero(1_100_000, { scala: "milioni" })).toBe("1,1 milioni");
  });
});

describe("formatGiorno", () => {
  it("prende il giorno dell'ora italiana, non quello UTC", () => {
    expect(formatGiorno("2017-06-01T22:30:00.000Z")).toBe("02/06/2017");
    expect(formatGiorno("2017-06-02T10:00:00.000Z")).toBe("02/06/2017");
  });
});

describe("formatData", () => {
  it("scrive le date come gg/mm/aaaa", () => expect(formatData("2015-12-31")).toBe("31/12/2015"));
});
