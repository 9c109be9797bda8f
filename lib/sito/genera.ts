/**
 * Makes the files of one published revision: every public page as HTML without
 * scripts, the stylesheet and its fonts, dati.json (the signed bytes), dati.csv,
 * dati.schema.json, the PDF, SHA256SUMS, gzip and brotli copies, and sito.zip (the
 * same site with relative links, for another web server or a disk). The pages are
 * rendered by this server itself (the app's own public pages, asked over HTTP), so
 * the files are exactly what a reader saw. Everything is written in a temporary
 * folder renamed to <n> at the end: a folder named <n> is always complete.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { zip as zipAsincrono, type AsyncZippable } from "fflate";
import { cartellaPrivata, MODO_FILE } from "../file-privati";
import { datiCsv } from "../publication/csv";
import { nomeRevisioneScaricata } from "../publication/file-pubblici";
import { pdfEdizione, richiestaPdf, type OpzioniGenerazione } from "../publication/pdf";
import type { Pubblicazione } from "../publication/queries";
import { schemaDatiJson } from "../publication/schema-json";
import { sha256 } from "../sha256";
import { cssConFontLocali, fogliDiStile, htmlRelativo, htmlStatico } from "./html";
import { CARTELLA_FONT, cartellaRevisione, FILE_CSS, FILE_ORIGINE, FILE_SOMME, FILE_ZIP, fileDiPagina, pagineSito } from "./percorsi";
import { chiaveSito, type Origine } from "./origine";

export interface OpzioniSito {
  /** data/pubblicate */
  radice: string;
  /** Where this server answers (origineServer()). */
  origine: string;
  /** The app's public address, for the links of the ZIP that leave the edition. */
  indirizzoApp: string | null;
  pdf?: OpzioniGenerazione;
  /** The PDF maker: lib/publication/pdf.ts (Chromium printing the print page) unless a test says otherwise. */
  faiPdf?: (p: Pubblicazione) => Promise<Uint8Array>;
  /** Progress: files done out of the total. */
  progresso?: (fatti: number, totale: number) => void;
  /** Checked before the folder is kept: false when a newer revision was published meanwhile. */
  ancoraUltima?: () => boolean;
}

// Compression and zipping run off the event loop (zlib's thread pool, fflate's workers): done
// synchronously they held the server for seconds, and keep-alive connections timed out meanwhile.
const brotli = promisify(brotliCompress);
const gzipAsincrono = promisify(gzip);
const comprimiZip = (contenuto: AsyncZippable) =>
  new Promise<Uint8Array>((fatto, errore) => zipAsincrono(contenuto, (e, dati) => (e ? errore(e) : fatto(dati))));

/** Text files get precompressed copies; below this size compression saves nothing worth a file. */
const COMPRIMIBILE = /\.(html|css|json|csv|svg|txt)$|SHA256SUMS$/;
const MINIMO_COMPRESSIONE = 512;

async function scarica(url: string, accetta: string): Promise<Buffer> {
  const r = await fetch(url, { headers: { Accept: accetta }, redirect: "manual", signal: AbortSignal.timeout(120_000) });
  if (r.status !== 200) throw new Error(`${url} ha risposto ${r.status}`);
  return Buffer.from(await r.arrayBuffer());
}

export const righeSomme = (file: Map<string, Uint8Array>): string =>
  [...file.keys()]
    .sort()
    .map((nome) => `${sha256(file.get(nome)!)}  ${nome}\n`)
    .join("");

function leggimi(p: Pubblicazione, cartella: string): string {
  return [
    `${p.dati.edizione.titolo} – ${p.dati.ente.nome}`,
    `Revisione ${p.revisione}, firmata da ${p.firma.nome}.`,
    "",
    "Questa cartella è il sito dell'edizione pubblicata: apri index.html con un browser,",
    "oppure copiala sotto qualunque indirizzo di un altro server web. Non serve altro.",
    "",
    "Verifica di integrità: nella cartella, il comando",
    "  sha256sum -c SHA256SUMS",
    "controlla ogni file. L'impronta di dati.json deve essere quella firmata dall'Assessore",
    `(${p.sha256}),`,
    `mostrata anche nella pagina integrita/index.html e sul sito del Comune.`,
    "",
    `Cartella: ${cartella}`,
    "",
  ].join("\n");
}

/** Makes the revision's folder; returns the SHA-256 of its SHA256SUMS. */
export async function generaSito(p: Pubblicazione, o: OpzioniSito): Promise<string> {
  const finale = cartellaRevisione(o.radice, p.slug, p.revisione);
  const base = `/edizioni/${p.slug}`;
  const baseRevisione = `${base}/revisioni/${p.revisione}`;
  const pagine = pagineSito(p.dati, p.revisione);
  // The public files, by path inside the folder; the ZIP and the compressed copies are made from these.
  const file = new Map<string, Uint8Array>();
  const totale = pagine.length + 5;
  let fatti = 0;
  const avanza = () => o.progresso?.(++fatti, totale);

  file.set("dati.json", Buffer.from(p.datiJson, "utf8"));
  file.set("dati.csv", Buffer.from(datiCsv(p.dati), "utf8"));
  file.set("dati.schema.json", Buffer.from(schemaDatiJson(), "utf8"));
  avanza();
  file.set("bilancio-sociale.pdf", await (o.faiPdf ? o.faiPdf(p) : pdfEdizione(richiestaPdf(p), { ...o.pdf, origine: o.origine })));
  avanza();

  let css: string | null = null;
  for (const pagina of pagine) {
    const html = (await scarica(`${o.origine}${base}${pagina.percorso ? `/${pagina.percorso}` : ""}`, "text/html")).toString("utf8");
    if (css === null) {
      // The stylesheet of the build that rendered the pages, copied with its fonts.
      const parti = await Promise.all(
        fogliDiStile(html).map(async (href) => cssConFontLocali((await scarica(`${o.origine}${href}`, "text/css")).toString("utf8"), CARTELLA_FONT, href)),
      );
      css = parti.map((c) => c.css).join("\n");
      for (const [nome, origine] of parti.flatMap((c) => [...c.font])) file.set(`${CARTELLA_FONT}/${nome}`, await scarica(`${o.origine}${origine}`, "*/*"));
      file.set(FILE_CSS, Buffer.from(css, "utf8"));
    }
    file.set(fileDiPagina(pagina.percorso), Buffer.from(htmlStatico(html, { css: `${baseRevisione}/${FILE_CSS}` }), "utf8"));
    avanza();
  }

  const somme = Buffer.from(righeSomme(file), "utf8");
  avanza();

  // The downloadable site: the same files with relative links, in a folder of its own, with its own sums.
  const nomeZip = nomeRevisioneScaricata(p.slug, p.revisione);
  const nelloZip = new Map<string, Uint8Array>();
  for (const [nome, byte] of file) {
    nelloZip.set(
      nome,
      nome.endsWith(".html")
        ? Buffer.from(htmlRelativo(Buffer.from(byte).toString("utf8"), { slug: p.slug, revisione: p.revisione, file: nome, esiste: (f) => file.has(f), indirizzoApp: o.indirizzoApp }), "utf8")
        : byte,
    );
  }
  nelloZip.set("LEGGIMI.txt", Buffer.from(leggimi(p, nomeZip), "utf8"));
  nelloZip.set(FILE_SOMME, Buffer.from(righeSomme(nelloZip), "utf8"));
  const data = new Date(p.pubblicataIl);
  const contenuto: AsyncZippable = {};
  for (const [nome, byte] of nelloZip) contenuto[`${nomeZip}/${nome}`] = [byte, { level: nome.endsWith(".pdf") || nome.endsWith(".woff2") ? 0 : 9, mtime: data }];
  const zip = await comprimiZip(contenuto);
  avanza();

  // Written under a temporary name; the folder becomes <n> only when whole.
  const cartellaSlug = path.dirname(finale);
  cartellaPrivata(cartellaSlug, { esclusiva: true });
  const tmp = path.join(cartellaSlug, `.tmp-${p.revisione}-${randomBytes(4).toString("hex")}`);
  try {
    const scrivi = (nome: string, byte: Uint8Array) => {
      const dove = path.join(tmp, nome);
      cartellaPrivata(path.dirname(dove), { esclusiva: true });
      writeFileSync(dove, byte, { mode: MODO_FILE });
    };
    const manifesto: Record<string, string> = {};
    const tieni = (nome: string, byte: Uint8Array) => {
      scrivi(nome, byte);
      manifesto[nome] = sha256(byte);
    };
    for (const [nome, byte] of file) {
      tieni(nome, byte);
      if (COMPRIMIBILE.test(nome) && byte.length >= MINIMO_COMPRESSIONE) {
        tieni(`${nome}.gz`, await gzipAsincrono(byte, { level: 9 }));
        tieni(`${nome}.br`, await brotli(byte, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: byte.length } }));
      }
    }
    tieni(FILE_SOMME, somme);
    tieni(`${FILE_SOMME}.gz`, await gzipAsincrono(somme, { level: 9 }));
    tieni(FILE_ZIP, zip);
    avanza();
    const origine: Origine = { slug: p.slug, revisione: p.revisione, chiave: chiaveSito(p), sha256: p.sha256, file: manifesto };
    scrivi(FILE_ORIGINE, Buffer.from(JSON.stringify(origine), "utf8"));
    if (o.ancoraUltima && !o.ancoraUltima()) throw new RevisioneSuperata(p.slug, p.revisione);
    if (existsSync(finale)) rmSync(finale, { recursive: true, force: true });
    renameSync(tmp, finale);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return sha256(somme);
}

/** A newer revision was published while this one's files were being made: they would show the newer pages. */
export class RevisioneSuperata extends Error {
  constructor(slug: string, revisione: number) {
    super(`La revisione ${revisione} di ${slug} è stata superata da una più recente prima che i suoi file fossero pronti.`);
    this.name = "RevisioneSuperata";
  }
}

/** Temporary folders left by a run that stopped halfway. */
export function pulisciIncompleti(radice: string): void {
  if (!existsSync(radice)) return;
  for (const slug of readdirSync(radice)) {
    const cartella = path.join(radice, slug);
    for (const voce of existsSync(cartella) ? readdirSync(cartella) : []) if (voce.startsWith(".tmp-")) rmSync(path.join(cartella, voce), { recursive: true, force: true });
  }
}
