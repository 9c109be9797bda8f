/**
 * Pure helpers of the editors' grids (series and tables): placing a block pasted
 * from a spreadsheet at a cell, growing the grid, adding and removing rows and
 * columns, and keeping the text typed in each cell aligned with the payload.
 * Written once here so that SerieEditor and TabellaEditor behave the same.
 */
import type { Serie, Tabella } from "./content/blocks";
import { formatAnno, formatNumero } from "./numbers/format";
import { interpretaCella } from "./numbers/parse";

/* ------------------------------------------------------------------ matrici */

/** The widest row of a matrix (0 when empty). */
export function larghezza<T>(m: readonly (readonly T[])[]): number {
  return m.reduce((max, r) => Math.max(max, r.length), 0);
}

/**
 * Writes `blocco` into `griglia` with its top-left corner at (`riga`, `colonna`),
 * growing the grid with `vuota` where the block goes past it. The result is
 * rectangular (every row as wide as the widest); cells missing from a ragged
 * block row keep what the grid had. The input grid is not modified.
 */
export function collocaBlocco<T>(griglia: readonly (readonly T[])[], blocco: readonly (readonly T[])[], riga: number, colonna: number, vuota: T): T[][] {
  const r0 = Math.max(0, riga);
  const c0 = Math.max(0, colonna);
  const righe = Math.max(griglia.length, blocco.length ? r0 + blocco.length : 0);
  const colonne = Math.max(larghezza(griglia), larghezza(blocco) ? c0 + larghezza(blocco) : 0);
  const out: T[][] = [];
  for (let r = 0; r < righe; r++) {
    const base = griglia[r] ?? [];
    const nuova: T[] = [];
    for (let c = 0; c < colonne; c++) nuova.push(c < base.length ? base[c] : vuota);
    const sorgente = blocco[r - r0];
    if (sorgente) sorgente.forEach((v, j) => (nuova[c0 + j] = v));
    out.push(nuova);
  }
  return out;
}

/** The grid without row `indice`. */
export function rimuoviRiga<T>(griglia: readonly T[][], indice: number): T[][] {
  return griglia.filter((_, i) => i !== indice);
}

/** The grid without column `indice` (removed from every row). */
export function rimuoviColonna<T>(griglia: readonly (readonly T[])[], indice: number): T[][] {
  return griglia.map((r) => r.filter((_, j) => j !== indice));
}

/** The grid with one more column at the end, filled with `vuota`. */
export function aggiungiColonna<T>(griglia: readonly (readonly T[])[], vuota: T): T[][] {
  return griglia.map((r) => [...r, vuota]);
}

/* ------------------------------------------------------------------ testi */

/** A number as a cell shows it, the Italian way and without binary noise: 14.700000000000001 → "14,7". */
export function testoDiNumero(valore: number): string {
  if (!Number.isFinite(valore)) return "";
  const arrotondato = Number(valore.toPrecision(15));
  let decimali = 0;
  while (decimali < 15 && Number(arrotondato.toFixed(decimali)) !== arrotondato) decimali++;
  return formatNumero(arrotondato, { decimali });
}

/** True when the text is a number (empty is not). */
export function numerica(testo: string): boolean {
  const r = interpretaCella(testo);
  return r.ok && r.valore !== null;
}

/** "2015", " 2016 ": a plain year, as the first column of a series often holds. */
export function sembraAnno(testo: string): boolean {
  return /^\s*(1[89]|2[01])\d{2}\s*$/.test(testo);
}

/** At least one filled cell, and no filled cell is a number. */
function soloTesto(celle: readonly string[]): boolean {
  const piene = celle.filter((c) => c.trim() !== "");
  return piene.length > 0 && piene.every((c) => !numerica(c));
}

/**
 * The label of a new row of a series: the year after the last category that is
 * a whole number ("2016" → "2017"); with no categories yet, the edition's first
 * year when given; otherwise empty.
 */
export function prossimaCategoria(categorie: readonly string[], annoInizio?: number): string {
  for (let i = categorie.length - 1; i >= 0; i--) {
    const m = /^\s*(\d{1,6})\s*$/.exec(categorie[i]);
    if (m) return String(Number(m[1]) + 1);
  }
  if (categorie.length === 0 && annoInizio !== undefined) return String(annoInizio);
  return "";
}

/* ------------------------------------------------------------------ serie */

/**
 * The text of each value cell of a series, by series then category: `testi[s][i]`
 * is the cell of `serie[s].valori[i]`. Missing values give empty cells.
 */
export function testiDaSerie(s: Serie): string[][] {
  return s.serie.map((r) => s.categorie.map((_, i) => {
    const v = r.valori[i];
    return typeof v === "number" ? testoDiNumero(v) : "";
  }));
}

function stessaForma(a: Serie, b: Serie): boolean {
  return a.categorie.length === b.categorie.length && a.serie.length === b.serie.length && a.serie.every((r, s) => r.valori.length === b.serie[s].valori.length);
}

/**
 * The cell texts once the payload changed from outside (restore, import, another
 * form): a cell keeps its text when its value did not change (so a text that does
 * not parse, or "1.500,0", survives); otherwise it shows the new value.
 */
export function riallineaTesti(testi: readonly (readonly string[])[], prima: Serie, dopo: Serie): string[][] {
  const forma = stessaForma(prima, dopo);
  return dopo.serie.map((r, s) => dopo.categorie.map((_, i) => {
    const v = r.valori[i] ?? null;
    const t = testi[s]?.[i];
    if (t !== undefined) {
      if (forma && (prima.serie[s].valori[i] ?? null) === v) return t;
      const p = interpretaCella(t);
      if (p.ok && p.valore === v) return t;
    }
    return typeof v === "number" ? testoDiNumero(v) : "";
  }));
}

/** A value cell that does not parse: shown next to the cell and listed under the grid. */
export interface ErroreCella {
  /** Index of the category (row). */
  riga: number;
  /** Index of the series (column). */
  serie: number;
  messaggio: string;
}

/** Every value cell whose text is not a number, row by row. */
export function erroriCelle(testi: readonly (readonly string[])[], righe: number): ErroreCella[] {
  const out: ErroreCella[] = [];
  for (let i = 0; i < righe; i++) {
    testi.forEach((col, s) => {
      const r = interpretaCella(col[i] ?? "");
      if (!r.ok) out.push({ riga: i, serie: s, messaggio: r.messaggio });
    });
  }
  return out;
}

/**
 * Where a block pasted into a series grid goes. Coordinates are those of the whole
 * grid: row 0 holds the series names, column 0 the categories, (r ≥ 1, c ≥ 1) a value.
 * - pasted into the first data row, a first row of text only (the corner cell aside)
 *   above rows with numbers is taken as the series names: the block moves up to the names row;
 * - pasted into the first series column, a first column of text only, or of years,
 *   is taken as the categories: the block moves left to the categories column.
 */
export function posizioneIncollaSerie(blocco: readonly (readonly string[])[], riga: number, colonna: number): { riga: number; colonna: number } {
  const larg = larghezza(blocco);
  const primaRiga = blocco[0] ?? [];
  const daColonna = larg > 1 ? 1 : 0; // the corner cell ("Anno") does not count
  // A header differs from what follows: text above numbers (a lone row of text is a header only over the values).
  const restoNumerico = blocco.slice(1).some((r) => r.slice(daColonna).some(numerica));
  const intestazione = soloTesto(primaRiga.slice(daColonna)) && (blocco.length === 1 ? colonna >= 1 : restoNumerico);
  const primaColonna = blocco.slice(intestazione ? 1 : 0).map((r) => r[0] ?? "");
  const piene = primaColonna.filter((c) => c.trim() !== "");
  const categorie = larg > 1 && (soloTesto(primaColonna) || (piene.length > 0 && piene.every(sembraAnno)));
  return {
    riga: riga === 1 && intestazione ? 0 : riga,
    colonna: colonna === 1 && categorie ? 0 : colonna,
  };
}

/** The whole grid of a series as text: names in row 0, categories in column 0, the corner empty. */
export function matriceDaSerie(s: Serie, testi: readonly (readonly string[])[]): string[][] {
  return [
    ["", ...s.serie.map((r) => r.nome)],
    ...s.categorie.map((c, i) => [c, ...s.serie.map((_, j) => testi[j]?.[i] ?? "")]),
  ];
}

export interface EsitoIncolla {
  serie: Serie;
  testi: string[][];
  /** Cells of the pasted block that are not numbers: left empty in the payload. */
  errori: ErroreCella[];
  /** How many value cells the block filled. */
  celle: number;
}

/**
 * Pastes a block (from `incollaTabella`) into a series at grid cell (`riga`, `colonna`),
 * in the coordinates of {@link posizioneIncollaSerie}, growing categories and series as
 * needed. New rows left without a label get the next year (see {@link prossimaCategoria}),
 * new series left without a name "Serie N". Values are parsed as Italian numbers; a cell
 * that does not parse keeps its text and is null in the payload.
 */
export function incollaInSerie(s: Serie, testi: readonly (readonly string[])[], blocco: readonly (readonly string[])[], riga: number, colonna: number): EsitoIncolla {
  const pos = posizioneIncollaSerie(blocco, riga, colonna);
  const m = collocaBlocco(matriceDaSerie(s, testi), blocco, pos.riga, pos.colonna, "");
  const nSerie = Math.max(0, (m[0]?.length ?? 1) - 1);
  const categorie: string[] = [];
  for (let i = 1; i < m.length; i++) {
    const c = m[i][0];
    categorie.push(i > s.categorie.length && c.trim() === "" ? prossimaCategoria(categorie) : c);
  }
  const nuoviTesti: string[][] = [];
  const errori: ErroreCella[] = [];
  const serie: Serie["serie"] = [];
  for (let j = 0; j < nSerie; j++) {
    const vecchia = s.serie[j];
    const nome = m[0][j + 1];
    const col: string[] = [];
    const valori: (number | null)[] = [];
    for (let i = 0; i < categorie.length; i++) {
      const t = m[i + 1][j + 1];
      col.push(t);
      const dalBlocco = i + 1 >= pos.riga && i + 1 < pos.riga + blocco.length && j + 1 >= pos.colonna && j + 1 - pos.colonna < (blocco[i + 1 - pos.riga]?.length ?? 0);
      if (!dalBlocco && vecchia && i < vecchia.valori.length) {
        valori.push(vecchia.valori[i] ?? null);
        continue;
      }
      const p = interpretaCella(t);
      if (p.ok) valori.push(p.valore);
      else {
        valori.push(null);
        if (dalBlocco) errori.push({ riga: i, serie: j, messaggio: p.messaggio });
      }
    }
    nuoviTesti.push(col);
    serie.push({ ...(vecchia ?? {}), nome: !vecchia && nome.trim() === "" ? `Serie ${j + 1}` : nome, valori });
  }
  let celle = 0;
  blocco.forEach((r, bi) => r.forEach((_, bj) => {
    if (pos.riga + bi >= 1 && pos.colonna + bj >= 1) celle++;
  }));
  errori.sort((a, b) => a.riga - b.riga || a.serie - b.serie);
  return { serie: { ...s, categorie, serie }, testi: nuoviTesti, errori, celle };
}

/* ------------------------------------------------------------------ tabella */

type Cella = Tabella["righe"][number][number];

/**
 * Pastes a block into a table at (`riga`, `colonna`): row 0 is the header (the
 * first pasted row then fills the header), row r ≥ 1 is `righe[r - 1]`. The table
 * grows as needed; pasted cells stay strings as typed.
 */
export function incollaInTabella(t: Tabella, blocco: readonly (readonly string[])[], riga: number, colonna: number): Tabella {
  const m = collocaBlocco<Cella>([t.intestazione, ...t.righe], blocco, riga, colonna, "");
  const [intestazione, ...righe] = m;
  return { ...t, intestazione: intestazione.map((c) => (c === null ? "" : String(c))), righe };
}

/**
 * A table cell as its input shows it: numbers the Italian way, a year plain in a
 * column of years (see colonneDiAnni), null empty.
 */
export function testoCella(c: Cella, anni = false): string {
  if (typeof c === "number") return anni ? formatAnno(c) : testoDiNumero(c);
  return c ?? "";
}
