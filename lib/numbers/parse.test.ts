import { describe, expect, it } from "vitest";
import { formatValore, type OpzioniNumero } from "./format";
import { interpretaCella, interpretaNumero, type NumeroInterpretato } from "./parse";

function numero(testo: string): NumeroInterpretato {
  const esito = interpretaNumero(testo);
  if (!esito.ok) throw new Error(`«${testo}» rifiutato: ${esito.messaggio}`);
  return esito.numero;
}

function messaggio(testo: string): string {
  const esito = interpretaNumero(testo);
  if (esito.ok) throw new Error(`«${testo}» accettato come ${JSON.stringify(esito.numero)}`);
  return esito.messaggio;
}

describe("interpretaNumero: le cifre del Bilancio Sociale di Cremona 2014–2016", () => {
  it.each<[string, NumeroInterpretato]>([
    ["71.924", { valore: 71924 }],
    ["2,11", { valore: 2.11 }],
    ["14,7%", { valore: 14.7, unita: "%" }],
    ["52,5%", { valore: 52.5, unita: "%" }],
    ["1,8 milioni di euro", { valore: 1_800_000, scala: "milioni", unita: "euro" }],
    ["175 mila euro", { valore: 175_000, scala: "mila", unita: "euro" }],
    ["1.905.226 mq", { valore: 1_905_226, unita: "mq" }],
    ["+ 2,3 anni", { valore: 2.3, unita: "anni", variazione: true }],
    ["+13%", { valore: 13, unita: "%", variazione: true }],
    ["70,4 kmq", { valore: 70.4, unita: "kmq" }],
    ["29.500 euro", { valore: 29_500, unita: "euro" }],
    ["1.022 abitanti per kmq", { valore: 1022, unita: "abitanti per kmq" }],
    ["10.556", { valore: 10_556 }],
    ["37.729", { valore: 37_729 }],
    ["24,4 milioni di euro", { valore: 24_400_000, scala: "milioni", unita: "euro" }],
    ["29,8 milioni di euro", { valore: 29_800_000, scala: "milioni", unita: "euro" }],
    ["-4,1 milioni di euro", { valore: -4_100_000, scala: "milioni", unita: "euro" }],
    ["-5 milioni di euro", { valore: -5_000_000, scala: "milioni", unita: "euro" }],
    ["6,7 milioni di euro", { valore: 6_700_000, scala: "milioni", unita: "euro" }],
    ["+137 mila euro", { valore: 137_000, scala: "mila", unita: "euro", variazione: true }],
    ["- 430 mila euro", { valore: -430_000, scala: "mila", unita: "euro" }],
    ["-42 mln di euro", { valore: -42_000_000, scala: "mln", unita: "euro" }],
    ["+ 136.861 €", { valore: 136_861, unita: "euro", variazione: true }],
    ["+ 2.155.796 €", { valore: 2_155_796, unita: "euro", variazione: true }],
    ["+ 10.631.457 €", { valore: 10_631_457, unita: "euro", variazione: true }],
    ["- 130.998 €", { valore: -130_998, unita: "euro" }],
    ["- 693 €", { valore: -693, unita: "euro" }],
    ["108.440 mq", { valore: 108_440, unita: "mq" }],
    ["827.860 mq", { valore: 827_860, unita: "mq" }],
    ["0,02%", { valore: 0.02, unita: "%" }],
    ["16,67%", { valore: 16.67, unita: "%" }],
    ["45,51%", { valore: 45.51, unita: "%" }],
    ["+36,5 euro", { valore: 36.5, unita: "euro", variazione: true }],
    ["-29 anni", { valore: -29, unita: "anni" }],
    ["+ 3,4%", { valore: 3.4, unita: "%", variazione: true }],
    ["250.000 abitanti", { valore: 250_000, unita: "abitanti" }],
    ["139.192 euro", { valore: 139_192, unita: "euro" }],
    ["3,7 milioni", { valore: 3_700_000, scala: "milioni" }],
    ["2016", { valore: 2016 }],
  ])("«%s»", (testo, atteso) => expect(numero(testo)).toStrictEqual(atteso));
});

describe("interpretaNumero: le forme che un funzionario può digitare", () => {
  it.each<[string, NumeroInterpretato]>([
    ["€ 1.234.567,50", { valore: 1_234_567.5, unita: "euro", decimali: 2 }],
    ["1.234.567,50 €", { valore: 1_234_567.5, unita: "euro", decimali: 2 }],
    // The zero its author wrote stays: "16,90%" is printed back as "16,90%".
    ["16,90%", { valore: 16.9, unita: "%", decimali: 2 }],
    ["16,9%", { valore: 16.9, unita: "%" }],
    ["€1.234", { valore: 1234, unita: "euro" }],
    ["-3,2", { valore: -3.2 }],
    ["+20%", { valore: 20, unita: "%", variazione: true }],
    ["1.500", { valore: 1500 }],
    ["1500", { valore: 1500 }],
    ["1,5", { valore: 1.5 }],
    ["0,5", { valore: 0.5 }],
    ["2 miliardi", { valore: 2_000_000_000, scala: "miliardi" }],
    ["1 milione di euro", { valore: 1_000_000, scala: "milioni", unita: "euro" }],
    ["1,25 miliardi di euro", { valore: 1_250_000_000, scala: "miliardi", unita: "euro" }],
    ["−3", { valore: -3 }],
    ["−3,5 %", { valore: -3.5, unita: "%" }],
    ["- € 693", { valore: -693, unita: "euro" }],
    ["14,7 %", { valore: 14.7, unita: "%" }],
    ["12 EUR", { valore: 12, unita: "euro" }],
    ["0", { valore: 0 }],
    ["-0", { valore: 0 }],
  ])("«%s»", (testo, atteso) => expect(numero(testo)).toStrictEqual(atteso));

  it("ignora gli spazi intorno e gli spazi non separabili", () => {
    expect(numero("  71.924  ")).toStrictEqual({ valore: 71924 });
    expect(numero("\u00a01,8\u00a0milioni di\u00a0euro\u00a0")).toStrictEqual({ valore: 1_800_000, scala: "milioni", unita: "euro" });
    expect(numero("€\u00a01.234,50")).toStrictEqual({ valore: 1234.5, unita: "euro", decimali: 2 });
    expect(numero("70,4\u202fkmq")).toStrictEqual({ valore: 70.4, unita: "kmq" });
  });

  it("calcola la scala in modo esatto, senza errori di virgola mobile", () => {
    expect(numero("1,8 milioni").valore).toBe(1_800_000);
    expect(numero("4,1 milioni").valore).toBe(4_100_000);
    expect(numero("0,3 milioni").valore).toBe(300_000);
    expect(numero("1,15 mila").valore).toBe(1150);
    expect(numero("2,07 miliardi").valore).toBe(2_070_000_000);
    expect(numero("0,1").valore).toBe(0.1);
    expect(numero("0,007").valore).toBe(0.007);
    expect(numero("1.234.567,891").valore).toBe(1234567.891);
  });

  it("non segna come variazione un numero negativo senza «+»", () => {
    expect(numero("-3,2").variazione).toBeUndefined();
  });
});

describe("interpretaNumero: i rifiuti spiegano il perché e la forma giusta", () => {
  it("vuoto", () => {
    expect(messaggio("")).toMatch(/^Inserisci un numero/);
    expect(messaggio("   ")).toMatch(/^Inserisci un numero/);
    expect(messaggio("\u00a0")).toMatch(/^Inserisci un numero/);
  });

  it("il punto con gruppi che non sono di 3 cifre: «12.34»", () => {
    const m = messaggio("12.34");
    expect(m).toContain("il punto separa le migliaia");
    expect(m).toContain("il separatore decimale è la virgola");
    expect(m).toContain("12,34");
  });

  it.each(["1.5.0", "1.23", "1.2345", "1234.567", "1.", "1..000"])("«%s» rifiutato per i gruppi delle migliaia", (t) => {
    expect(messaggio(t)).toContain("il punto separa le migliaia");
  });

  it("«1.5.0» suggerisce la virgola per i decimali", () => {
    expect(messaggio("1.5.0")).toContain("Usa la virgola per i decimali: 12,34");
  });

  it("più di una virgola: «12,3,4»", () => {
    const m = messaggio("12,3,4");
    expect(m).toContain("ci può essere una sola virgola decimale");
    expect(m).toContain("1.234,5");
  });

  it("punto dopo la virgola (forma inglese «1,234.5»)", () => {
    const m = messaggio("1,234.5");
    expect(m).toContain("il punto separa le migliaia e va prima della virgola decimale");
    expect(m).toContain("1.234,5");
  });

  it("virgola senza decimali", () => {
    expect(messaggio("12,")).toBe("Dopo la virgola servono le cifre decimali: scrivi 12,5 oppure solo 12");
  });

  it.each(["circa 1.000", "oltre 500 mila euro", "abc", "%12", "n.d.", "-", "€", "+ abc"])(
    "«%s»: parole prima del numero",
    (t) => {
      const m = messaggio(t);
      expect(m).toMatch(/^Il valore deve iniziare con un numero/);
      expect(m).toContain("solo €, + o -");
      expect(m).toContain("ad esempio 1.234 oppure 12,5");
    },
  );

  it("numero che inizia con la virgola: suggerisce lo zero", () => {
    expect(messaggio(",5")).toBe("Il valore deve iniziare con una cifra: scrivi 0,5");
    expect(messaggio(".5")).toBe("Il valore deve iniziare con una cifra: scrivi 0,5");
  });

  it("spazio come separatore delle migliaia", () => {
    expect(messaggio("12 345")).toContain("usa il punto. Ad esempio 12.345");
  });

  it("doppio segno", () => {
    expect(messaggio("+-3")).toContain("Il segno va scritto una volta sola");
  });

  it("testo dopo la percentuale o al posto dell'unità", () => {
    expect(messaggio("14,7% della popolazione")).toContain("Dopo il simbolo % non va scritto altro");
    expect(messaggio("12 (stima)")).toContain("Dopo il numero è ammessa solo l'unità di misura");
  });

  it("€ con un'altra unità", () => {
    expect(messaggio("€ 12 kmq")).toContain("Il simbolo € e l'unità «kmq» non vanno insieme");
  });
});

describe("interpretaNumero ∘ formatValore: andata e ritorno", () => {
  it.each<[number, string | undefined, OpzioniNumero]>([
    [71924, undefined, {}],
    [2.11, undefined, {}],
    [0.5, undefined, {}],
    [-3.2, undefined, {}],
    [2016, undefined, {}],
    [14.7, "%", {}],
    [20, "%", { variazione: true }],
    [-44, "%", { variazione: true }],
    [1_800_000, "euro", { scala: "milioni" }],
    [175_000, "euro", { scala: "mila" }],
    [-430_000, "euro", { scala: "mila" }],
    [3_700_000, undefined, { scala: "milioni" }],
    [2_000_000_000, undefined, { scala: "miliardi" }],
    [1_250_000_000, "euro", { scala: "miliardi" }],
    [1_000_000, "euro", { scala: "milioni" }],
    [-1_000_000_000, undefined, { scala: "miliardi" }],
    [610_000, "euro", {}],
    [1_905_226, "mq", {}],
    [70.4, "kmq", {}],
    [2.3, "anni", { variazione: true }],
    [1022, "abitanti per kmq", {}],
    [1_234_567.5, "euro", {}],
    [29_500, "euro", {}],
    [0, "%", {}],
    [1.36, undefined, { decimali: 2 }],
  ])("%d %s %o", (valore, unita, opzioni) => {
    const testo = formatValore(valore, unita, opzioni);
    const n = numero(testo);
    expect(n.valore).toBe(valore);
    expect(n.unita).toBe(unita);
    expect(n.scala).toBe(opzioni.scala);
    if (opzioni.variazione && valore > 0) expect(n.variazione).toBe(true);
  });
});

describe("interpretaCella: un numero nudo, come da un foglio di calcolo", () => {
  it.each<[string, number | null]>([
    ["1.234,5", 1234.5],
    ["12%", 12],
    ["-3,2", -3.2],
    ["71924", 71924],
    ["€ 1.234,50", 1234.5],
    ["1,8 milioni", 1_800_000],
    ["", null],
    ["   ", null],
  ])("«%s» → %s", (testo, atteso) => expect(interpretaCella(testo)).toStrictEqual({ ok: true, valore: atteso }));

  it("rifiuta un'unità che appartiene alla colonna", () => {
    const esito = interpretaCella("12 anni");
    expect(esito.ok).toBe(false);
    if (!esito.ok) {
      expect(esito.messaggio).toContain("l'unità «anni» va nell'intestazione della colonna");
      expect(esito.messaggio).toContain("Ad esempio 12");
    }
  });

  it("riporta gli stessi errori di interpretaNumero", () => {
    expect(interpretaCella("12.34")).toStrictEqual(interpretaNumero("12.34"));
    expect(interpretaCella("12,3,4")).toStrictEqual(interpretaNumero("12,3,4"));
  });
});
