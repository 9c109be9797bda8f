/** The fields a comment can be anchored to, per block kind, with their Italian names. */
import type { TipoBlocco } from "../content/blocks";

export const CAMPI_COMMENTABILI: Record<TipoBlocco, { campo: string; etichetta: string }[]> = {
  indicatore: [
    { campo: "valore", etichetta: "Valore" },
    { campo: "etichetta", etichetta: "Che cosa misura" },
    { campo: "unita", etichetta: "Unità di misura" },
    { campo: "riferimento", etichetta: "Anno o data di riferimento" },
    { campo: "confronti", etichetta: "Confronti" },
    { campo: "fonte", etichetta: "Fonte" },
    { campo: "nota", etichetta: "Nota" },
  ],
  serie: [
    { campo: "titolo", etichetta: "Titolo del grafico" },
    { campo: "serie", etichetta: "Dati del grafico" },
    { campo: "grafico", etichetta: "Tipo di grafico" },
    { campo: "fonte", etichetta: "Fonte" },
    { campo: "nota", etichetta: "Nota" },
  ],
  tabella: [
    { campo: "titolo", etichetta: "Titolo della tabella" },
    { campo: "righe", etichetta: "Contenuto della tabella" },
    { campo: "fonte", etichetta: "Fonte" },
    { campo: "nota", etichetta: "Nota" },
  ],
  scheda: [
    { campo: "titolo", etichetta: "Titolo del progetto" },
    { campo: "prima", etichetta: "PRIMA" },
    { campo: "dopo", etichetta: "DOPO" },
    { campo: "destinatari", etichetta: "Destinatari" },
    { campo: "luogo", etichetta: "Luogo" },
    { campo: "tempi", etichetta: "Tempi" },
    { campo: "costi", etichetta: "Costi" },
    { campo: "soggetti", etichetta: "Soggetti coinvolti" },
    { campo: "risultati", etichetta: "Risultati" },
    { campo: "narrativa", etichetta: "Racconto del progetto" },
  ],
  testo: [
    { campo: "titolo", etichetta: "Titolo" },
    { campo: "contenuto", etichetta: "Testo" },
  ],
};

export function etichettaCampo(tipo: TipoBlocco, campo: string | null): string {
  if (!campo) return "Blocco intero";
  return CAMPI_COMMENTABILI[tipo].find((c) => c.campo === campo)?.etichetta ?? campo;
}
