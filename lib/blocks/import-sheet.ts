/**
 * Importing blocks from a spreadsheet: first a preview that writes nothing,
 * then the import, which writes every block in one transaction — and refuses a
 * file with bad rows unless the user chose to drop them.
 */
import "server-only";
import type { Db } from "../../db/client";
import { leggiFoglio, righeIndicatori, righeSerie, type ErroreRiga } from "../spreadsheet";
import type { Blocco, Serie } from "../content/blocks";
import { perNumero, plurale } from "../italiano";
import { sezioneConEdizione } from "../sections/queries";
import { decidi, risorsaSezione } from "../policy";
import { negato, nonTrovato, type Chi, type Esito } from "../servizio";
import { aggiungiBlocchi } from "./service";

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
    return { ok: false, messaggio: `Il file ha ${plurale(a.errori.length, "errore", "errori")}: ${perNumero(a.errori.length, "correggilo", "correggili")} nel foglio oppure scegli di scartare le righe con errori.` };
  }
  if (a.blocchi.length === 0) return { ok: false, messaggio: "Nel file non c'è nulla da importare." };
  return { ok: true, blocchi: a.blocchi.map((b) => b.blocco) };
}

export interface RichiestaImport {
  sectionId: number;
  nomeFile: string;
  /** The file's bytes, read only once the policy has said yes. */
  leggi: () => Promise<Uint8Array>;
  opzioni: { tipo: TipoImport; titolo?: string; grafico?: Serie["grafico"]; unita?: string };
  modalita: "anteprima" | "importa";
  scartaRigheConErrori: boolean;
}

export type EsitoImport =
  | Esito<{ stato: "anteprima"; anteprima: AnteprimaFoglio } | { stato: "importato"; aggiunti: number }>
  | { ok: false; tipo: "non_importabile"; messaggio: string; anteprima: AnteprimaFoglio };

/**
 * The same request previews (writes nothing) or imports (all or nothing). The
 * policy is asked before a byte of the file is read: a user who may not edit
 * the section never gets the server to parse a spreadsheet.
 */
export async function importaFoglio(db: Db, chi: Chi, r: RichiestaImport): Promise<EsitoImport> {
  const s = sezioneConEdizione(db, r.sectionId);
  if (!s) return nonTrovato("Sezione non trovata.");
  const d = decidi(chi.attore, "sezione.modifica", risorsaSezione(s, s.statoEdizione));
  if (!d.consentito) return negato(d.motivo);
  const anteprima = await anteprimaFoglio(r.nomeFile, await r.leggi(), r.opzioni);
  if (r.modalita === "anteprima") return { ok: true, stato: "anteprima", anteprima };
  const importabili = bloccoImportabili(anteprima, r.scartaRigheConErrori);
  if (!importabili.ok) return { ok: false, tipo: "non_importabile", messaggio: importabili.messaggio, anteprima };
  const esito = aggiungiBlocchi(db, chi, { sectionId: r.sectionId, blocchi: importabili.blocchi, origine: r.nomeFile });
  if (!esito.ok) return { ok: false, tipo: "non_importabile", messaggio: esito.messaggio, anteprima };
  return { ok: true, stato: "importato", aggiunti: esito.aggiunti };
}
