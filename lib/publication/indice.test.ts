import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import type { Blocco } from "../content/blocks";
import { importaPacchetto } from "../edition-package/import";
import { costruisciDati, FORMATO_DATI, type DatiEdizione } from "./dati";
import { indiceEdizione, noteDiSezione, noteEdizione, risolviPagina, testiNoteBlocco, vicine } from "./indice";

const testo = (frasi: string[], note: string[] = []): Blocco => ({
  tipo: "testo",
  contenuto: {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          ...frasi.map((t) => ({ type: "text" as const, text: t })),
          ...note.map((t) => ({ type: "notaPiePagina" as const, attrs: { testo: t } })),
        ],
      },
    ],
  },
});

const indicatore = (etichetta: string, fonte?: string, nota?: string): Blocco => ({ tipo: "indicatore", etichetta, valore: 1, unita: "abitanti", fonte, nota });

const sezione = (codice: string, blocchi: Blocco[]) => ({ codice, titolo: `Titolo ${codice}`, settore: "cultura", blocchi });

/** Two parts: one with its own pages, one with two areas of ambiti; notes repeat across pages. */
const DATI: DatiEdizione = {
  formato: FORMATO_DATI,
  ente: { nome: "Comune di Prova" },
  edizione: { slug: "2020-2022", titolo: "Bilancio Sociale 2020–2022", annoInizio: 2020, annoFine: 2022, revisione: 1 },
  settori: [{ codice: "cultura", nome: "Cultura" }],
  parti: [
    {
      codice: "identita",
      titolo: "Identità",
      sezioni: [
        sezione("popolazione", [indicatore("abitanti", "ISTAT"), indicatore("famiglie", "Anagrafe", "Dato provvisorio")]),
        sezione("territorio", [indicatore("kmq", "ISTAT")]),
      ],
      aree: [],
    },
    {
      codice: "impegni",
      titolo: "Dagli impegni ai risultati",
      sezioni: [],
      aree: [
        {
          numero: 1,
          titolo: "Una città attrattiva",
          ambiti: [
            { codice: "musei", titolo: "Musei", obiettivo: "Rilanciare i musei", settori: ["cultura"], assessori: ["A. Rossi"], sezione: sezione("musei", [testo(["Visite"], ["Dato provvisorio", "Stima del settore"])]) },
          ],
        },
        {
          numero: 2,
          titolo: "Una città che lavora",
          ambiti: [
            { codice: "giovani", titolo: "Giovani", obiettivo: "Lavoro per i giovani", settori: ["cultura"], assessori: [], sezione: sezione("giovani", [{ ...testo(["Progetti"], ["Stima del settore"]), fonte: "ISTAT" }]) },
          ],
        },
      ],
    },
  ],
};

describe("indice dell'edizione", () => {
  it("elenca le pagine nell'ordine di lettura: pagine della parte, poi aree e ambiti", () => {
    const i = indiceEdizione(DATI);
    expect(i.pagine.map((p) => p.codice)).toEqual(["popolazione", "territorio", "musei", "giovani"]);
    expect(i.pagine.map((p) => p.posizione)).toEqual([0, 1, 2, 3]);
    expect(i.parti.map((p) => [p.codice, p.pagine.length, p.aree.map((a) => a.segmento)])).toEqual([
      ["identita", 2, []],
      ["impegni", 0, ["area-1", "area-2"]],
    ]);
    const musei = i.pagine[2];
    expect(musei.titolo).toBe("Musei");
    expect(musei.area).toEqual({ numero: 1, titolo: "Una città attrattiva" });
    expect(musei.ambito?.obiettivo).toBe("Rilanciare i musei");
    expect(musei.ancora).toBe("sezione-musei");
    expect(i.parti[1].aree[0].ancora).toBe("parte-impegni-area-1");
  });

  it("risolve gli indirizzi di parte e pagina e rifiuta quelli sconosciuti", () => {
    const i = indiceEdizione(DATI);
    expect(risolviPagina(i, "identita", "territorio")).toMatchObject({ tipo: "sezione", pagina: { codice: "territorio" } });
    expect(risolviPagina(i, "impegni", "giovani")).toMatchObject({ tipo: "sezione", pagina: { codice: "giovani", area: { numero: 2 } } });
    expect(risolviPagina(i, "impegni", "area-2")).toMatchObject({ tipo: "area", area: { numero: 2, titolo: "Una città che lavora" } });
    expect(risolviPagina(i, "impegni", "area-3")).toBeNull();
    // A page is found only under its own part.
    expect(risolviPagina(i, "identita", "giovani")).toBeNull();
    expect(risolviPagina(i, "nessuna", "giovani")).toBeNull();
  });

  it("collega ogni pagina alla precedente e alla successiva, attraverso le parti", () => {
    const i = indiceEdizione(DATI);
    expect(vicine(i, i.pagine[0])).toEqual({ precedente: null, successiva: i.pagine[1] });
    expect(vicine(i, i.pagine[1]).successiva?.codice).toBe("musei");
    expect(vicine(i, i.pagine[3])).toEqual({ precedente: i.pagine[2], successiva: null });
  });
});

describe("note numerate per tutta l'edizione", () => {
  it("numera ogni fonte e nota una sola volta, nell'ordine di lettura", () => {
    expect(noteEdizione(DATI).elenco()).toEqual([
      { numero: 1, tipo: "fonte", testo: "ISTAT" },
      { numero: 2, tipo: "fonte", testo: "Anagrafe" },
      { numero: 3, tipo: "nota", testo: "Dato provvisorio" },
      { numero: 4, tipo: "nota", testo: "Stima del settore" },
    ]);
  });

  it("la pagina di un ambito stampa gli stessi numeri dell'edizione intera, e solo le sue note", () => {
    const note = noteEdizione(DATI);
    const giovani = indiceEdizione(DATI).pagine[3];
    expect(noteDiSezione(note, giovani.sezione)).toEqual([
      { numero: 1, tipo: "fonte", testo: "ISTAT" },
      { numero: 4, tipo: "nota", testo: "Stima del settore" },
    ]);
    const musei = indiceEdizione(DATI).pagine[2];
    expect(noteDiSezione(note, musei.sezione).map((n) => n.numero)).toEqual([3, 4]);
    // Looking a page up assigns nothing new: the edition's numbering is unchanged.
    expect(note.elenco()).toHaveLength(4);
  });

  it("segue l'ordine del renderer: fonte, nota, poi le note del testo", () => {
    const b = { ...testo(["x"], ["nel testo"]), fonte: "F", nota: "N" };
    expect(testiNoteBlocco(b)).toEqual([
      { tipo: "fonte", testo: "F" },
      { tipo: "nota", testo: "N" },
      { tipo: "nota", testo: "nel testo" },
    ]);
  });

  it("sull'edizione demo di Cremona ogni pagina ritrova i numeri dell'edizione", () => {
    const db = memoryDb();
    const r = importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
    expect(r.ok).toBe(true);
    const dati = costruisciDati(db, "2014-2016", { slug: "2014-2016", revisione: 1 })!;
    const indice = indiceEdizione(dati);
    expect(indice.pagine).toHaveLength(r.ok ? r.sezioni : -1);
    const note = noteEdizione(dati);
    const totale = note.elenco().length;
    expect(totale).toBeGreaterThan(0);
    const visti = new Set<number>();
    for (const p of indice.pagine) {
      const proprie = noteDiSezione(note, p.sezione);
      proprie.forEach((n) => visti.add(n.numero));
      // The same text has the same number wherever it appears.
      for (const b of p.sezione.blocchi) for (const t of testiNoteBlocco(b)) expect(proprie.find((n) => n.tipo === t.tipo && n.testo === t.testo)).toBeDefined();
    }
    expect(note.elenco()).toHaveLength(totale);
    expect(visti.size).toBe(totale);
  });
});
