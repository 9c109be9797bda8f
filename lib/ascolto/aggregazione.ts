/**
 * Ratings summed up: count, average and distribution over 1–5 stars, by any key (a
 * page, an ambito) and over time (by week or month, in Italian days). Pure functions:
 * the coordinator's view, the editor's hint, the dashboard and the open data CSV all
 * count the same way.
 */
import { oggiRoma } from "../numbers/calendario";

export interface Aggregato {
  conteggio: number;
  /** Average stars, null when nobody rated. */
  media: number | null;
  /** How many gave 1, 2, 3, 4, 5 stars. */
  distribuzione: [number, number, number, number, number];
}

export const aggregatoVuoto = (): Aggregato => ({ conteggio: 0, media: null, distribuzione: [0, 0, 0, 0, 0] });

/** Adds one rating to a running aggregate (votes outside 1–5 are ignored). */
function aggiungi(a: Aggregato, voto: number): void {
  if (!Number.isInteger(voto) || voto < 1 || voto > 5) return;
  a.distribuzione[voto - 1]++;
  a.conteggio++;
}

function chiudi(a: Aggregato): Aggregato {
  const somma = a.distribuzione.reduce((s, n, i) => s + n * (i + 1), 0);
  return { ...a, media: a.conteggio ? somma / a.conteggio : null };
}

export function aggrega(voti: Iterable<number>): Aggregato {
  const a = aggregatoVuoto();
  for (const v of voti) aggiungi(a, v);
  return chiudi(a);
}

/** One aggregate per key, in the order the keys first appear. */
export function aggregaPer<T>(righe: Iterable<T>, chiave: (r: T) => string | null, voto: (r: T) => number): Map<string, Aggregato> {
  const m = new Map<string, Aggregato>();
  for (const r of righe) {
    const k = chiave(r);
    if (k === null) continue;
    let a = m.get(k);
    if (!a) m.set(k, (a = aggregatoVuoto()));
    aggiungi(a, voto(r));
  }
  for (const [k, a] of m) m.set(k, chiudi(a));
  return m;
}

/** The average as stored in open data: two decimals, decimal point. */
export const mediaArrotondata = (m: number | null): number | null => (m === null ? null : Math.round(m * 100) / 100);

// ---- Over time

export type Periodo = "settimana" | "mese";
export const PERIODI: readonly Periodo[] = ["settimana", "mese"];

const MESI = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];

/** The Monday ("YYYY-MM-DD") of the week of an Italian day. */
function lunedi(giorno: string): string {
  const d = new Date(`${giorno}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}

/** The period a timestamp falls in, by its Italian day: the week's Monday "2017-05-08" or the month "2017-05". */
export function chiavePeriodo(iso: string, periodo: Periodo): string {
  const giorno = oggiRoma(new Date(iso));
  return periodo === "mese" ? giorno.slice(0, 7) : lunedi(giorno);
}

/** "settimana dal 08/05/2017", "maggio 2017". */
export function etichettaPeriodo(chiave: string, periodo: Periodo): string {
  if (periodo === "mese") return `${MESI[Number(chiave.slice(5, 7)) - 1]} ${chiave.slice(0, 4)}`;
  return `settimana dal ${chiave.slice(8, 10)}/${chiave.slice(5, 7)}/${chiave.slice(0, 4)}`;
}

function successiva(chiave: string, periodo: Periodo): string {
  if (periodo === "mese") {
    const [a, m] = chiave.split("-").map(Number);
    return m === 12 ? `${a + 1}-01` : `${a}-${String(m + 1).padStart(2, "0")}`;
  }
  const d = new Date(`${chiave}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7);
  return d.toISOString().slice(0, 10);
}

export interface PuntoAndamento extends Aggregato {
  chiave: string;
  etichetta: string;
}

/**
 * Ratings by week or month, oldest first, with the empty periods in between (a chart
 * over time must not join two distant weeks as if they were next to each other).
 * At most `massimo` periods, the most recent.
 */
export function andamento(righe: Iterable<{ voto: number; createdAt: string }>, periodo: Periodo, massimo = 60): PuntoAndamento[] {
  const per = aggregaPer(righe, (r) => chiavePeriodo(r.createdAt, periodo), (r) => r.voto);
  if (per.size === 0) return [];
  const chiavi = [...per.keys()].sort();
  const out: PuntoAndamento[] = [];
  for (let k = chiavi[0]; k <= chiavi[chiavi.length - 1]; k = successiva(k, periodo)) {
    out.push({ chiave: k, etichetta: etichettaPeriodo(k, periodo), ...(per.get(k) ?? aggregatoVuoto()) });
  }
  return out.slice(-massimo);
}
