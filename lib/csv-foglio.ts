/**
 * CSV for a spreadsheet: the downloads of the signed-in app (the audit log, the citizens'
 * comments), which people open in Excel or LibreOffice. What a citizen or a failed login
 * typed must never run there as a formula, however the program splits the line: Italian
 * Excel splits on ";", others on ",", the import wizards on tab too, and some take a line
 * break inside quotes as the end of the row. So every field is quoted (quotes doubled), and
 * wherever a cell could begin under any of those splits (at the start of the field, or
 * right after a "," ";" tab or line break inside it) a character that starts a formula
 * (= + - @, tab, carriage return), even behind spaces or quotes that a reader may trim,
 * gets an apostrophe in front, which spreadsheets read as "this is text".
 *
 * Not for the open data (dati.csv, valutazioni.csv): those are for programs, written
 * exactly as published (lib/publication/csv.ts), where "-3" is a number.
 */

/** Where a cell may begin (the start, or after a separator a spreadsheet may split on) followed by a formula's start. */
const INIZIO_CELLA = /(^|[,;\t\r\n])(?=[ "]*[=+\-@\t\r])/g;

export type ValoreCella = string | number | null | undefined;

/** One field: always quoted, formulas defused at every place a cell could begin. */
export function cellaFoglio(v: ValoreCella): string {
  const s = v === null || v === undefined ? "" : String(v);
  return `"${s.replace(INIZIO_CELLA, "$1'").replace(/"/g, '""')}"`;
}

/** One row, its fields joined by the file's separator. */
export function rigaFoglio(valori: readonly ValoreCella[], separatore: ";" | ","): string {
  return valori.map(cellaFoglio).join(separatore);
}
