/**
 * The structure of a published edition as readers walk it, computed from the
 * snapshot alone: the index (parts → their own pages and areas → ambiti), the
 * pages in reading order with their public address segments and anchors, and
 * one footnote numbering for the whole edition, so a single page prints the
 * same numbers as the whole report.
 */
import type { Blocco } from "../content/blocks";
import { Note, type NotaNumerata } from "../content/notes";
import { noteDelTesto } from "../content/rich-text";
import type { AmbitoDati, DatiEdizione, SezioneDati } from "./dati";

/** One readable page: a section directly in a part, or an ambito's section. */
export interface PaginaEdizione {
  /** The section's codice: unique in the edition, the page's URL segment below its part. */
  codice: string;
  /** The ambito's title for an ambito's page, else the section's. */
  titolo: string;
  parte: { codice: string; titolo: string };
  area: { numero: number; titolo: string } | null;
  ambito: AmbitoDati | null;
  sezione: SezioneDati;
  /** Element id of the page in the whole-edition view. */
  ancora: string;
  /** 0-based place in reading order (previous/next links). */
  posizione: number;
}

export interface AreaIndice {
  numero: number;
  titolo: string;
  /** URL segment of the area's page below its part: "area-3". */
  segmento: string;
  ancora: string;
  pagine: PaginaEdizione[];
}

export interface ParteIndice {
  codice: string;
  titolo: string;
  ancora: string;
  /** Pages directly in the part, before its areas. */
  pagine: PaginaEdizione[];
  aree: AreaIndice[];
}

export interface IndiceEdizione {
  parti: ParteIndice[];
  /** Every page in reading order: each part's own pages, then its areas' ambiti. */
  pagine: PaginaEdizione[];
}

export const segmentoArea = (numero: number): string => `area-${numero}`;
export const ancoraParte = (codice: string): string => `parte-${codice}`;
export const ancoraArea = (parte: string, numero: number): string => `parte-${parte}-${segmentoArea(numero)}`;
export const ancoraSezione = (codice: string): string => `sezione-${codice}`;

export function indiceEdizione(dati: DatiEdizione): IndiceEdizione {
  const pagine: PaginaEdizione[] = [];
  const aggiungi = (p: Omit<PaginaEdizione, "posizione" | "ancora" | "codice">): PaginaEdizione => {
    const pagina = { ...p, codice: p.sezione.codice, ancora: ancoraSezione(p.sezione.codice), posizione: pagine.length };
    pagine.push(pagina);
    return pagina;
  };
  const parti = dati.parti.map((parte): ParteIndice => {
    const rif = { codice: parte.codice, titolo: parte.titolo };
    return {
      ...rif,
      ancora: ancoraParte(parte.codice),
      pagine: parte.sezioni.map((sezione) => aggiungi({ titolo: sezione.titolo, parte: rif, area: null, ambito: null, sezione })),
      aree: parte.aree.map((area) => {
        const a = { numero: area.numero, titolo: area.titolo };
        return {
          ...a,
          segmento: segmentoArea(area.numero),
          ancora: ancoraArea(parte.codice, area.numero),
          pagine: area.ambiti.map((ambito) => aggiungi({ titolo: ambito.titolo, parte: rif, area: a, ambito, sezione: ambito.sezione })),
        };
      }),
    };
  });
  return { parti, pagine };
}

export type PaginaRisolta =
  | { tipo: "area"; parte: ParteIndice; area: AreaIndice }
  | { tipo: "sezione"; parte: ParteIndice; pagina: PaginaEdizione };

/**
 * What `/edizioni/<slug>/<parte>/<segmento>` shows: a section of that part
 * (its own or an ambito's) by codice, else an area by "area-N". A section
 * codice wins over an area segment, so no published page can be shadowed.
 */
export function risolviPagina(indice: IndiceEdizione, parte: string, segmento: string): PaginaRisolta | null {
  const p = indice.parti.find((x) => x.codice === parte);
  if (!p) return null;
  const pagina = [...p.pagine, ...p.aree.flatMap((a) => a.pagine)].find((x) => x.codice === segmento);
  if (pagina) return { tipo: "sezione", parte: p, pagina };
  const area = p.aree.find((a) => a.segmento === segmento);
  return area ? { tipo: "area", parte: p, area } : null;
}

/** The pages before and after one page in reading order (across parts). */
export function vicine(indice: IndiceEdizione, pagina: PaginaEdizione): { precedente: PaginaEdizione | null; successiva: PaginaEdizione | null } {
  return {
    precedente: indice.pagine[pagina.posizione - 1] ?? null,
    successiva: indice.pagine[pagina.posizione + 1] ?? null,
  };
}

/**
 * The footnote texts of a block in the order the report renderer numbers
 * them (SezioneContent): its source, its note, then its text's footnotes.
 */
export function testiNoteBlocco(b: Blocco): { tipo: NotaNumerata["tipo"]; testo: string }[] {
  const out: { tipo: NotaNumerata["tipo"]; testo: string }[] = [];
  if (b.fonte) out.push({ tipo: "fonte", testo: b.fonte });
  if (b.nota) out.push({ tipo: "nota", testo: b.nota });
  const doc = b.tipo === "testo" ? b.contenuto : b.tipo === "scheda" ? b.narrativa : undefined;
  if (doc) for (const testo of noteDelTesto(doc)) out.push({ tipo: "nota", testo });
  return out;
}

/**
 * One numbering for the whole edition, in reading order. A renderer given
 * this Note (SezioneContent's `note`) finds every number already assigned,
 * so a page alone and the whole edition print the same numbers.
 */
export function noteEdizione(dati: DatiEdizione): Note {
  const note = new Note();
  for (const p of indiceEdizione(dati).pagine) numeraBlocchi(note, p.sezione.blocchi);
  return note;
}

function numeraBlocchi(note: Note, blocchi: Blocco[]): Set<number> {
  const usati = new Set<number>();
  for (const b of blocchi) for (const t of testiNoteBlocco(b)) usati.add(note.numero(t.tipo, t.testo));
  return usati;
}

/** The notes one page uses, with their edition-wide numbers, in number order: its footnotes. */
export function noteDiSezione(note: Note, sezione: Pick<SezioneDati, "blocchi">): NotaNumerata[] {
  const usati = numeraBlocchi(note, sezione.blocchi);
  return note.elenco().filter((n) => usati.has(n.numero));
}

/** The period an edition reports on, as titles print it: "2014–2016", or "2016" for one year. */
export function periodo(e: { annoInizio: number; annoFine: number }): string {
  return e.annoInizio === e.annoFine ? String(e.annoInizio) : `${e.annoInizio}–${e.annoFine}`;
}
