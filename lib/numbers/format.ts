/**
 * Italian number formatting: "71.924", "2,11", "14,7%", "1,8 milioni di euro".
 * Values are stored whole (1800000); `scala` only decides how they are printed.
 */
export const SCALE = ["mila", "milioni", "miliardi", "mln"] as const;
export type Scala = (typeof SCALE)[number];

/** Powers of ten of each scale: "mln" is "milioni" as the abbreviation the author wrote ("6 mln di euro"). */
export const ESPONENTE_SCALA: Record<Scala, number> = { mila: 3, milioni: 6, miliardi: 9, mln: 6 };
const fattore = (s: Scala) => 10 ** ESPONENTE_SCALA[s];

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(conSegno: boolean, decimali?: number): Intl.NumberFormat {
  const key = `${conSegno}:${decimali ?? ""}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat("it-IT", {
      // Italian CLDR leaves 4-digit numbers ungrouped ("1500"); the report writes "1.500".
      useGrouping: "always",
      maximumFractionDigits: decimali ?? 3,
      minimumFractionDigits: decimali ?? 0,
      signDisplay: conSegno ? "exceptZero" : "auto",
    });
    formatters.set(key, f);
  }
  return f;
}

export interface OpzioniNumero {
  scala?: Scala;
  /** A change rather than a level: always printed with its sign. */
  variazione?: boolean;
  decimali?: number;
}

/** The scale's word as Italian writes it after the number: "1 milione", "2,5 milioni", "175 mila", "1 mln". */
function parolaScala(scala: Scala, testo: string): string {
  const uno = /^[+-]?1$/.test(testo);
  if (scala === "milioni" && uno) return "milione";
  if (scala === "miliardi" && uno) return "miliardo";
  return scala;
}

/**
 * 71924 → "71.924"; 2.11 → "2,11"; 1800000 with scala "milioni" → "1,8 milioni".
 * Without a scale the number is printed whole, as its author typed it: 610000 is
 * "610.000", never "610 mila" (only the author chooses a scale).
 */
export function formatNumero(valore: number, opzioni: OpzioniNumero = {}): string {
  const base = opzioni.scala ? valore / fattore(opzioni.scala) : valore;
  // Normalise the minus sign to ASCII so copied figures paste cleanly into spreadsheets.
  const testo = formatter(!!opzioni.variazione, opzioni.decimali).format(base).replace("\u2212", "-");
  return opzioni.scala ? `${testo} ${parolaScala(opzioni.scala, testo)}` : testo;
}

/**
 * A year as the report writes it: 2014 is "2014", never "2.014" (Italian
 * grouping is for quantities). Anything but a whole number is formatted as a number.
 */
export function formatAnno(anno: number): string {
  return Number.isInteger(anno) ? String(anno) : formatNumero(anno);
}

/** A value with its unit, the way the report prints it: "14,7%", "1,8 milioni di euro", "70,4 kmq". */
export function formatValore(valore: number, unita: string | undefined, opzioni: OpzioniNumero = {}): string {
  const numero = formatNumero(valore, opzioni);
  const u = (unita ?? "").trim();
  if (!u) return numero;
  if (u === "%") return `${numero}%`;
  // "1,8 milioni di euro", "6 mln di euro", but "175 mila euro": Italian takes "di" after millions.
  if (opzioni.scala && opzioni.scala !== "mila") return `${numero} di ${u}`;
  return `${numero} ${u}`;
}

/** An ISO date "2017-03-31" as "31/03/2017". */
export function formatData(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A timestamp's day as "02/06/2017" in Italian time (formatData reads a date as written, without a time zone). */
export function formatGiorno(iso: string): string {
  return new Intl.DateTimeFormat("it-IT", { timeZone: "Europe/Rome", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(iso));
}

/** A timestamp as "25/11/2026 10:42" in Italian time. */
export function formatDataOra(iso: string): string {
  return new Intl.DateTimeFormat("it-IT", {
    timeZone: "Europe/Rome",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso)).replace(",", "");
}
