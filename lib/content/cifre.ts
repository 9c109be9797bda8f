/**
 * The figures of a block as the report prints them, in the scale and unit their
 * author chose: an indicator's headline, a comparison, a card's cost and result.
 * One place for the report, the review diff and the editors' previews, so that
 * "610.000 euro" is printed "610.000 euro" everywhere and "800 mila euro" stays
 * "800 mila euro" (a scale is printed only when its author wrote one).
 */
import { formatValore } from "../numbers/format";
import type { Confronto, Costo, Indicatore, Risultato } from "./blocks";

/** An article before the caption's first noun: "i posti letto", "gli arrivi", "l'età". */
const ARTICOLO = /^(?:(?:il|lo|la|i|gli|le|un|uno|una)\s+|(?:l|un)['’]\s*)/i;

/**
 * True when the caption already opens with the unit, possibly after an article:
 * "abitanti nel 2016", "i posti letto", "gli arrivi registrati…". The report then
 * prints the number alone ("1.273 / i posti letto"), as the seed does, instead of
 * "1.273 posti letto / i posti letto". A percentage never counts as such a unit.
 */
export function unitaNellEtichetta(unita: string | undefined, etichetta: string): boolean {
  const u = (unita ?? "").trim().toLowerCase();
  if (u === "" || u === "%") return false;
  const e = (etichetta ?? "").trim().toLowerCase();
  const inizia = (t: string) => t.startsWith(u) && !/^[\p{L}\d]/u.test(t.slice(u.length));
  return inizia(e) || inizia(e.replace(ARTICOLO, ""));
}

/**
 * An indicator's headline: "71.924", "1,8 milioni di euro", "+13%", or its text
 * ("Azzerati"). The unit is left out when the caption opens with it.
 */
export function testoIndicatore(b: Pick<Indicatore, "valore" | "testoValore" | "unita" | "scala" | "decimali" | "variazione" | "etichetta">): string {
  if (b.valore === null) return b.testoValore ?? "";
  const unita = unitaNellEtichetta(b.unita, b.etichetta) ? undefined : b.unita;
  return formatValore(b.valore, unita, { scala: b.scala, decimali: b.decimali, variazione: b.variazione });
}

/** Only the figure of a comparison: "+2,3 anni", "420 ab/kmq", "-430 mila euro"; null without a value. */
export function valoreConfronto(c: Confronto): string | null {
  if (c.valore === undefined) return null;
  return formatValore(c.valore, c.unita, { scala: c.scala, decimali: c.decimali, variazione: c.tipo !== "riferimento" });
}

/** A comparison as the report states it: "+2,3 anni rispetto alla media italiana", "-430 mila euro dal 2013 (-2%)". */
export function testoConfronto(c: Confronto): string {
  const v = valoreConfronto(c);
  return v === null ? c.testo : `${v} ${c.testo}`;
}

/** A card's cost amount: "800 mila euro", "6,5 milioni di euro", "80.773 euro"; "" without an amount. */
export function testoImporto(c: Costo | undefined): string {
  if (!c || c.importo === undefined) return "";
  return formatValore(c.importo, "euro", { scala: c.scala });
}

/** A card's result figure: "42", "+13%", "1,8 milioni di euro", or its text ("Quasi raddoppiati"). */
export function testoRisultato(r: Risultato): string {
  if (r.valore === null) return r.testoValore ?? "";
  return formatValore(r.valore, r.unita, { scala: r.scala, decimali: r.decimali, variazione: r.variazione });
}
