import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { importaPacchetto } from "../edition-package/import";
import { costruisciDati, type DatiEdizione } from "./dati";
import { pagineCambiate } from "./errata";

function demo(): DatiEdizione {
  const db = memoryDb();
  importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
  return costruisciDati(db, "2014-2016", { slug: "2014-2016", revisione: 1 })!;
}

describe("che cosa ha cambiato una correzione", () => {
  it("la stessa edizione, rinumerata, non cambia nessuna pagina", () => {
    const a = demo();
    expect(pagineCambiate(a, { ...a, edizione: { ...a.edizione, revisione: 2 } })).toEqual([]);
  });

  it("un dato corretto segna la sua pagina; l'obiettivo di un ambito segna la pagina dell'ambito", () => {
    const a = demo();
    const b: DatiEdizione = structuredClone(a);
    const identita = b.parti.find((p) => p.codice === "identita")!;
    const popolazione = identita.sezioni.find((s) => s.codice === "conosci-popolazione")!;
    popolazione.blocchi[0] = { ...popolazione.blocchi[0], fonte: "ISTAT, dato rivisto" } as (typeof popolazione.blocchi)[number];
    const ambito = b.parti.find((p) => p.codice === "impegni")!.aree[0].ambiti[0];
    ambito.obiettivo = "Obiettivo riformulato";
    expect(pagineCambiate(a, b)).toEqual([
      { parte: "identita", codice: "conosci-popolazione", titolo: popolazione.titolo, cambio: "modificata" },
      { parte: "impegni", codice: ambito.sezione.codice, titolo: ambito.titolo, cambio: "modificata" },
    ]);
  });

  it("pagine aggiunte e tolte", () => {
    const a = demo();
    const b: DatiEdizione = structuredClone(a);
    const parte = b.parti.find((p) => p.codice === "presentazione")!;
    const tolta = parte.sezioni.pop()!;
    parte.sezioni.push({ ...tolta, codice: "nota-di-errata", titolo: "Nota di errata" });
    expect(pagineCambiate(a, b)).toEqual([
      { parte: "presentazione", codice: "nota-di-errata", titolo: "Nota di errata", cambio: "aggiunta" },
      { parte: "presentazione", codice: tolta.codice, titolo: tolta.titolo, cambio: "tolta" },
    ]);
  });
});
