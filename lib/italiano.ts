/**
 * Small pieces of Italian grammar for messages built around a number or a name:
 * plurals ("1 commento aperto", "2 commenti aperti"), articles ("l'area", "lo
 * stato", "gli ambiti"), articulated prepositions ("a" + "l'ultima versione" →
 * "all'ultima versione") and the agreement of a past participle with the gender
 * and number of what it speaks of ("«Persone e comunità» aggiunta"). Plain code
 * with no imports beyond number formatting, so client components use it too.
 */
import { formatNumero } from "./numbers/format";

export type Genere = "m" | "f";
export type Numero = "s" | "p";

/** The singular or the plural form as `n` asks: 1 → singular; 0 and anything else → plural. */
export function perNumero(n: number, singolare: string, plurale: string): string {
  return n === 1 ? singolare : plurale;
}

/** The number and the words that agree with it: (1, "commento aperto", "commenti aperti") → "1 commento aperto". */
export function plurale(n: number, singolare: string, plurale: string): string {
  return `${formatNumero(n)} ${perNumero(n, singolare, plurale)}`;
}

export type Articolo = "il" | "lo" | "l'" | "la" | "i" | "gli" | "le";

const VOCALE = /^[aeiouàèéìòùh]/i;
/** Where a masculine word takes "lo"/"gli": s + consonant, z, x, y, gn, ps, pn, and i or j before a vowel ("lo iato"). */
const COME_LO = /^(s[^aeiouàèéìòù]|z|x|y|gn|ps|pn|[ij][aeiouàèéìòù])/i;

/** The definite article of `parola` (the word that follows it), for its gender and number. */
export function articolo(parola: string, genere: Genere, numero: Numero = "s"): Articolo {
  const p = parola.trim();
  // "i" or "j" before a vowel sounds as a consonant: "la iena", "lo iato".
  const vocale = VOCALE.test(p) && !/^[ij][aeiouàèéìòù]/i.test(p) && !/^h[^aeiouàèéìòù]/i.test(p);
  if (genere === "f") return numero === "p" ? "le" : vocale ? "l'" : "la";
  if (numero === "p") return vocale || COME_LO.test(p) ? "gli" : "i";
  return vocale ? "l'" : COME_LO.test(p) ? "lo" : "il";
}

/** The word with its definite article: "l'area", "la parte", "lo stato", "gli ambiti". */
export function conArticolo(parola: string, genere: Genere, numero: Numero = "s"): string {
  const a = articolo(parola, genere, numero);
  return a === "l'" ? `${a}${parola}` : `${a} ${parola}`;
}

export type Preposizione = "a" | "di" | "da" | "in" | "su";

const RADICE: Record<Preposizione, string> = { a: "a", di: "de", da: "da", in: "ne", su: "su" };
const DESINENZA: Record<Articolo, string> = { il: "l", lo: "llo", "l'": "ll'", la: "lla", i: "i", gli: "gli", le: "lle" };

/** The preposition fused with the article: ("a", "la") → "alla", ("di", "l'") → "dell'", ("in", "gli") → "negli". */
export function preposizioneArticolata(preposizione: Preposizione, art: Articolo): string {
  return RADICE[preposizione] + DESINENZA[art];
}

/** An article at the start of a text, with the rest of it. */
const INIZIO = /^(il|lo|la|i|gli|le)\s+|^(l[’'])\s*/i;

/**
 * The preposition before a text that may start with its article, fused with it as Italian
 * writes it: ("a", "l'ultima versione approvata") → "all'ultima versione approvata",
 * ("a", "la versione di partenza") → "alla versione di partenza"; a text without an article
 * only gets the preposition in front ("a Cremona").
 */
export function preposizione(prep: Preposizione, testo: string): string {
  const m = INIZIO.exec(testo);
  if (!m) return `${prep} ${testo}`;
  const art = (m[1] ?? "l'").toLowerCase() as Articolo;
  const fusa = preposizioneArticolata(prep, art);
  const resto = testo.slice(m[0].length);
  return art === "l'" ? `${fusa}${resto}` : `${fusa} ${resto}`;
}

/**
 * A past participle or an adjective, given in the masculine singular, agreed with a gender
 * and a number: ("aggiunto", "f") → "aggiunta"; ("rimosso", "m", "p") → "rimossi";
 * ("aggiunto", "f", "p") → "aggiunte". Words in -e change only in the plural ("rilevante" →
 * "rilevanti"); anything else is left as it is.
 */
export function accorda(maschileSingolare: string, genere: Genere, numero: Numero = "s"): string {
  const radice = maschileSingolare.slice(0, -1);
  if (maschileSingolare.endsWith("o")) return radice + (numero === "s" ? (genere === "m" ? "o" : "a") : genere === "m" ? "i" : "e");
  if (maschileSingolare.endsWith("e")) return numero === "s" ? maschileSingolare : `${radice}i`;
  return maschileSingolare;
}
