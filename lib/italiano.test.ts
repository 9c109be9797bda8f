import { describe, expect, it } from "vitest";
import { accorda, articolo, conArticolo, perNumero, plurale, preposizione, preposizioneArticolata } from "./italiano";

describe("plurali", () => {
  it("1 vuole il singolare, 0 e gli altri numeri il plurale", () => {
    expect(plurale(1, "commento aperto", "commenti aperti")).toBe("1 commento aperto");
    expect(plurale(2, "commento aperto", "commenti aperti")).toBe("2 commenti aperti");
    expect(plurale(0, "commento aperto", "commenti aperti")).toBe("0 commenti aperti");
    expect(plurale(1, "valutazione", "valutazioni")).toBe("1 valutazione");
    expect(perNumero(1, "Pubblicata", "Pubblicate")).toBe("Pubblicata");
    expect(perNumero(3, "Pubblicata", "Pubblicate")).toBe("Pubblicate");
  });

  it("i numeri grandi si scrivono all'italiana", () => {
    expect(plurale(12345, "valutazione", "valutazioni")).toBe("12.345 valutazioni");
  });
});

describe("articoli", () => {
  it("maschile: il, lo, l'; i, gli", () => {
    expect(articolo("blocco", "m")).toBe("il");
    expect(articolo("stato", "m")).toBe("lo");
    expect(articolo("zaino", "m")).toBe("lo");
    expect(articolo("psicologo", "m")).toBe("lo");
    expect(articolo("gnomo", "m")).toBe("lo");
    expect(articolo("iato", "m")).toBe("lo");
    expect(articolo("ambito", "m")).toBe("l'");
    expect(articolo("blocchi", "m", "p")).toBe("i");
    expect(articolo("ambiti", "m", "p")).toBe("gli");
    expect(articolo("studenti", "m", "p")).toBe("gli");
  });

  it("femminile: la, l'; le", () => {
    expect(articolo("parte", "f")).toBe("la");
    expect(articolo("area", "f")).toBe("l'");
    expect(articolo("ultima versione", "f")).toBe("l'");
    expect(articolo("iena", "f")).toBe("la");
    expect(articolo("aree", "f", "p")).toBe("le");
  });

  it("con la parola: l'apostrofo non vuole spazio", () => {
    expect(conArticolo("area", "f")).toBe("l'area");
    expect(conArticolo("pagina", "f")).toBe("la pagina");
    expect(conArticolo("ambiti", "m", "p")).toBe("gli ambiti");
  });
});

describe("preposizioni articolate", () => {
  it("a, di, da, in, su con ogni articolo", () => {
    const attese: Record<string, string[]> = {
      a: ["al", "allo", "all'", "alla", "ai", "agli", "alle"],
      di: ["del", "dello", "dell'", "della", "dei", "degli", "delle"],
      da: ["dal", "dallo", "dall'", "dalla", "dai", "dagli", "dalle"],
      in: ["nel", "nello", "nell'", "nella", "nei", "negli", "nelle"],
      su: ["sul", "sullo", "sull'", "sulla", "sui", "sugli", "sulle"],
    };
    for (const [p, forme] of Object.entries(attese)) {
      expect((["il", "lo", "l'", "la", "i", "gli", "le"] as const).map((a) => preposizioneArticolata(p as "a", a))).toEqual(forme);
    }
  });

  it("si fonde con l'articolo all'inizio di un testo, mai «a la» né «a l'»", () => {
    expect(preposizione("a", "l'ultima versione approvata (revisione n. 3)")).toBe("all'ultima versione approvata (revisione n. 3)");
    expect(preposizione("a", "la versione di partenza")).toBe("alla versione di partenza");
    expect(preposizione("a", "l’invio precedente")).toBe("all'invio precedente");
    expect(preposizione("di", "il Comune")).toBe("del Comune");
    expect(preposizione("in", "gli ambiti")).toBe("negli ambiti");
    expect(preposizione("su", "i dati")).toBe("sui dati");
    expect(preposizione("da", "La Giunta")).toBe("dalla Giunta");
  });

  it("senza articolo aggiunge solo la preposizione", () => {
    expect(preposizione("a", "Cremona")).toBe("a Cremona");
    expect(preposizione("di", "illustrazioni")).toBe("di illustrazioni");
    expect(preposizione("a", "lavori in corso")).toBe("a lavori in corso");
  });
});

describe("accordo del participio", () => {
  it("con il genere e il numero di ciò di cui parla", () => {
    expect(accorda("aggiunto", "m")).toBe("aggiunto");
    expect(accorda("aggiunto", "f")).toBe("aggiunta");
    expect(accorda("rimosso", "m", "p")).toBe("rimossi");
    expect(accorda("spostato", "f", "p")).toBe("spostate");
  });

  it("le parole in -e cambiano solo al plurale; le altre restano", () => {
    expect(accorda("rilevante", "f")).toBe("rilevante");
    expect(accorda("rilevante", "f", "p")).toBe("rilevanti");
    expect(accorda("blu", "f", "p")).toBe("blu");
  });
});
