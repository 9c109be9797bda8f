/**
 * How a table's cells read: numbers the Italian way ("1.234,5"), except in a column
 * of years, where 2014 stays "2014" and not "2.014". A column is of years when its
 * header says so ("Anno", "Anni", "Anno scolastico") or when every number in it is a
 * whole number between 1800 and 2200, it has at least one, and its text cells (one
 * the officer retyped in the editor, say) read as years too.
 */
import { formatAnno, formatNumero } from "../numbers/format";
import type { Tabella } from "./blocks";

const INTESTAZIONE_ANNI = /^\s*(anno|anni)\b/i;
const eAnno = (v: number) => Number.isInteger(v) && v >= 1800 && v <= 2200;
/** A cell typed as text that reads as a year ("2015"): the editor keeps what the officer typed as text. */
const testoDiAnno = (c: string) => /^\s*\d{4}\s*$/.test(c) && eAnno(Number(c));

/** A column or series header that names years: "Anno", "Anni", "Anno scolastico". */
export function intestazioneDiAnni(h: string): boolean {
  return INTESTAZIONE_ANNI.test(h ?? "");
}

export function colonneDiAnni(t: Pick<Tabella, "intestazione" | "righe">): boolean[] {
  return t.intestazione.map((h, j) => {
    if (intestazioneDiAnni(h)) return true;
    const numeri = t.righe.map((r) => r[j]).filter((c): c is number => typeof c === "number");
    return numeri.length > 0 && numeri.every(eAnno) && t.righe.every((r) => {
      const c = r[j];
      return typeof c !== "string" || c.trim() === "" || testoDiAnno(c);
    });
  });
}

/** A cell as printed: years plain, other numbers grouped, text as written. */
export function cellaStampata(c: string | number | null | undefined, anni: boolean): string {
  if (c === null || c === undefined) return "";
  if (typeof c === "number") return anni ? formatAnno(c) : formatNumero(c);
  return c;
}
