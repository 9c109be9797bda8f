/** A new block of each kind: valid at once, with visible placeholders the author replaces. */
import type { Blocco, TipoBlocco } from "../content/blocks";

export function bloccoNuovo(tipo: TipoBlocco, anni: { annoInizio: number; annoFine: number }): Blocco {
  switch (tipo) {
    case "indicatore":
      return { tipo, etichetta: "Nuovo indicatore", valore: 0, unita: "" };
    case "serie": {
      const categorie: string[] = [];
      for (let a = anni.annoInizio; a <= anni.annoFine; a++) categorie.push(String(a));
      return { tipo, titolo: "Nuova serie", grafico: "barre", categorie, serie: [{ nome: "Valore", valori: categorie.map(() => null) }] };
    }
    case "tabella":
      return { tipo, titolo: "Nuova tabella", intestazione: ["Colonna 1", "Colonna 2"], righe: [["", ""]] };
    case "scheda":
      return { tipo, titolo: "Nuova scheda", prima: [], dopo: [], costi: {}, soggetti: [], risultati: [] };
    case "testo":
      return { tipo, contenuto: { type: "doc", content: [] } };
  }
}
