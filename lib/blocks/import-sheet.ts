/**
 * Importing blocks from a spreadsheet: first a preview that writes nothing,
 * then the import, which writes every block in one transaction — and refuses a
 * file with bad rows unless the user chose to drop them.
 */
import { leggiFoglio, righeIndicatori, righeSerie, type ErroreRiga } from "../spreadsheet";
import type { Blocco, Serie } from "../content/blocks";

export type TipoImport = "indicatori" | "serie";

export interface AnteprimaFoglio {
  blocchi: { riga: number | null; blocco: Blocco }[];
  errori: ErroreRiga[];
  erroriFile: string[];
}

export async function anteprimaFoglio(
  nome: string,
  dati: Uint8Array,
  opzioni: { tipo: TipoImport; titolo?: string; grafico?: Serie["grafico"]; unita?: string },
): Promise<AnteprimaFoglio> {
  let griglia: string[][];
  try {
    griglia = await leggiFoglio(nome, dati);
  } catch (e) {
    return { blocchi: [], errori: [], erroriFile: [(e as Error).message] };
  }
  if (opzioni.tipo === "indicatori") {
    const a = righeIndicatori(griglia);
    return { blocchi: a.validi.map((v) => ({ riga: v.riga, blocco: v.blocco })), errori: a.errori, erroriFile: a.erroriFile };
  }
  const s = righeSerie(griglia, { titolo: opzioni.titolo || "Serie importata", grafico: opzioni.grafico ?? "barre", unita: opzioni.unita || undefined });
  return { blocchi: s.serie ? [{ riga: null, blocco: s.serie }] : [], errori: s.errori, erroriFile: s.erroriFile };
}

/** What may be written: nothing while there are file errors, or row errors the user did not agree to drop. */
export function bloccoImportabili(a: AnteprimaFoglio, scartaRigheConErrori: boolean): { ok: true; blocchi: Blocco[] } | { ok: false; messaggio: string } {
  if (a.erroriFile.length) return { ok: false, messaggio: "Il file non può essere importato: " + a.erroriFile.join(" ") };
  if (a.errori.length && !scartaRigheConErrori) {
    return { ok: false, messaggio: `Il file ha ${a.errori.length} errori: correggili nel foglio oppure scegli di scartare le righe con errori.` };
  }
  if (a.blocchi.length === 0) return { ok: false, messaggio: "Nel file non c'è nulla da importare." };
  return { ok: true, blocchi: a.blocchi.map((b) => b.blocco) };
}
