/**
 * An indicator against its baseline (the value the previous published edition
 * printed): "+4,6% dal 2016", "+1,2 punti dal 2016", "invariato dal 2016".
 * Pure functions, shared by the report, the editor and the data checks.
 */
import { ESPONENTE_SCALA, formatNumero, formatValore, type Scala } from "../numbers/format";
import type { BaseIndicatore, Indicatore } from "./blocks";

export type IndicatoreConBase = Pick<Indicatore, "valore" | "testoValore" | "unita" | "scala" | "variazione" | "riferimento" | "base">;

export type TipoConfrontoBase = "percentuale" | "punti" | "differenza" | "invariato";

/** Why no comparison can be computed; the editor explains it, the report prints nothing. */
export type MotivoSenzaConfronto = "senza-base" | "senza-valore" | "base-senza-valore" | "base-zero" | "unita-diverse";

export type ConfrontoBase =
  | {
      ok: true;
      tipo: TipoConfrontoBase;
      /** Signed change: in % for "percentuale", in points or in the unit otherwise, 0 for "invariato". */
      variazione: number;
      /** As printed: "+4,6% dal 2016". */
      testo: string;
    }
  | { ok: false; motivo: MotivoSenzaConfronto };

const MESI = "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre";
const SOLO_ANNO = /^(?:(?:nel|anno|l'anno)\s+)?(\d{4})$/i;
const CON_GIORNO = /^(?:(?:al|il|a)\s+)?(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}°?\s+(?:gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre)\s+\d{4})$/i;
const SOLO_MESE = new RegExp(`^(?:(?:a|al|nel)\\s+)?((?:${MESI})\\s+\\d{4})$`, "i");

type Momento = { tipo: "anno" | "giorno" | "mese"; testo: string };

/**
 * When the base value stood, from its `riferimento` when that is a year or a
 * date ("2016", "al 31/12/2015", "dicembre 2016"), else the edition's last year:
 * a range like "tra 2014 e 2016" or free text does not fit "dal …".
 */
function momento(base: BaseIndicatore): Momento {
  const r = (base.riferimento ?? "").trim().replace(/\s+/g, " ");
  let m = SOLO_ANNO.exec(r);
  if (m) return { tipo: "anno", testo: m[1] };
  m = CON_GIORNO.exec(r);
  if (m) return { tipo: "giorno", testo: m[1] };
  m = SOLO_MESE.exec(r);
  if (m) return { tipo: "mese", testo: m[1].toLowerCase() };
  return { tipo: "anno", testo: String(base.anno) };
}

/** "dal 2016", "dal 31/12/2015", "dal dicembre 2016". */
export function dalBase(base: BaseIndicatore): string {
  return `dal ${momento(base).testo}`;
}

/** "nel 2016", "al 31/12/2015", "a dicembre 2016": when the base value stood. */
export function quandoBase(base: BaseIndicatore): string {
  const m = momento(base);
  return m.tipo === "anno" ? `nel ${m.testo}` : m.tipo === "giorno" ? `al ${m.testo}` : `a ${m.testo}`;
}

const norm = (s: string | undefined | null) => (s ?? "").trim().replace(/\s+/g, " ").toLowerCase();

/** Fraction digits a stored value was typed with (capped): differences are rounded to them to drop float noise. */
function decimali(x: number): number {
  const s = String(x);
  if (s.includes("e")) return 6;
  const i = s.indexOf(".");
  return i < 0 ? 0 : Math.min(s.length - i - 1, 6);
}

function arrotonda(x: number, dec: number): number {
  const f = 10 ** dec;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r; // no "-0"
}


/** The comparison of the indicator's value with its base, or why there is none. */
export function confrontoConBase(ind: IndicatoreConBase): ConfrontoBase {
  const base = ind.base;
  if (!base) return { ok: false, motivo: "senza-base" };
  if (ind.valore === null || ind.valore === undefined || !Number.isFinite(ind.valore)) return { ok: false, motivo: "senza-valore" };
  if (base.valore === null || !Number.isFinite(base.valore)) return { ok: false, motivo: "base-senza-valore" };
  if (base.unita !== undefined && norm(base.unita) !== norm(ind.unita)) return { ok: false, motivo: "unita-diverse" };

  const dal = dalBase(base);
  const v = ind.valore;
  const b = base.valore;
  const dec = Math.max(decimali(v), decimali(b));
  const differenza = arrotonda(v - b, dec);
  if (differenza === 0) return { ok: true, tipo: "invariato", variazione: 0, testo: `invariato ${dal}` };

  // A share moves by percentage points; "+10%" of 14,7% would read as 16,2%.
  if (norm(ind.unita) === "%") {
    const punti = Math.abs(differenza) === 1 ? "punto" : "punti";
    return { ok: true, tipo: "punti", variazione: differenza, testo: `${formatNumero(differenza, { variazione: true })} ${punti} ${dal}` };
  }
  // A change ("+13%", "-2 Assessori") compared with the previous change: the plain difference.
  if (ind.variazione) {
    const scala = ind.scala && Math.abs(differenza) >= 10 ** ESPONENTE_SCALA[ind.scala] / 100 ? ind.scala : undefined;
    return { ok: true, tipo: "differenza", variazione: differenza, testo: `${formatValore(differenza, ind.unita, { scala, variazione: true })} ${dal}` };
  }
  if (b === 0) return { ok: false, motivo: "base-zero" };
  const percentuale = ((v - b) / Math.abs(b)) * 100;
  let arrotondata = arrotonda(percentuale, 1);
  if (arrotondata === 0) arrotondata = arrotonda(percentuale, 2);
  if (arrotondata === 0) return { ok: true, tipo: "percentuale", variazione: percentuale, testo: `quasi invariato ${dal}` };
  return { ok: true, tipo: "percentuale", variazione: percentuale, testo: `${formatNumero(arrotondata, { variazione: true })}% ${dal}` };
}

/**
 * The base value as printed: "71.924 abitanti" (or "71.924" with `unita: false`),
 * "1,8 milioni di euro", or its text ("Azzerati"); null without a base.
 */
export function valorePrecedente(ind: IndicatoreConBase, opzioni: { unita?: boolean } = {}): string | null {
  const base = ind.base;
  if (!base) return null;
  if (base.valore === null) return base.testoValore?.trim() || null;
  const unita = opzioni.unita === false ? undefined : (base.unita ?? ind.unita);
  return formatValore(base.valore, unita, { scala: base.scala, variazione: ind.variazione });
}

/**
 * The line the report prints under the value: "+4,6% dal 2016 · era 71.924",
 * "invariato dal 2016", or, when no comparison is computable, "Nel 2016: Azzerati".
 */
export function rigaBase(ind: IndicatoreConBase, opzioni: { unita?: boolean } = {}): string | null {
  if (!ind.base) return null;
  const c = confrontoConBase(ind);
  const prima = valorePrecedente(ind, opzioni);
  if (c.ok) return c.tipo === "invariato" || !prima ? c.testo : `${c.testo} · era ${prima}`;
  if (!prima) return null;
  const quando = quandoBase(ind.base);
  return `${quando[0].toUpperCase()}${quando.slice(1)}: ${prima}`;
}

/** Why the editor cannot show a comparison, in words for the officer. */
export const MOTIVI_SENZA_CONFRONTO: Record<MotivoSenzaConfronto, string> = {
  "senza-base": "Nessun valore dall'edizione precedente.",
  "senza-valore": "Inserisci un valore numerico per vedere il confronto con l'edizione precedente.",
  "base-senza-valore": "L'edizione precedente non riportava un numero: il confronto non si calcola.",
  "base-zero": "Il valore precedente è zero: la variazione percentuale non si calcola.",
  "unita-diverse": "L'unità di misura è cambiata rispetto all'edizione precedente: il confronto non si calcola.",
};

/**
 * True when the indicator still shows exactly what the previous edition printed
 * (same value or text, same reference year or date): it was probably not updated.
 */
export function ugualeAllaBase(ind: IndicatoreConBase): boolean {
  const base = ind.base;
  if (!base) return false;
  const stessoValore =
    ind.valore === null || ind.valore === undefined
      ? base.valore === null && norm(ind.testoValore) === norm(base.testoValore)
      : base.valore === ind.valore;
  return stessoValore && norm(ind.riferimento) === norm(base.riferimento);
}
