import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { interpretaCella, interpretaNumero } from "../numbers/parse";
import {
  MAX_RIGHE,
  incollaTabella,
  leggiFoglio,
  letteraColonna,
  righeIndicatori,
  righeSerie,
  rilevaSeparatore,
} from "./index";
import { mappaColonne } from "./indicators";

const fixture = (nome: string) => new Uint8Array(readFileSync(join(__dirname, "fixtures", nome)));
const leggi = (nome: string) => leggiFoglio(nome, fixture(nome));
const testo = (s: string) => new TextEncoder().encode(s);
const messaggioNumero = (t: string) => {
  const e = interpretaNumero(t);
  if (e.ok) throw new Error(`«${t}» doveva essere rifiutato`);
  return e.messaggio;
};

describe("leggiFoglio: CSV e TXT", () => {
  it("legge il CSV con il punto e virgola delle esportazioni italiane di Excel", async () => {
    const g = await leggi("indicatori-puntoevirgola.csv");
    expect(g[0]).toEqual(["Etichetta", "Valore", "Unità", "Anno", "Fonte", "Nota"]);
    expect(g[2]).toEqual(["Spesa per la cultura", "1.234,5", "euro", "2016", "Bilancio consuntivo; rendiconto 2016", ""]);
    expect(g).toHaveLength(8);
  });

  it("rispetta le virgolette: separatori, virgolette raddoppiate e a capo dentro la cella", async () => {
    const g = await leggi("indicatori-puntoevirgola.csv");
    expect(g[3][0]).toBe('Superficie "territorio comunale"');
    expect(g[3][5]).toBe("Dato stabile;\ninvariato dal 2014");
  });

  it("legge il CSV con la virgola, con i decimali italiani tra virgolette", async () => {
    const g = await leggi("indicatori-virgola.csv");
    expect(g).toEqual([
      ["descrizione", "valore", "um", "riferimento"],
      ["Nati nel 2016", "1.022", "nati", "2016"],
      ["Densità abitativa", "1.021,7", "ab/kmq", "2016"],
      ["Fondi europei, ottenuti", "1,8 milioni", "euro", "2016"],
    ]);
  });

  it("legge il testo separato da tabulazioni", async () => {
    const g = await leggi("serie-tab.txt");
    expect(g).toEqual([
      ["Anno", "Arrivi", "Presenze"],
      ["2014", "120.345", "250.100"],
      ["2015", "130.002", ""],
      ["2016", "141.870", "301.455"],
    ]);
  });

  it("toglie il BOM UTF-8, gestisce gli a capo di Windows e scarta le righe vuote in fondo", async () => {
    const g = await leggi("indicatori-bom-crlf.csv");
    expect(g).toEqual([
      ["Indicatore", "Valore", "Unità di misura", "Data"],
      ["Abitanti", "71.924", "abitanti", "2016"],
      ["Popolazione straniera", "+20%", "", "dal 2014"],
    ]);
  });

  it("se il file non è UTF-8 lo legge come Windows-1252 (€, lettere accentate, virgolette curve)", async () => {
    const g = await leggi("indicatori-cp1252.csv");
    expect(g[0][2]).toBe("Unità");
    expect(g[1][1]).toBe("€ 1.250.000");
    expect(g[1][3]).toBe("Età 65 “anziani”");
  });

  it("accetta l'estensione in maiuscolo e un'ultima riga senza a capo", async () => {
    expect(await leggiFoglio("DATI.CSV", testo("a;b\n1;2"))).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("sceglie il separatore dall'intestazione anche se i dati sono pieni di virgole decimali", () => {
    expect(rilevaSeparatore("Etichetta;Valore\nA;1,5\nB;2,25\nC;3,75")).toBe(";");
    expect(rilevaSeparatore("Etichetta,Valore\nA,\"1,5\"")).toBe(",");
    expect(rilevaSeparatore("Etichetta\tValore;note\nA\t1")).toBe("\t");
    expect(rilevaSeparatore('"Etichetta; con punto e virgola",Valore')).toBe(",");
  });
});

describe("leggiFoglio: Excel", () => {
  it("legge il primo foglio dell'xlsx come lo vede una persona, numeri all'italiana", async () => {
    const g = await leggi("indicatori.xlsx");
    expect(g).toEqual([
      ["Etichetta", "Valore", "Unità", "Riferimento", "Fonte"],
      ["Abitanti residenti", "71924", "abitanti", "2016", "ISTAT"],
      ["Raccolta differenziata", "14,7%", "", "31/12/2015"],
      ["Spesa corrente", "1.234.567,5", "euro", "2016", "Rendiconto"],
      ["Figli per donna", "1,36", "", "2016"],
      ["Dato non disponibile", "VERO"],
      ["Variazione residenti", "-3,2", "%", "2016"],
    ]);
  });

  it("l'xlsx passa dallo stesso interprete dei numeri del CSV", async () => {
    const r = righeIndicatori(await leggi("indicatori.xlsx"));
    expect(r.validi.map((v) => [v.riga, v.blocco.valore, v.blocco.unita])).toEqual([
      [2, 71924, "abitanti"],
      [3, 14.7, "%"],
      [4, 1234567.5, "euro"],
      [5, 1.36, ""],
      [7, -3.2, "%"],
    ]);
    expect(r.validi[1].blocco.riferimento).toBe("31/12/2015");
    expect(r.errori).toEqual([{ riga: 6, colonna: "Valore", messaggio: messaggioNumero("VERO") }]);
  });

  it("rifiuta un xlsx danneggiato con un messaggio in italiano", async () => {
    await expect(leggiFoglio("rotto.xlsx", testo("non è uno zip"))).rejects.toThrow(/non è un foglio Excel/);
  });
});

describe("leggiFoglio: formati e limiti", () => {
  it.each([
    ["bilancio.pdf", /formato \.pdf non è supportato/],
    ["vecchio.xls", /salvare il foglio come \.xlsx oppure \.csv/],
    ["senza-estensione", /estensione riconoscibile/],
  ])("%s → errore in italiano", async (nome, atteso) => {
    await expect(leggiFoglio(nome, testo("a;b"))).rejects.toThrow(atteso);
  });

  it(`accetta ${MAX_RIGHE} righe e rifiuta la successiva`, async () => {
    const righe = (n: number) => testo(Array.from({ length: n }, (_, i) => `r${i};${i}`).join("\n"));
    await expect(leggiFoglio("ok.csv", righe(MAX_RIGHE))).resolves.toHaveLength(MAX_RIGHE);
    await expect(leggiFoglio("troppe.csv", righe(MAX_RIGHE + 1))).rejects.toThrow(/al massimo 5\.000/);
  });
});

describe("incollaTabella: quello che si copia da un foglio di calcolo", () => {
  it("righe separate da a capo di Windows, ultimo a capo ignorato, celle vuote mantenute", () => {
    expect(incollaTabella("Anno\tArrivi\r\n2015\t1.234,5\r\n2016\t\r\n")).toEqual([
      ["Anno", "Arrivi"],
      ["2015", "1.234,5"],
      ["2016", ""],
    ]);
  });

  it("a capo Unix e celle con a capo e virgolette come le mette Excel", () => {
    expect(incollaTabella('Voce\tNota\nA\t"prima riga\nseconda ""citata"""\nB\tx\n')).toEqual([
      ["Voce", "Nota"],
      ["A", 'prima riga\nseconda "citata"'],
      ["B", "x"],
    ]);
  });

  it("una virgoletta in mezzo alla cella resta com'è, e il punto e virgola non separa", () => {
    expect(incollaTabella('alto 1,80" circa\ta;b')).toEqual([['alto 1,80" circa', "a;b"]]);
  });

  it("testo vuoto → nessuna riga", () => {
    expect(incollaTabella("")).toEqual([]);
    expect(incollaTabella("\r\n\r\n")).toEqual([]);
  });
});

describe("righeIndicatori", () => {
  it("riconosce le colonne senza badare a maiuscole, accenti e sinonimi", () => {
    const r = righeIndicatori([
      ["DESCRIZIONE", "Valore", "U.M.", "Anno", "Fonte", "Note", "Colonna ignorata"],
      ["Abitanti", "71.924", "abitanti", "2016", "Anagrafe", "Residenti", "xyz"],
    ]);
    expect(r.erroriFile).toEqual([]);
    expect(r.validi).toEqual([
      {
        riga: 2,
        blocco: {
          tipo: "indicatore",
          etichetta: "Abitanti",
          valore: 71924,
          unita: "abitanti",
          riferimento: "2016",
          fonte: "Anagrafe",
          nota: "Residenti",
        },
      },
    ]);
  });

  it("legge i decimali italiani del CSV col punto e virgola", async () => {
    const r = righeIndicatori(await leggi("indicatori-puntoevirgola.csv"));
    expect(r.validi.find((v) => v.riga === 3)?.blocco.valore).toBe(1234.5);
  });

  it("prende l'unità dal valore se la colonna è vuota, con scala e variazione", () => {
    const r = righeIndicatori([
      ["Indicatore", "Valore", "Unita"],
      ["Raccolta differenziata", "14,7%", ""],
      ["Investimenti", "1,8 milioni di euro", ""],
      ["Presenze", "+20%", ""],
      ["Superficie", "70,4", "kmq"],
    ]);
    expect(r.errori).toEqual([]);
    expect(r.validi.map((v) => v.blocco)).toEqual([
      { tipo: "indicatore", etichetta: "Raccolta differenziata", valore: 14.7, unita: "%" },
      { tipo: "indicatore", etichetta: "Investimenti", valore: 1_800_000, unita: "euro", scala: "milioni" },
      { tipo: "indicatore", etichetta: "Presenze", valore: 20, unita: "%", variazione: true },
      { tipo: "indicatore", etichetta: "Superficie", valore: 70.4, unita: "kmq" },
    ]);
  });

  it("senza colonna Unità l'unità scritta nel valore basta", () => {
    const r = righeIndicatori([["Etichetta", "Valore"], ["Densità", "1.021,7 ab/kmq"]]);
    expect(r.validi[0].blocco.unita).toBe("ab/kmq");
  });

  it("un valore che non è un numero: errore con il messaggio dell'interprete", () => {
    const r = righeIndicatori([["Etichetta", "Valore"], ["Età media", "circa 46"], ["Nati", "1.02.3"]]);
    expect(r.validi).toEqual([]);
    expect(r.errori).toEqual([
      { riga: 2, colonna: "Valore", messaggio: messaggioNumero("circa 46") },
      { riga: 3, colonna: "Valore", messaggio: messaggioNumero("1.02.3") },
    ]);
  });

  it("un'etichetta mancante è un errore sulla colonna come si chiama nel file", () => {
    const r = righeIndicatori([["Descrizione", "Valore"], ["", "12"]]);
    expect(r.errori).toEqual([{ riga: 2, colonna: "Descrizione", messaggio: expect.stringMatching(/^Manca l'etichetta/) }]);
  });

  it("celle in più vanno bene, una cella obbligatoria mancante no", () => {
    const r = righeIndicatori([
      ["Etichetta", "Valore", "Unità"],
      ["Abitanti", "71.924", "abitanti", "in più", "e ancora"],
      ["Nati"],
    ]);
    expect(r.validi.map((v) => v.riga)).toEqual([2]);
    expect(r.errori).toEqual([{ riga: 3, colonna: "Valore", messaggio: expect.stringMatching(/^Manca il valore/) }]);
  });

  it("elenca tutti gli errori di una riga, e la riga non è tra le valide", () => {
    const r = righeIndicatori([["Etichetta", "Valore", "Fonte"], ["", "tanti", "x".repeat(1001)]]);
    expect(r.validi).toEqual([]);
    expect(r.errori.map((e) => e.colonna)).toEqual(["Etichetta", "Valore", "Fonte"]);
    expect(r.errori.every((e) => e.riga === 2)).toBe(true);
    expect(r.errori[2].messaggio).toMatch(/1000/);
  });

  it("segnala un'unità nel valore diversa da quella della colonna", () => {
    const r = righeIndicatori([["Etichetta", "Valore", "UM"], ["Spesa", "14,7%", "euro"], ["Costo", "€ 1.200", "Euro"]]);
    expect(r.errori).toEqual([{ riga: 2, colonna: "UM", messaggio: expect.stringContaining("«%»") }]);
    expect(r.validi.map((v) => v.riga)).toEqual([3]);
  });

  it("un file con errori riporta a parte le righe valide; le righe vuote non contano ma la numerazione sì", async () => {
    const r = righeIndicatori(await leggi("indicatori-puntoevirgola.csv"));
    expect(r.erroriFile).toEqual([]);
    expect(r.validi.map((v) => v.riga)).toEqual([2, 3, 4, 5]);
    expect(r.errori.map((e) => [e.riga, e.colonna])).toEqual([
      [6, "Valore"],
      [7, "Etichetta"],
      [8, "Valore"],
    ]);

    const conVuote = righeIndicatori([["Etichetta", "Valore"], ["", ""], ["  ", ""], ["Abitanti", "71.924"]]);
    expect(conVuote.errori).toEqual([]);
    expect(conVuote.validi.map((v) => v.riga)).toEqual([4]);
  });

  it("il CSV con BOM e a capo di Windows diventa indicatori validi", async () => {
    const r = righeIndicatori(await leggi("indicatori-bom-crlf.csv"));
    expect(r.errori).toEqual([]);
    expect(r.validi.map((v) => v.blocco.etichetta)).toEqual(["Abitanti", "Popolazione straniera"]);
    expect(r.validi[1].blocco).toMatchObject({ valore: 20, variazione: true, riferimento: "dal 2014" });
  });

  it("colonne obbligatorie mancanti: errore sul file, nessuna riga", () => {
    const r = righeIndicatori([["Nome", "Cifra"], ["Abitanti", "71.924"]]);
    expect(r.validi).toEqual([]);
    expect(r.errori).toEqual([]);
    expect(r.erroriFile).toHaveLength(2);
    expect(r.erroriFile[0]).toMatch(/Manca la colonna «Etichetta»/);
    expect(r.erroriFile[1]).toMatch(/Manca la colonna «Valore»/);
  });

  it("due colonne per lo stesso campo: errore sul file", () => {
    const r = righeIndicatori([["Etichetta", "Valore", "Anno", "Data"], ["A", "1", "2016", "2016"]]);
    expect(r.erroriFile).toEqual([expect.stringContaining("«Anno» e «Data»")]);
  });

  it("file vuoto o con la sola intestazione", () => {
    expect(righeIndicatori([]).erroriFile).toEqual(["Il file è vuoto."]);
    expect(righeIndicatori([["Etichetta", "Valore"]]).erroriFile[0]).toMatch(/solo la riga di intestazione/);
  });
});

describe("righeSerie", () => {
  const opzioni = { titolo: "Arrivi complessivi", grafico: "barre" as const };

  it("categorie nella prima colonna, serie nelle colonne", async () => {
    const r = righeSerie(await leggi("serie-tab.txt"), { ...opzioni, unita: "persone" });
    expect(r.errori).toEqual([]);
    expect(r.erroriFile).toEqual([]);
    expect(r.trasposta).toBe(false);
    expect(r.serie).toEqual({
      tipo: "serie",
      titolo: "Arrivi complessivi",
      grafico: "barre",
      unita: "persone",
      categorie: ["2014", "2015", "2016"],
      serie: [
        { nome: "Arrivi", valori: [120345, 130002, 141870] },
        { nome: "Presenze", valori: [250100, null, 301455] },
      ],
    });
  });

  it("disposizione trasposta: anni nell'intestazione, una serie per riga (da xlsx)", async () => {
    const r = righeSerie(await leggi("serie-trasposta.xlsx"), opzioni);
    expect(r.trasposta).toBe(true);
    expect(r.serie?.categorie).toEqual(["2014", "2015", "2016"]);
    expect(r.serie?.serie).toEqual([
      { nome: "Arrivi", valori: [120345, 130002, 141870] },
      { nome: "Presenze", valori: [250100, null, 301455] },
    ]);
  });

  it("se anche la prima colonna sono anni, resta la disposizione normale", () => {
    const r = righeSerie([["Anno", "2015"], ["2014", "1"]], opzioni);
    expect(r.trasposta).toBe(false);
    expect(r.serie?.serie).toEqual([{ nome: "2015", valori: [1] }]);
  });

  it("categorie di testo e decimali italiani", () => {
    const r = righeSerie(
      incollaTabella("Fasce d'età\tMaschi\tFemmine\r\n0-14 anni\t5.120,5\t4.980\r\n15-64 anni\t22.310\t21.870\r\n"),
      { titolo: "Fasce d'età", grafico: "barre-in-pila" },
    );
    expect(r.serie?.categorie).toEqual(["0-14 anni", "15-64 anni"]);
    expect(r.serie?.serie[0].valori).toEqual([5120.5, 22310]);
  });

  it("una cella non numerica: errore con il messaggio dell'interprete, nessuna serie", () => {
    const r = righeSerie([["Anno", "Arrivi"], ["2015", "molti"], ["2016", "12 anni"]], opzioni);
    expect(r.serie).toBeNull();
    const atteso = (t: string) => {
      const e = interpretaCella(t);
      return e.ok ? "" : e.messaggio;
    };
    expect(r.errori).toEqual([
      { riga: 2, colonna: "Arrivi", messaggio: atteso("molti") },
      { riga: 3, colonna: "Arrivi", messaggio: atteso("12 anni") },
    ]);
  });

  it("categorie ripetute sono un errore", () => {
    const r = righeSerie([["Anno", "Arrivi"], ["2015", "1"], ["2016", "2"], ["2015", "3"]], opzioni);
    expect(r.serie).toBeNull();
    expect(r.errori).toEqual([{ riga: 4, colonna: "Anno", messaggio: expect.stringContaining("compare già alla riga 2") }]);
  });

  it("nomi di serie ripetuti sono un errore, anche nella disposizione trasposta", () => {
    const normale = righeSerie([["Anno", "Arrivi", "arrivi"], ["2015", "1", "2"]], opzioni);
    expect(normale.errori).toEqual([{ riga: 1, colonna: "arrivi", messaggio: expect.stringContaining("«arrivi» è ripetuta") }]);

    const trasposta = righeSerie([["", "2015", "2016"], ["Arrivi", "1", "2"], ["Arrivi", "3", "4"]], opzioni);
    expect(trasposta.trasposta).toBe(true);
    expect(trasposta.errori).toEqual([{ riga: 3, colonna: "A", messaggio: expect.stringContaining("compare già alla riga 2") }]);
  });

  it("una colonna di valori senza nome è indicata con la sua lettera", () => {
    const r = righeSerie([["Anno", "Arrivi", ""], ["2015", "1", "2"]], opzioni);
    expect(r.errori).toEqual([{ riga: 1, colonna: "C", messaggio: expect.stringMatching(/^Manca il nome della serie/) }]);
  });

  it("le righe vuote sono saltate, le colonne vuote in fondo ignorate", () => {
    const r = righeSerie([["Anno", "Arrivi", ""], ["2015", "1", ""], ["", "", ""], ["2016", "2"]], opzioni);
    expect(r.errori).toEqual([]);
    expect(r.serie?.serie).toEqual([{ nome: "Arrivi", valori: [1, 2] }]);
  });

  it("errori sul file: vuoto, sola intestazione, nessuna colonna di valori, titolo mancante", () => {
    expect(righeSerie([], opzioni).erroriFile).toEqual(["Il file è vuoto."]);
    expect(righeSerie([["Anno", "Arrivi"]], opzioni).erroriFile[0]).toMatch(/solo la riga di intestazione/);
    expect(righeSerie([["Anno"], ["2015"]], opzioni).erroriFile[0]).toMatch(/almeno una colonna di valori/);
    const senzaTitolo = righeSerie([["Anno", "Arrivi"], ["2015", "1"]], { ...opzioni, titolo: " " });
    expect(senzaTitolo.serie).toBeNull();
    expect(senzaTitolo.erroriFile).toEqual(["Titolo: Campo obbligatorio"]);
  });
});

describe("letteraColonna", () => {
  it.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [701, "ZZ"],
    [702, "AAA"],
  ])("%d → %s", (i, atteso) => expect(letteraColonna(i)).toBe(atteso));
});

describe("colonne dall'intestazione", () => {
  it("trova i campi per nome, ignora le colonne ignote e segnala due colonne per lo stesso campo", () => {
    const campi = new Map([["nome", "nome"], ["email", "email"], ["posta elettronica", "email"]] as const);
    const nomi = { nome: "Nome", email: "Email" };
    expect(mappaColonne(["Nome", "Note", "EMAIL"], campi, nomi)).toEqual({ colonne: { nome: 0, email: 2 }, errori: [] });
    const doppia = mappaColonne(["Email", "Nome", "Posta elettronica"], campi, nomi);
    expect(doppia.colonne).toEqual({ email: 0, nome: 1 });
    expect(doppia.errori).toEqual(["Le colonne «Email» e «Posta elettronica» indicano entrambe il campo Email: lasciarne una sola."]);
  });
});
