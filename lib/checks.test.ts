import { describe, expect, it } from "vitest";
import {
  anniDelConfronto,
  annoDaCategoria,
  controllaAnniComeNumeri,
  annoDiRiferimento,
  controllaAnniFuoriEdizione,
  controllaBlocco,
  controllaBloccoVuoto,
  controllaConfrontiContraddetti,
  controllaSaltiAnomali,
  controllaSenzaFonte,
  controllaSezione,
  controllaUnitaMancante,
  controllaValoreInvariato,
  haErrori,
  type ContestoControlli,
  type Segnalazione,
} from "./checks";
import { bloccoNuovo } from "./blocks/defaults";
import { bloccoSchema, type Blocco, type Indicatore, type Scheda, type Serie, type Tabella, type Testo } from "./content/blocks";

const ctx: ContestoControlli = { annoInizio: 2014, annoFine: 2016 };

// Builders: every fixture also passes the real schema, so the checks are tested on valid payloads.
function valido<T extends Blocco>(b: T): T {
  bloccoSchema.parse(b);
  return b;
}

function indicatore(p: Partial<Indicatore> = {}): Indicatore {
  return valido<Indicatore>({
    tipo: "indicatore",
    etichetta: "abitanti nel 2016",
    valore: 71924,
    unita: "abitanti",
    riferimento: "2016",
    fonte: "Anagrafe comunale",
    ...p,
  });
}

function serie(p: Partial<Serie> = {}): Serie {
  return valido<Serie>({
    tipo: "serie",
    titolo: "Arrivi complessivi",
    grafico: "barre",
    unita: "arrivi",
    categorie: ["2014", "2015", "2016"],
    serie: [{ nome: "Arrivi", valori: [1000, 1100, 1123] }],
    fonte: "Provincia di Cremona",
    ...p,
  });
}

function tabella(p: Partial<Tabella> = {}): Tabella {
  return valido<Tabella>({
    tipo: "tabella",
    titolo: "Società partecipate",
    intestazione: ["Società", "Quota"],
    righe: [["AEM Cremona Spa", "100%"]],
    fonte: "Bilanci delle società",
    ...p,
  });
}

function scheda(p: Partial<Scheda> = {}): Scheda {
  return valido<Scheda>({
    tipo: "scheda",
    titolo: "Educazione stradale nelle scuole",
    prima: ["Nessun progetto"],
    dopo: ["Progetto in tutte le primarie"],
    costi: {},
    soggetti: ["Polizia Locale"],
    risultati: [{ valore: 42, unita: "classi", didascalia: "classi coinvolte" }],
    fonte: "Settore Polizia Locale",
    ...p,
  });
}

function testo(): Testo {
  return valido<Testo>({
    tipo: "testo",
    contenuto: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Cremona cresce." }] }] },
  });
}

const codici = (s: Segnalazione[]) => s.map((x) => x.codice);

describe("annoDaCategoria, anniDelConfronto, annoDiRiferimento", () => {
  it("riconosce le categorie che sono anni", () => {
    expect(annoDaCategoria("2014")).toBe(2014);
    expect(annoDaCategoria(" 2016 ")).toBe(2016);
    expect(annoDaCategoria("0-14 anni")).toBeNull();
    expect(annoDaCategoria("1234")).toBeNull();
    expect(annoDaCategoria("20145")).toBeNull();
  });

  it("legge gli anni dal testo del confronto", () => {
    expect(anniDelConfronto("dal 2014")).toStrictEqual({ base: 2014 });
    expect(anniDelConfronto("rispetto al 2015")).toStrictEqual({ base: 2015 });
    expect(anniDelConfronto("sul 2015")).toStrictEqual({ base: 2015 });
    expect(anniDelConfronto("tra 2014 e 2016")).toStrictEqual({ base: 2014, fine: 2016 });
    expect(anniDelConfronto("tra il 2014 e il 2015")).toStrictEqual({ base: 2014, fine: 2015 });
    expect(anniDelConfronto("dal 2014 al 2016")).toStrictEqual({ base: 2014, fine: 2016 });
    expect(anniDelConfronto("rispetto alla media italiana")).toBeNull();
    expect(anniDelConfronto("rispetto alla media lombarda del 2015")).toBeNull();
  });

  it("prende l'anno di riferimento dall'indicatore o dall'edizione", () => {
    expect(annoDiRiferimento(indicatore({ riferimento: "al 31/12/2015" }), ctx)).toBe(2015);
    expect(annoDiRiferimento(indicatore({ riferimento: undefined }), ctx)).toBe(2016);
    expect(annoDiRiferimento(indicatore({ riferimento: "fine mandato" }), ctx)).toBe(2016);
  });
});

describe("senza-fonte", () => {
  it.each<[string, Blocco]>([
    ["indicatore", indicatore({ fonte: undefined })],
    ["serie", serie({ fonte: undefined })],
    ["tabella", tabella({ fonte: undefined })],
    ["scheda con risultati", scheda({ fonte: undefined })],
    ["fonte fatta di soli spazi", indicatore({ fonte: "   " })],
  ])("segnala: %s", (_nome, b) => {
    const s = controllaSenzaFonte(b);
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ livello: "avviso", codice: "senza-fonte", campo: "fonte" });
    expect(s[0].messaggio).toContain("non indica la fonte dei dati");
  });

  it.each<[string, Blocco]>([
    ["indicatore con fonte", indicatore()],
    ["serie con dati mancanti", serie({ fonte: undefined, datiMancanti: true, serie: [], categorie: [] })],
    ["scheda senza risultati", scheda({ fonte: undefined, risultati: [] })],
    ["testo", testo()],
  ])("non segnala: %s", (_nome, b) => expect(controllaSenzaFonte(b)).toStrictEqual([]));
});

describe("salto-anomalo", () => {
  it("segnala un valore che cresce di oltre il 50% rispetto all'anno prima", () => {
    const s = controllaSaltiAnomali(serie({ serie: [{ nome: "Arrivi", valori: [1000, 1600, 1700] }] }));
    expect(s).toStrictEqual([
      {
        livello: "avviso",
        codice: "salto-anomalo",
        campo: "serie.0.valori.1",
        messaggio:
          "«Arrivi» passa da 1.000 nel 2014 a 1.600 nel 2015 (+60%): una variazione di oltre il 50% in un anno, controlla che il valore sia giusto.",
      },
    ]);
  });

  it("segnala un calo di oltre il 50%, con i decimali all'italiana", () => {
    const s = controllaSaltiAnomali(
      serie({
        serie: [
          { nome: "Presenze", valori: [5000, 5100, 5200] },
          { nome: "Arrivi", valori: [12.5, 12.5, 5.25] },
        ],
      }),
    );
    expect(s).toHaveLength(1);
    expect(s[0].campo).toBe("serie.1.valori.2");
    expect(s[0].messaggio).toContain("La serie «Arrivi» passa da 12,5 nel 2015 a 5,25 nel 2016 (-58%)");
  });

  it("non segnala una variazione di esattamente il 50%, in su o in giù", () => {
    expect(controllaSaltiAnomali(serie({ serie: [{ nome: "A", valori: [100, 150, 75] }] }))).toStrictEqual([]);
    expect(controllaSaltiAnomali(serie({ serie: [{ nome: "A", valori: [1.2, 1.8, 0.9] }] }))).toStrictEqual([]);
  });

  it("non segnala categorie che non sono anni", () => {
    const b = serie({ categorie: ["0-14 anni", "15-64 anni", "over 65"], serie: [{ nome: "Residenti", valori: [10, 50, 20] }] });
    expect(controllaSaltiAnomali(b)).toStrictEqual([]);
  });

  it("salta i vuoti e confronta con l'ultimo anno con un valore", () => {
    const s = controllaSaltiAnomali(serie({ serie: [{ nome: "Arrivi", valori: [1000, null, 2000] }] }));
    expect(s).toHaveLength(1);
    expect(s[0].campo).toBe("serie.0.valori.2");
    expect(s[0].messaggio).toContain("da 1.000 nel 2014 a 2.000 nel 2016 (+100%)");
  });

  it("segue l'ordine degli anni anche se le categorie sono al contrario", () => {
    const s = controllaSaltiAnomali(serie({ categorie: ["2016", "2015", "2014"], serie: [{ nome: "A", valori: [300, 100, 100] }] }));
    expect(s).toHaveLength(1);
    expect(s[0].campo).toBe("serie.0.valori.0");
    expect(s[0].messaggio).toContain("da 100 nel 2015 a 300 nel 2016 (+200%)");
  });

  it("segnala il passaggio da zero a un valore, ma non da zero a zero", () => {
    const s = controllaSaltiAnomali(serie({ serie: [{ nome: "Nuovi servizi", valori: [0, 0, 4] }] }));
    expect(s).toHaveLength(1);
    expect(s[0].campo).toBe("serie.0.valori.2");
    expect(s[0].messaggio).toContain("passa da 0 nel 2015 a 4 nel 2016");
  });

  it("non riguarda gli altri blocchi", () => expect(controllaSaltiAnomali(indicatore())).toStrictEqual([]));
});

describe("confronto-contraddetto", () => {
  const conConfronto = (testoConfronto: string, valore: number | undefined, extra: Partial<Indicatore> = {}) =>
    indicatore({
      etichetta: "arrivi di turisti nel 2016",
      valore: 1123,
      unita: "arrivi",
      confronti: [{ testo: testoConfronto, valore, unita: "%" }],
      ...extra,
    });

  it("segnala un +20% dal 2014 che la serie smentisce", () => {
    const m = controllaConfrontiContraddetti([conConfronto("dal 2014", 20), serie()], ctx);
    expect([...m.keys()]).toStrictEqual([0]);
    expect(m.get(0)).toStrictEqual([
      {
        livello: "errore",
        codice: "confronto-contraddetto",
        campo: "confronti.0.valore",
        messaggio: "Il confronto dice +20% dal 2014, ma la serie «Arrivi» dà +12,3% (2014: 1.000 → 2016: 1.123).",
      },
    ]);
  });

  it("usa l'anno di riferimento dell'indicatore: «rispetto al 2014» con riferimento 2015", () => {
    const m = controllaConfrontiContraddetti([conConfronto("rispetto al 2014", 20, { riferimento: "al 31/12/2015" }), serie()], ctx);
    expect(m.get(0)?.[0].messaggio).toContain("dà +10% (2014: 1.000 → 2015: 1.100)");
  });

  it("legge «tra 2014 e 2015» come intervallo", () => {
    expect(controllaConfrontiContraddetti([conConfronto("tra 2014 e 2015", 10), serie()], ctx).size).toBe(0);
    expect(controllaConfrontiContraddetti([conConfronto("tra 2014 e 2015", 12.3), serie()], ctx).size).toBe(1);
  });

  it("tollera 1 punto di arrotondamento", () => {
    expect(controllaConfrontiContraddetti([conConfronto("dal 2014", 12), serie()], ctx).size).toBe(0);
    expect(controllaConfrontiContraddetti([conConfronto("dal 2014", 13), serie()], ctx).size).toBe(0);
    expect(controllaConfrontiContraddetti([conConfronto("dal 2014", 11.3), serie()], ctx).size).toBe(0);
    expect(controllaConfrontiContraddetti([conConfronto("dal 2014", 13.4), serie()], ctx).size).toBe(1);
  });

  it("con più serie, tace se una qualsiasi corrisponde", () => {
    const altra = serie({ titolo: "Presenze", serie: [{ nome: "Presenze", valori: [2000, 2200, 2400] }] });
    expect(controllaConfrontiContraddetti([conConfronto("dal 2014", 20), serie(), altra], ctx).size).toBe(0);
  });

  it("con più serie nessuna delle quali corrisponde, nomina la più vicina", () => {
    const altra = serie({
      titolo: "Turismo",
      serie: [
        { nome: "Presenze", valori: [2000, 2200, 2600] },
        { nome: "Stranieri", valori: [100, 100, 100] },
      ],
    });
    const m = controllaConfrontiContraddetti([serie(), conConfronto("dal 2014", 40), altra], ctx);
    expect([...m.keys()]).toStrictEqual([1]);
    expect(m.get(1)?.[0].messaggio).toBe(
      "Il confronto dice +40% dal 2014, ma la serie «Presenze» in «Turismo» dà +30% (2014: 2.000 → 2016: 2.600) " +
        "(nessuna delle 3 serie con il 2014 e il 2016 corrisponde).",
    );
  });

  it("non segnala se nessuna serie della sezione ha l'anno di confronto", () => {
    expect(controllaConfrontiContraddetti([conConfronto("dal 2010", 20), serie()], ctx).size).toBe(0);
    expect(controllaConfrontiContraddetti([conConfronto("dal 2014", 20)], ctx).size).toBe(0);
  });

  it("non segnala serie con dati mancanti", () => {
    const mancante = serie({ datiMancanti: true, serie: [{ nome: "Arrivi", valori: [1000, null, 5000] }] });
    expect(controllaConfrontiContraddetti([conConfronto("dal 2014", 20), mancante], ctx).size).toBe(0);
  });

  it("non segnala confronti senza valore, di riferimento, non in % o senza anno", () => {
    const casi: Indicatore[] = [
      indicatore({ confronti: [{ testo: "in linea con la media italiana" }] }),
      indicatore({ confronti: [{ testo: "dal 2014" }] }),
      indicatore({ confronti: [{ testo: "dal 2014", valore: 20, unita: "%", tipo: "riferimento" }] }),
      indicatore({ confronti: [{ testo: "dal 2014", valore: 20, unita: "arrivi" }] }),
      indicatore({ confronti: [{ testo: "rispetto alla media italiana", valore: 20, unita: "%" }] }),
    ];
    for (const c of casi) expect(controllaConfrontiContraddetti([c, serie()], ctx).size).toBe(0);
  });

  it("accetta tipo «differenza» esplicito e indica il confronto giusto", () => {
    const ind = indicatore({
      confronti: [
        { testo: "rispetto alla media italiana", valore: 2.3, unita: "anni" },
        { testo: "rispetto al 2014", valore: 50, unita: "%", tipo: "differenza" },
      ],
    });
    const m = controllaConfrontiContraddetti([ind, serie()], ctx);
    expect(m.get(0)?.map((s) => s.campo)).toStrictEqual(["confronti.1.valore"]);
  });
});

describe("unita-mancante", () => {
  it("segnala un indicatore con valore e senza unità", () => {
    expect(controllaUnitaMancante(indicatore({ valore: 71924, unita: "" }))).toStrictEqual([
      {
        livello: "avviso",
        codice: "unita-mancante",
        campo: "unita",
        messaggio: "Il valore 71.924 non ha un'unità di misura: indica l'unità di misura (ad esempio «abitanti», «euro», «%», «kmq»).",
      },
    ]);
  });

  it("segnala i risultati di una scheda senza unità", () => {
    const b = scheda({
      risultati: [
        { valore: 42, unita: "classi", didascalia: "classi coinvolte" },
        { valore: 1200, didascalia: "studenti" },
        { valore: null, testoValore: "quasi raddoppiati", didascalia: "gli accessi" },
      ],
    });
    const s = controllaUnitaMancante(b);
    expect(s.map((x) => x.campo)).toStrictEqual(["risultati.1.unita"]);
    expect(s[0].messaggio).toContain("Il risultato 2 (1.200) non ha un'unità di misura");
  });

  it("non segnala un indicatore senza numero o con unità", () => {
    expect(controllaUnitaMancante(indicatore({ valore: null, testoValore: "primo", unita: "" }))).toStrictEqual([]);
    expect(controllaUnitaMancante(indicatore())).toStrictEqual([]);
    expect(controllaUnitaMancante(serie({ unita: undefined }))).toStrictEqual([]);
  });
});

describe("anno-fuori-edizione", () => {
  it("segnala un riferimento prima dell'edizione", () => {
    expect(controllaAnniFuoriEdizione(indicatore({ riferimento: "al 31/12/2012" }), ctx)).toStrictEqual([
      {
        livello: "avviso",
        codice: "anno-fuori-edizione",
        campo: "riferimento",
        messaggio:
          "Il riferimento indica il 2012, fuori dal periodo di questo bilancio sociale degli anni 2014–2016: " +
          "controlla l'anno (sono ammessi gli anni dal 2014 al 2017).",
      },
    ]);
  });

  it("segnala un riferimento oltre l'anno successivo", () => {
    const s = controllaAnniFuoriEdizione(indicatore({ riferimento: "2018" }), ctx);
    expect(s).toHaveLength(1);
    expect(s[0].messaggio).toContain("il 2018");
  });

  it("ammette gli anni dell'edizione e i primi mesi dell'anno dopo", () => {
    for (const r of ["2014", "2016", "al 31/12/2015", "al 31/03/2017", "2014-2016", "fine mandato"]) {
      expect(controllaAnniFuoriEdizione(indicatore({ riferimento: r }), ctx)).toStrictEqual([]);
    }
  });

  it("nelle serie ammette dieci anni di storia, non di più", () => {
    const ok = serie({ categorie: ["2004", "2010", "2017"], serie: [{ nome: "A", valori: [1, 1, 1] }] });
    expect(controllaAnniFuoriEdizione(ok, ctx)).toStrictEqual([]);
    const ko = serie({ categorie: ["2003", "2016", "2018"], serie: [{ nome: "A", valori: [1, 1, 1] }] });
    const s = controllaAnniFuoriEdizione(ko, ctx);
    expect(s.map((x) => x.campo)).toStrictEqual(["categorie.0", "categorie.2"]);
    expect(s[0].messaggio).toBe(
      "La categoria 2003 è fuori dal periodo di questo bilancio sociale degli anni 2014–2016: " +
        "una serie può mostrare gli anni dal 2004 al 2017, controlla l'anno.",
    );
  });

  it("ignora le categorie che non sono anni", () => {
    const b = serie({ categorie: ["0-14 anni", "over 65"], serie: [{ nome: "A", valori: [1, 1] }] });
    expect(controllaAnniFuoriEdizione(b, ctx)).toStrictEqual([]);
  });

  it("un'edizione di un solo anno", () => {
    const s = controllaAnniFuoriEdizione(indicatore({ riferimento: "2013" }), { annoInizio: 2016, annoFine: 2016 });
    expect(s[0].messaggio).toContain("dell'anno 2016");
  });
});

describe("anni-come-numeri", () => {
  it("segnala una colonna «Anno» di tabella con gli anni salvati come numeri", () => {
    const t = tabella({ titolo: "Cremona in rete", intestazione: ["Anno", "Rete"], righe: [[2014, "I.T.E.R."], [2015, "Città Sane"], [2015, "UNESCO"], [2016, "ICLEI"]] });
    expect(controllaAnniComeNumeri(t)).toStrictEqual([
      {
        livello: "avviso",
        codice: "anni-come-numeri",
        campo: "intestazione.0",
        messaggio:
          "La colonna «Anno» contiene anni salvati come numeri (2014, 2015 e 2016): un anno è un'etichetta, non una quantità. " +
          "Riscrivi gli anni nelle celle, così sono salvati come testo (ad esempio «2014» e non «2.014»).",
      },
    ]);
    expect(codici(controllaBlocco(t, ctx))).toContain("anni-come-numeri");
    expect(haErrori(controllaBlocco(t, ctx))).toBe(false);
  });

  it("riconosce una colonna di anni anche senza intestazione, e tace quando sono testo", () => {
    const senzaNome = tabella({ intestazione: ["", "Eventi"], righe: [[2015, 5], [2016, 7]] });
    expect(controllaAnniComeNumeri(senzaNome).map((x) => [x.campo, x.messaggio.slice(0, 45)])).toStrictEqual([
      ["intestazione.0", "La colonna 1 contiene anni salvati come numer"],
    ]);
    expect(controllaAnniComeNumeri(tabella({ intestazione: ["Anno", "Rete"], righe: [["2014", "I.T.E.R."], ["2015", "Città Sane"]] }))).toStrictEqual([]);
  });

  it("non confonde quantità, durate o decimali con gli anni", () => {
    // Spectators (2.047, 3.356), years of service, a share: numbers, not years.
    expect(controllaAnniComeNumeri(tabella({ intestazione: ["Anno", "Eventi", "Spettatori"], righe: [["2015", 5, 2047], ["2016", 7, 3356]] }))).toStrictEqual([]);
    expect(controllaAnniComeNumeri(tabella({ intestazione: ["Anni di servizio", "Dipendenti"], righe: [[5, 120], [10, 80]] }))).toStrictEqual([]);
    expect(controllaAnniComeNumeri(tabella({ intestazione: ["Indice"], righe: [[2014.5], [2015.5]] }))).toStrictEqual([]);
    expect(controllaAnniComeNumeri(tabella({ intestazione: ["Importo"], righe: [[2016], [1_800_000]] }))).toStrictEqual([]);
  });

  it("segnala una serie di anni tra i valori, che va nelle categorie", () => {
    const s = serie({ categorie: ["Nidi", "Materne", "Primarie"], serie: [{ nome: "Anno", valori: [2014, 2015, 2016] }, { nome: "Iscritti", valori: [1120, 1135, 1150] }] });
    expect(controllaAnniComeNumeri(s)).toStrictEqual([
      {
        livello: "avviso",
        codice: "anni-come-numeri",
        campo: "serie.0.nome",
        messaggio:
          "La serie «Anno» contiene anni (2014, 2015 e 2016) salvati come valori da disegnare: " +
          "gli anni vanno nelle categorie, la colonna delle etichette del grafico; sposta lì gli anni e togli questa serie.",
      },
    ]);
    // Without the name, a run rising year by year still reads as years.
    const senzaNome = serie({ serie: [{ nome: "Serie 1", valori: [2014, 2015, 2016] }] });
    expect(controllaAnniComeNumeri(senzaNome).map((x) => x.campo)).toStrictEqual(["serie.0.nome"]);
  });

  it("non segnala serie di quantità vicine a 2000", () => {
    expect(controllaAnniComeNumeri(serie({ serie: [{ nome: "Spettatori", valori: [2047, 1980, 2100] }] }))).toStrictEqual([]);
    expect(controllaAnniComeNumeri(serie({ serie: [{ nome: "Iscritti", valori: [1950, 2010, 2080] }] }))).toStrictEqual([]);
    expect(controllaAnniComeNumeri(serie({ serie: [{ nome: "Posti", valori: [2016, null, null] }] }))).toStrictEqual([]);
    expect(controllaAnniComeNumeri(serie())).toStrictEqual([]);
  });

  it("segnala una categoria scritta come un numero, 2.014 invece di 2014", () => {
    const s = serie({ categorie: ["2.014", "2015", "2 016"], serie: [{ nome: "Arrivi", valori: [1000, 1100, 1123] }] });
    expect(controllaAnniComeNumeri(s)).toStrictEqual([
      {
        livello: "avviso",
        codice: "anni-come-numeri",
        campo: "categorie.0",
        messaggio: "La categoria «2.014» sembra un anno scritto come un numero, con il separatore delle migliaia: scrivi 2014.",
      },
      {
        livello: "avviso",
        codice: "anni-come-numeri",
        campo: "categorie.2",
        messaggio: "La categoria «2 016» sembra un anno scritto come un numero, con il separatore delle migliaia: scrivi 2016.",
      },
    ]);
    // "1.500" visitors is a category of its own, not a year of the report's span.
    expect(controllaAnniComeNumeri(serie({ categorie: ["1.500", "fino a 0-14 anni"], serie: [{ nome: "A", valori: [1, 2] }] }))).toStrictEqual([]);
  });

  it("non riguarda gli altri blocchi", () => {
    expect(controllaAnniComeNumeri(indicatore({ valore: 2016, unita: "anno" }))).toStrictEqual([]);
    expect(controllaAnniComeNumeri(testo())).toStrictEqual([]);
  });
});

describe("valore-invariato", () => {
  const base = { valore: 71924, unita: "abitanti", riferimento: "2016", edizione: "Bilancio Sociale 2014–2016", anno: 2016 };
  const ctx2: ContestoControlli = { annoInizio: 2017, annoFine: 2019 };

  it("avvisa quando un indicatore ripreso dall'edizione precedente ha ancora lo stesso valore e riferimento", () => {
    const b = indicatore({ base });
    expect(controllaValoreInvariato(b)).toStrictEqual([
      {
        livello: "avviso",
        codice: "valore-invariato",
        campo: "valore",
        messaggio: "Valore uguale a quello dell'edizione precedente: aggiornalo se è cambiato",
      },
    ]);
    expect(codici(controllaBlocco(b, ctx2))).toContain("valore-invariato");
    expect(haErrori(controllaBlocco(b, ctx2))).toBe(false);
  });

  it("tace quando il valore o il riferimento sono stati aggiornati, o senza edizione precedente", () => {
    expect(controllaValoreInvariato(indicatore({ base, valore: 72100 }))).toStrictEqual([]);
    // Same figure confirmed for a new date: the officer has looked at it.
    expect(controllaValoreInvariato(indicatore({ base, riferimento: "2019" }))).toStrictEqual([]);
    expect(controllaValoreInvariato(indicatore())).toStrictEqual([]);
    expect(controllaValoreInvariato(serie())).toStrictEqual([]);
  });
});

describe("blocco-vuoto", () => {
  const doc = (...content: Testo["contenuto"]["content"]): Testo["contenuto"] => ({ type: "doc", content });
  const testoCon = (p: Partial<Testo>) => valido<Testo>({ tipo: "testo", contenuto: doc(), ...p });
  const uno = (s: Segnalazione[]) => s.map(({ livello, campo, messaggio }) => ({ livello, campo, messaggio }));

  it("nomina il testo vuoto, anche quando ha solo paragrafi vuoti", () => {
    const atteso = [{ livello: "avviso", campo: "contenuto", messaggio: "Il blocco di testo è vuoto: scrivi il testo oppure elimina il blocco." }];
    expect(uno(controllaBloccoVuoto(testoCon({})))).toStrictEqual(atteso);
    expect(uno(controllaBloccoVuoto(testoCon({ contenuto: doc({ type: "paragraph" }, { type: "paragraph", content: [{ type: "hardBreak" }] }), titolo: "  " })))).toStrictEqual(atteso);
    expect(codici(controllaBlocco(testoCon({}), ctx))).toStrictEqual(["blocco-vuoto"]);
  });

  it("un testo con parole, con un titolo (un sottotitolo della sezione) o con una nota non è vuoto", () => {
    expect(controllaBloccoVuoto(testo())).toStrictEqual([]);
    expect(controllaBloccoVuoto(testoCon({ titolo: "Composizione" }))).toStrictEqual([]);
    expect(controllaBloccoVuoto(testoCon({ contenuto: doc({ type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "Servizi" }] }) }))).toStrictEqual([]);
    expect(controllaBloccoVuoto(testoCon({ contenuto: doc({ type: "paragraph", content: [{ type: "notaPiePagina", attrs: { testo: "Dati ISTAT" } }] }) }))).toStrictEqual([]);
  });

  it("nomina la tabella senza righe o con le celle tutte vuote", () => {
    expect(uno(controllaBloccoVuoto(tabella({ righe: [] })))).toStrictEqual([
      { livello: "avviso", campo: "righe", messaggio: "La tabella non ha righe: aggiungi i dati oppure elimina il blocco." },
    ]);
    expect(uno(controllaBloccoVuoto(tabella({ righe: [["", "  "], [null, ""]] })))).toStrictEqual([
      { livello: "avviso", campo: "righe.0.0", messaggio: "Le celle della tabella sono tutte vuote: inserisci i dati oppure elimina il blocco." },
    ]);
    expect(controllaBloccoVuoto(tabella())).toStrictEqual([]);
    expect(controllaBloccoVuoto(tabella({ righe: [["", ""], ["", 0]] }))).toStrictEqual([]);
  });

  it("nomina la serie senza valori, non quella segnata come senza dati", () => {
    expect(uno(controllaBloccoVuoto(serie({ serie: [{ nome: "Arrivi", valori: [null, null, null] }] })))).toStrictEqual([
      { livello: "avviso", campo: "serie.0.valori.0", messaggio: "Il grafico non ha valori: inserisci i dati, oppure segna che i dati di questo grafico non sono disponibili." },
    ]);
    expect(uno(controllaBloccoVuoto(serie({ categorie: [], serie: [{ nome: "Arrivi", valori: [] }] })))).toStrictEqual([
      { livello: "avviso", campo: "categorie", messaggio: "Il grafico non ha righe né valori: inserisci i dati, oppure segna che i dati di questo grafico non sono disponibili." },
    ]);
    expect(controllaBloccoVuoto(serie({ datiMancanti: true, serie: [{ nome: "Arrivi", valori: [null, null, null] }] }))).toStrictEqual([]);
    expect(controllaBloccoVuoto(serie({ serie: [{ nome: "Arrivi", valori: [null, 0, null] }] }))).toStrictEqual([]);
  });

  it("nomina la scheda senza PRIMA, senza DOPO o senza titolo (obbligatorio: un errore)", () => {
    expect(uno(controllaBloccoVuoto(scheda({ prima: [], dopo: [] })))).toStrictEqual([
      { livello: "avviso", campo: "prima", messaggio: "La scheda non descrive il PRIMA: aggiungi almeno un punto su com'era la situazione." },
      { livello: "avviso", campo: "dopo", messaggio: "La scheda non descrive il DOPO: aggiungi almeno un punto su che cosa è cambiato." },
    ]);
    expect(codici(controllaBloccoVuoto(scheda({ dopo: [] })))).toStrictEqual(["blocco-vuoto"]);
    // As typed in the editor, before the schema refuses it on saving.
    const senzaTitolo = { ...scheda(), titolo: " ", prima: ["  "] } as Scheda;
    expect(uno(controllaBloccoVuoto(senzaTitolo))).toStrictEqual([
      { livello: "errore", campo: "titolo", messaggio: "La scheda non ha un titolo: scrivi il titolo del progetto." },
      { livello: "avviso", campo: "prima", messaggio: "La scheda non descrive il PRIMA: aggiungi almeno un punto su com'era la situazione." },
    ]);
    expect(haErrori(controllaBlocco(senzaTitolo, ctx))).toBe(true);
    expect(controllaBloccoVuoto(scheda())).toStrictEqual([]);
  });

  it("un blocco nuovo, appena aggiunto, è segnalato finché non lo si riempie", () => {
    for (const tipo of ["testo", "tabella", "serie", "scheda"] as const) {
      expect(codici(controllaBloccoVuoto(valido(bloccoNuovo(tipo, ctx)))), tipo).toContain("blocco-vuoto");
    }
    expect(controllaBloccoVuoto(valido(bloccoNuovo("indicatore", ctx)))).toStrictEqual([]);
  });
});

describe("controllaBlocco, controllaSezione, haErrori", () => {
  it("controllaBlocco riunisce i controlli del singolo blocco", () => {
    const b = indicatore({ fonte: undefined, unita: "", riferimento: "2010" });
    expect(codici(controllaBlocco(b, ctx))).toStrictEqual(["senza-fonte", "unita-mancante", "anno-fuori-edizione"]);
    expect(controllaBlocco(testo(), ctx)).toStrictEqual([]);
  });

  it("controllaSezione dà una lista per ogni blocco, con gli errori di sezione in testa", () => {
    const blocchi: Blocco[] = [
      testo(),
      indicatore({ fonte: undefined, valore: 1123, unita: "arrivi", confronti: [{ testo: "dal 2014", valore: 20, unita: "%" }] }),
      serie({ serie: [{ nome: "Arrivi", valori: [1000, 1100, 1123] }] }),
    ];
    const m = controllaSezione(blocchi, ctx);
    expect([...m.keys()]).toStrictEqual([0, 1, 2]);
    expect(m.get(0)).toStrictEqual([]);
    expect(codici(m.get(1)!)).toStrictEqual(["confronto-contraddetto", "senza-fonte"]);
    expect(m.get(2)).toStrictEqual([]);
    expect(haErrori(m.get(1)!)).toBe(true);
  });

  it("haErrori guarda solo il livello «errore»", () => {
    expect(haErrori([])).toBe(false);
    expect(haErrori(controllaBlocco(indicatore({ fonte: undefined }), ctx))).toBe(false);
  });
});
