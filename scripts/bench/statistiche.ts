/** What a benchmark returns, the figures it computes and how they are printed. */
import { performance } from "node:perf_hooks";

/** What a benchmark measured, as labelled rows: each benchmark says what its figures are. */
export interface Risultato {
  obiettivo: string;
  raggiunto: boolean;
  /** Headings of the value columns when a row compares several things (e.g. page vs static file). */
  colonne?: string[];
  righe: [string, ...string[]][];
  note: string[];
}

export function percentile(ordinate: number[], p: number): number {
  if (!ordinate.length) return NaN;
  return ordinate[Math.min(ordinate.length - 1, Math.max(0, Math.ceil((p / 100) * ordinate.length) - 1))];
}

export const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "—");
export const kB = (byte: number) => (Number.isFinite(byte) ? `${(byte / 1024).toFixed(1)} kB` : "—");
export const quotaCore = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(0)}% di un core`);

export async function cronometra<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await f();
  return [r, performance.now() - t0];
}

/** The rows of a latency distribution of `unita` (e.g. "salvataggi") measured over `durataMs`. */
export function righeLatenze(unita: string, misure: number[], errori: number, durataMs: number): [string, string][] {
  const o = [...misure].sort((a, b) => a - b);
  return [
    [`${unita} misurati`, String(o.length)],
    ["errori", String(errori)],
    ["minimo", ms(o[0])],
    ["p50", ms(percentile(o, 50))],
    ["p95", ms(percentile(o, 95))],
    ["p99", ms(percentile(o, 99))],
    ["massimo", ms(o[o.length - 1])],
    ["throughput", `${((o.length / durataMs) * 1000).toFixed(1)} ${unita}/s`],
    ["durata", `${(durataMs / 1000).toFixed(1)} s`],
  ];
}

export function stampa(nome: string, r: Risultato) {
  const larghezza = Math.max(...r.righe.map(([k]) => k.length));
  const colonna = Math.max(r.colonne ? 14 : 22, ...(r.colonne ?? []).map((c) => c.length), ...r.righe.flatMap(([, ...v]) => v.map((x) => x.length)));
  const riga = (k: string, v: string[]) => `  ${k.padEnd(larghezza)}${v.map((x) => `  ${x.padStart(colonna)}`).join("")}`;
  console.log(`\n== ${nome} ==`);
  console.log(`obiettivo: ${r.obiettivo}`);
  if (r.colonne) console.log(riga("", r.colonne));
  for (const [k, ...v] of r.righe) console.log(riga(k, v));
  for (const n of r.note) console.log(`  nota: ${n}`);
  console.log(r.raggiunto ? "OBIETTIVO RAGGIUNTO" : "OBIETTIVO NON RAGGIUNTO");
}
