/**
 * Where the files of a published revision live, on disk and on the web.
 *
 * A revision's folder, data/pubblicate/<slug>/<n>/ beside the database, mirrors the
 * public addresses below /edizioni/<slug>/: a page "impegni/offerta" is the file
 * "impegni/offerta/index.html", a data file keeps its name. The folder is written
 * under a temporary name and renamed when complete, so a folder named <n> is whole.
 */
import path from "node:path";
import { indiceEdizione } from "../publication/indice";
import type { DatiEdizione } from "../publication/dati";

/** data/pubblicate beside the database file, so each database keeps its own sites. */
export function cartellaSiti(fileDatabase: string): string {
  return path.join(path.dirname(path.resolve(fileDatabase)), "pubblicate");
}

/** A slug as it may appear on disk: the app's slugs are [a-z0-9-]; anything else is never a folder. */
export const slugValido = (slug: string): boolean => /^[a-z0-9][a-z0-9-]{0,99}$/.test(slug);

export function cartellaRevisione(radice: string, slug: string, revisione: number): string {
  if (!slugValido(slug) || !Number.isInteger(revisione) || revisione < 1) throw new Error(`Revisione non valida: ${slug} ${revisione}`);
  return path.join(radice, slug, String(revisione));
}

/** The stylesheet of the revision, with its fonts in font/: a copy, so a later build of the app changes nothing. */
export const FILE_CSS = "stile.css";
export const CARTELLA_FONT = "font";
export const FILE_SOMME = "SHA256SUMS";
export const FILE_ZIP = "sito.zip";
/** Written last inside the folder: which publication the folder was made from. */
export const FILE_ORIGINE = ".origine.json";

/** Address segments of a public page below /edizioni/<slug> ("" is the cover). */
export interface PaginaSito {
  /** "" for the cover, "impegni", "impegni/area-2", "impegni/offerta-culturale-turistica", "integrita", "revisioni/2". */
  percorso: string;
  /** The section codice when the page is an ambito's or a part's own page. */
  sezione: string | null;
}

/** Every public page of a revision, cover first, in reading order. */
export function pagineSito(dati: DatiEdizione, revisione: number): PaginaSito[] {
  const indice = indiceEdizione(dati);
  const pagine: PaginaSito[] = [{ percorso: "", sezione: null }];
  for (const p of indice.parti) {
    pagine.push({ percorso: p.codice, sezione: null });
    for (const s of p.pagine) pagine.push({ percorso: `${p.codice}/${s.codice}`, sezione: s.codice });
    for (const a of p.aree) {
      pagine.push({ percorso: `${p.codice}/${a.segmento}`, sezione: null });
      for (const s of a.pagine) pagine.push({ percorso: `${p.codice}/${s.codice}`, sezione: s.codice });
    }
  }
  pagine.push({ percorso: "integrita", sezione: null }, { percorso: `revisioni/${revisione}`, sezione: null });
  return pagine;
}

/** The file of a page inside the folder: "" → "index.html", "a/b" → "a/b/index.html". */
export function fileDiPagina(percorso: string): string {
  return percorso === "" ? "index.html" : `${percorso}/index.html`;
}

/**
 * What a GET for `pathname` asks of the sites: the edition's slug, the revision
 * named in the address (null: the latest) and the file inside that revision's
 * folder; null when the address is not one the files answer (the print page, an
 * unknown shape, anything outside /edizioni/<slug>/).
 */
export interface RichiestaSito {
  slug: string;
  revisione: number | null;
  file: string;
}

const eFile = (nome: string) => nome.includes(".") || nome === FILE_SOMME;
const SEGMENTO = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export function richiestaSito(pathname: string): RichiestaSito | null {
  if (!pathname.startsWith("/edizioni/")) return null;
  let resto: string;
  try {
    resto = decodeURIComponent(pathname.slice("/edizioni/".length));
  } catch {
    return null;
  }
  const parti = resto.split("/");
  if (parti.at(-1) === "") parti.pop();
  const [slug, ...dentro] = parti;
  if (!slug || !slugValido(slug)) return null;
  // Every segment plain: no "..", no hidden files, nothing a path could be made of.
  if (!dentro.every((s) => SEGMENTO.test(s) && !s.startsWith(".") && !s.includes(".."))) return null;
  if (dentro[0] === "revisioni") {
    const n = dentro[1];
    if (!n || !/^[1-9]\d{0,5}$/.test(n)) return null;
    const revisione = Number(n);
    const file = dentro.slice(2);
    // /revisioni/<n>: the whole edition in one page; /revisioni/<n>/<file>: that revision's files
    // (dati.json, stile.css, font/…); other pages exist at the latest revision's address only.
    if (file.length === 0) return { slug, revisione, file: fileDiPagina(`revisioni/${n}`) };
    if (eFile(file.at(-1)!)) return { slug, revisione, file: file.join("/") };
    return null;
  }
  // A name with an extension is a file (dati.json, stile.css, font/x.woff2); otherwise a page.
  return { slug, revisione: null, file: eFile(dentro.at(-1) ?? "") ? dentro.join("/") : fileDiPagina(dentro.join("/")) };
}
