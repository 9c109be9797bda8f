/**
 * Reading what an officer types, the Italian way: "71.924", "2,11", "14,7%",
 * "1,8 milioni di euro", "€ 1.234.567,50", "+ 2,3 anni".
 * The point groups thousands, the comma is the only decimal separator.
 * The inverse of `formatValore` in ./numbers: values come back whole (1800000),
 * with the scale only remembered for printing.
 */
import { ESPONENTE_SCALA, formatNumero, type Scala } from "./format";

export interface NumeroInterpretato {
  valore: number;
  unita?: string;
  scala?: Scala;
  variazione?: boolean;
  /** Decimals as typed when printing the value again would lose them: "16,90" keeps 2. */
  decimali?: number;
}

export type EsitoNumero = { ok: true; numero: NumeroInterpretato } | { ok: false; messaggio: string };


/** Words an officer may use for a scale, and the scale they mean. */
const PAROLE_SCALA: [RegExp, Scala][] = [
  [/^(?:mila|migliaia)(?![\p{L}\d])/iu, "mila"],
  [/^(?:milioni|milione)(?![\p{L}\d])/iu, "milioni"],
  // Kept as typed, so "6 mln di euro" prints back as "6 mln di euro".
  [/^mln(?![\p{L}\d])/iu, "mln"],
  [/^(?:miliardi|miliardo|mld|mrd)(?![\p{L}\d])/iu, "miliardi"],
];

const ESEMPI = "ad esempio 1.234 oppure 12,5";

function rifiuta(messaggio: string): { ok: false; messaggio: string } {
  return { ok: false, messaggio };
}

/** Non-breaking and narrow spaces become plain spaces; typographic minus and dashes become "-". */
function normalizza(testo: string): string {
  return testo
    .replace(/[\u00a0\u202f\u2007\u2009\t]/g, " ")
    .replace(/[\u2212\u2013\u2014]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The exact value of `cifre` (digits only) × 10^esponente, sign applied.
 * Built as a decimal string so that "1,8 milioni" is exactly 1800000, never 1799999.9999.
 */
function valoreEsatto(cifre: string, esponente: number, negativo: boolean): number {
  let testo: string;
  if (esponente >= 0) {
    testo = cifre + "0".repeat(esponente);
  } else {
    const k = -esponente;
    const padded = cifre.padStart(k + 1, "0");
    testo = `${padded.slice(0, padded.length - k)}.${padded.slice(padded.length - k)}`;
  }
  const v = Number(testo);
  if (v === 0) return 0; // no "-0"
  return negativo ? -v : v;
}

/** A unit as stored: "€", "EUR" and "Euro" are all "euro"; inner spaces collapsed. */
function normalizzaUnita(unita: string): string {
  const u = unita.trim();
  if (/^(?:€|eur|euro)$/i.test(u)) return "euro";
  return u;
}

/**
 * Parses a figure as written in the report.
 * "+" marks a change (variazione); a leading "€" or trailing "€"/"euro" gives unita "euro";
 * "mila", "milioni", "miliardi" (also "milione", "mld") give the scale, and "mln" its own abbreviated one, optionally followed by "di".
 */
export function interpretaNumero(testo: string): EsitoNumero {
  const t = normalizza(testo ?? "");
  if (t === "") return rifiuta(`Inserisci un numero: ${ESEMPI}`);

  // Optional sign and euro symbol, in either order: "+ 2,3", "€ 1.234,50", "- € 693", "€ -693".
  const m = /^(?:([+-]) ?)?(?:(€) ?)?(?:([+-]) ?)?(.*)$/.exec(t)!;
  const [, segno1, euroPrima, segno2] = m;
  let resto = m[4];
  if (segno1 && segno2) return rifiuta(`Il segno va scritto una volta sola: ad esempio -3,2 oppure +20%`);
  const segno = segno1 ?? segno2;

  if (/^[.,]\d/.test(resto)) {
    const suggerimento = `0${resto.startsWith(".") ? "," + resto.slice(1) : resto}`.replace(/\s.*$/, "");
    return rifiuta(`Il valore deve iniziare con una cifra: scrivi ${suggerimento}`);
  }
  if (!/^\d/.test(resto)) {
    return rifiuta(
      `Il valore deve iniziare con un numero (prima del numero sono ammessi solo €, + o -): ${ESEMPI}. ` +
        `Parole come «circa» o «oltre» vanno nell'etichetta o nella nota.`,
    );
  }

  const numeroMatch = /^[\d.,]+/.exec(resto)!;
  const numeroTesto = numeroMatch[0];
  resto = resto.slice(numeroTesto.length).trim();

  // --- the figure itself ---------------------------------------------------
  const virgole = numeroTesto.split(",").length - 1;
  if (virgole > 1) {
    return rifiuta(
      `C'è più di una virgola in «${numeroTesto}»: ci può essere una sola virgola decimale. ` +
        `Usa il punto per le migliaia e la virgola per i decimali: ad esempio 1.234,5`,
    );
  }
  const [parteIntera, parteDecimale = ""] = numeroTesto.split(",");
  if (virgole === 1 && parteDecimale === "") {
    return rifiuta(`Dopo la virgola servono le cifre decimali: scrivi ${parteIntera},5 oppure solo ${parteIntera}`);
  }
  if (parteDecimale.includes(".")) {
    return rifiuta(
      `In «${numeroTesto}» c'è un punto dopo la virgola: il punto separa le migliaia e va prima della virgola decimale. ` +
        `Ad esempio 1.234,5`,
    );
  }
  if (parteIntera.includes(".")) {
    const gruppi = parteIntera.split(".");
    const corretto = /^\d{1,3}$/.test(gruppi[0]) && gruppi.slice(1).every((g) => /^\d{3}$/.test(g));
    if (!corretto) {
      let suggerimento = "Usa la virgola per i decimali: 12,34";
      if (gruppi.length === 2 && gruppi.every((g) => /^\d+$/.test(g)) && virgole === 0) {
        suggerimento = `Se è un numero con decimali, usa la virgola: ${gruppi[0]},${gruppi[1]}`;
      }
      return rifiuta(
        `«${numeroTesto}» non è scritto bene: il punto separa le migliaia (gruppi di 3 cifre, come 1.234.567) ` +
          `e il separatore decimale è la virgola. ${suggerimento}`,
      );
    }
  }
  const cifreIntere = parteIntera.replace(/\./g, "");

  // --- scale and unit --------------------------------------------------------
  let scala: Scala | undefined;
  for (const [re, s] of PAROLE_SCALA) {
    const sm = re.exec(resto);
    if (sm) {
      scala = s;
      resto = resto.slice(sm[0].length).trim();
      resto = resto.replace(/^di\s+/i, "").replace(/^d'\s*/i, "");
      break;
    }
  }

  if (/^\d/.test(resto)) {
    return rifiuta(
      `Dopo «${numeroTesto}» c'è un'altra cifra: non separare le migliaia con lo spazio, usa il punto. ` +
        `Ad esempio ${numeroTesto}.${/^\d+/.exec(resto)![0]}`,
    );
  }
  if (resto !== "" && !/^[\p{L}%€°‰$£]/u.test(resto)) {
    return rifiuta(
      `Dopo il numero è ammessa solo l'unità di misura (ad esempio «%», «euro», «kmq»), non «${resto}». ` +
        `Note e spiegazioni vanno nel campo nota.`,
    );
  }
  if (resto.startsWith("%") && resto !== "%") {
    return rifiuta(`Dopo il simbolo % non va scritto altro: ad esempio 14,7%. Il resto va nell'etichetta.`);
  }

  let unita: string | undefined = resto === "" ? undefined : normalizzaUnita(resto);
  if (euroPrima) {
    if (unita !== undefined && unita !== "euro") {
      return rifiuta(`Il simbolo € e l'unità «${unita}» non vanno insieme: scrivi ad esempio € 1.234,50 oppure 1.234 ${unita}`);
    }
    unita = "euro";
  }

  const esponente = (scala ? ESPONENTE_SCALA[scala] : 0) - parteDecimale.length;
  const valore = valoreEsatto(cifreIntere + parteDecimale, esponente, segno === "-");
  if (!Number.isFinite(valore)) return rifiuta(`Il numero è troppo grande: ${ESEMPI}`);

  const numero: NumeroInterpretato = { valore };
  if (unita !== undefined) numero.unita = unita;
  if (scala) numero.scala = scala;
  if (segno === "+") numero.variazione = true;
  // "16,90%" is printed back with its zero; "16,9" needs no note.
  if (!scala && (parteDecimale.endsWith("0") || parteDecimale.length > 3)) numero.decimali = Math.min(parteDecimale.length, 6);
  return { ok: true, numero };
}

/** A bare cell number, e.g. from a spreadsheet: "1.234,5", "12%", "-3,2"; empty → null. */
export function interpretaCella(testo: string): { ok: true; valore: number | null } | { ok: false; messaggio: string } {
  if (normalizza(testo ?? "") === "") return { ok: true, valore: null };
  const esito = interpretaNumero(testo);
  if (!esito.ok) return esito;
  const { valore, unita, scala, variazione } = esito.numero;
  // "%" and "€"/"euro" are harmless in a cell; any other unit belongs to the column or the series.
  if (unita !== undefined && unita !== "%" && unita !== "euro") {
    return rifiuta(
      `Nella cella scrivi solo il numero: l'unità «${unita}» va nell'intestazione della colonna o nell'unità della serie. ` +
        `Ad esempio ${formatNumero(valore, { scala, variazione })}`,
    );
  }
  return { ok: true, valore };
}
