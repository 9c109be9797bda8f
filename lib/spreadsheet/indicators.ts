/**
 * Importing headline figures (indicatori) from a sheet: one row per figure, the first
 * row names the columns. Every bad row is reported with all its errors; the good rows
 * are returned apart, so the editor can preview both and import the good ones.
 */
import { indicatoreSchema, type Indicatore } from "../content/blocks";
import { interpretaNumero } from "../numbers/parse";

export interface ErroreRiga {
  /** 1-based, as the spreadsheet shows it: the header is row 1. */
  riga: number;
  /** The column's header as written in the file, or its letter ("C") when the header is empty. */
  colonna: string;
  /** Italian, says what is wrong. */
  messaggio: string;
}

export interface AnteprimaImport<T> {
  validi: { riga: number; blocco: T }[];
  errori: ErroreRiga[];
  erroriFile: string[];
}

/* ------------------------------------------------------------------ grid helpers (also used by series) */

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function letteraColonna(indice: number): string {
  let n = indice + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The cell's text, trimmed; "" beyond the end of a short row. */
export function cella(griglia: string[][], riga: number, colonna: number): string {
  return (griglia[riga]?.[colonna] ?? "").trim();
}

/** How a column is named in error messages: its header, or its letter if the header is empty. */
export function nomeColonna(intestazione: string[], colonna: number): string {
  const h = (intestazione[colonna] ?? "").trim();
  return h !== "" ? h : letteraColonna(colonna);
}

/**
 * Which column holds which field, read from the header row by its (normalised) names;
 * two columns naming the same field are an error the file must fix.
 */
export function mappaColonne<C extends string>(
  intestazione: string[],
  campoDaIntestazione: ReadonlyMap<string, C>,
  nomiCampo: Record<C, string>,
): { colonne: Partial<Record<C, number>>; errori: string[] } {
  const colonne: Partial<Record<C, number>> = {};
  const errori: string[] = [];
  intestazione.forEach((h, i) => {
    const campo = campoDaIntestazione.get(normalizzaIntestazione(h));
    if (!campo) return;
    const gia = colonne[campo];
    if (gia !== undefined) {
      errori.push(`Le colonne «${nomeColonna(intestazione, gia)}» e «${nomeColonna(intestazione, i)}» indicano entrambe il campo ${nomiCampo[campo]}: lasciarne una sola.`);
    } else colonne[campo] = i;
  });
  return { colonne, errori };
}

export function rigaVuota(riga: string[] | undefined): boolean {
  return !riga || riga.every((c) => c.trim() === "");
}

/** Lower case, without accents and punctuation: "Unità di misura" → "unita di misura", "U.M." → "u m". */
export function normalizzaIntestazione(testo: string): string {
  return testo
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/* ------------------------------------------------------------------ columns */

type Campo = "etichetta" | "valore" | "unita" | "riferimento" | "fonte" | "nota";

const NOMI_CAMPO: Record<Campo, string> = {
  etichetta: "Etichetta",
  valore: "Valore",
  unita: "Unità",
  riferimento: "Riferimento",
  fonte: "Fonte",
  nota: "Nota",
};

/** Header names recognised for each field, already normalised. */
const SINONIMI: Record<Campo, string[]> = {
  etichetta: ["etichetta", "descrizione", "indicatore"],
  valore: ["valore"],
  unita: ["unita", "um", "u m", "unita di misura"],
  riferimento: ["riferimento", "anno", "data", "anno di riferimento", "data di riferimento"],
  fonte: ["fonte", "fonti"],
  nota: ["nota", "note"],
};

const CAMPO_DA_INTESTAZIONE = new Map<string, Campo>(
  (Object.entries(SINONIMI) as [Campo, string[]][]).flatMap(([campo, nomi]) => nomi.map((n) => [n, campo] as const)),
);

/** "€", "EUR", "Euro" are the same unit, as the number parser stores it. */
function confrontabileUnita(u: string): string {
  const t = u.trim().toLowerCase().replace(/\s+/g, " ");
  return /^(?:€|eur|euro)$/.test(t) ? "euro" : t;
}

/* ------------------------------------------------------------------ import */

/**
 * Rows of indicators from a grid whose first row is the header. Recognised columns
 * (case- and accent-insensitive): Etichetta (Descrizione, Indicatore), Valore,
 * Unità (Unita, UM, Unità di misura), Riferimento (Anno, Data), Fonte, Nota; other
 * columns are ignored. Empty rows are skipped.
 */
export function righeIndicatori(griglia: string[][]): AnteprimaImport<Indicatore> {
  const risultato: AnteprimaImport<Indicatore> = { validi: [], errori: [], erroriFile: [] };
  const intestazione = griglia[0] ?? [];
  if (rigaVuota(intestazione)) {
    risultato.erroriFile.push(
      griglia.length === 0
        ? "Il file è vuoto."
        : "La prima riga è vuota: deve contenere le intestazioni delle colonne (Etichetta, Valore, Unità, Riferimento, Fonte, Nota).",
    );
    return risultato;
  }

  const { colonne, errori } = mappaColonne(intestazione, CAMPO_DA_INTESTAZIONE, NOMI_CAMPO);
  risultato.erroriFile.push(...errori);
  for (const campo of ["etichetta", "valore"] as const) {
    if (colonne[campo] === undefined) {
      const sinonimi = SINONIMI[campo].length > 1 ? ` (oppure ${SINONIMI[campo].slice(1).map((s) => `«${s}»`).join(", ")})` : "";
      risultato.erroriFile.push(
        `Manca la colonna «${NOMI_CAMPO[campo]}»${sinonimi}: la prima riga deve contenere le intestazioni. Intestazioni trovate: ${intestazione.map((h, i) => `«${nomeColonna(intestazione, i)}»`).join(", ")}.`,
      );
    }
  }
  if (risultato.erroriFile.length > 0) return risultato;
  if (griglia.slice(1).every((r) => rigaVuota(r))) {
    risultato.erroriFile.push("Il file contiene solo la riga di intestazione: nessun indicatore da importare.");
    return risultato;
  }

  const testo = (r: number, campo: Campo): string => {
    const c = colonne[campo];
    return c === undefined ? "" : cella(griglia, r, c);
  };
  const nome = (campo: Campo): string => {
    // A field without its own column (a unit written in the value cell) is reported on the value column.
    const c = colonne[campo] ?? colonne.valore!;
    return nomeColonna(intestazione, c);
  };

  for (let r = 1; r < griglia.length; r++) {
    if (rigaVuota(griglia[r])) continue;
    const riga = r + 1;
    const errori: ErroreRiga[] = [];
    const segnalati = new Set<Campo>();
    const errore = (campo: Campo, messaggio: string) => {
      errori.push({ riga, colonna: nome(campo), messaggio });
      segnalati.add(campo);
    };

    const etichetta = testo(r, "etichetta");
    if (etichetta === "") errore("etichetta", "Manca l'etichetta: scrivere che cosa misura il valore (ad esempio «abitanti residenti»).");

    let valore = 0;
    let unita = testo(r, "unita");
    let scala: Indicatore["scala"];
    let variazione: boolean | undefined;
    const testoValore = testo(r, "valore");
    if (testoValore === "") {
      errore("valore", "Manca il valore: scrivere il numero, ad esempio 71.924 oppure 14,7%.");
    } else {
      const esito = interpretaNumero(testoValore);
      if (!esito.ok) {
        errore("valore", esito.messaggio);
      } else {
        valore = esito.numero.valore;
        scala = esito.numero.scala;
        variazione = esito.numero.variazione;
        const unitaNelValore = esito.numero.unita;
        if (unitaNelValore !== undefined) {
          if (unita === "") unita = unitaNelValore;
          else if (confrontabileUnita(unita) !== confrontabileUnita(unitaNelValore)) {
            errore(
              "unita",
              `Il valore «${testoValore}» indica l'unità «${unitaNelValore}» ma la colonna dice «${unita}»: correggere l'una o l'altra.`,
            );
          }
        }
      }
    }

    const candidato: Record<string, unknown> = { tipo: "indicatore", etichetta, valore, unita };
    if (scala) candidato.scala = scala;
    if (variazione) candidato.variazione = true;
    for (const campo of ["riferimento", "fonte", "nota"] as const) {
      const t = testo(r, campo);
      if (t !== "") candidato[campo] = t;
    }

    const esito = indicatoreSchema.safeParse(candidato);
    if (!esito.success) {
      for (const issue of esito.error.issues) {
        const chiave = String(issue.path[0] ?? "");
        const campo: Campo =
          chiave in NOMI_CAMPO ? (chiave as Campo) : "valore"; // testoValore, scala, variazione: all from the value cell
        if (segnalati.has(campo)) continue; // already explained above, in plainer words
        errori.push({ riga, colonna: nome(campo), messaggio: issue.message });
      }
    }
    if (errori.length > 0 || !esito.success) risultato.errori.push(...errori);
    else risultato.validi.push({ riga, blocco: esito.data });
  }
  return risultato;
}
