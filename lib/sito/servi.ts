/**
 * Serves the public addresses of an edition from its revision's folder: the same
 * bytes for everyone, precompressed (brotli, gzip) when the reader accepts it, with
 * an ETag, long caching at a revision's own address and revalidation at the latest
 * one. Every file is checked against the SHA-256 its folder recorded before it is
 * first served; a mismatch is never served (the app answers instead, and says why).
 * Returns null for anything the folders do not answer: the app handles it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type http from "node:http";
import path from "node:path";
import { FILE_PUBBLICI, cacheControl, etagCorrisponde, nomeFileScaricato, nomeRevisioneScaricata } from "../publication/file-pubblici";
import { intestazioniSicurezza } from "../sicurezza/intestazioni";
import { erroreDaRegistrare, log } from "../log";
import { sha256 } from "../sha256";
import { slugInAttesa, versioneSiti } from "./stato";
import { leggiOrigine, type Origine } from "./origine";
import { FILE_SOMME, FILE_ZIP, richiestaSito } from "./percorsi";

export interface RispostaSito {
  status: 200 | 304;
  intestazioni: Record<string, string>;
  corpo: Buffer | null;
}

export interface RichiestaHttp {
  metodo: string;
  /** The request target: path and query. */
  url: string;
  acceptEncoding?: string;
  ifNoneMatch?: string;
}

const TIPI: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": FILE_PUBBLICI.json.contentType,
  ".csv": FILE_PUBBLICI.csv.contentType,
  ".pdf": FILE_PUBBLICI.pdf.contentType,
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".zip": "application/zip",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
};
const tipoDi = (file: string) => (file.endsWith(FILE_PUBBLICI.schema.nome) ? FILE_PUBBLICI.schema.contentType : path.basename(file) === FILE_SOMME ? TIPI[".txt"] : TIPI[path.extname(file)]);

interface Cartella {
  dove: string;
  origine: Origine;
  /** Files read and checked so far, by name (compressed copies too). */
  letti: Map<string, { byte: Buffer; sha256: string }>;
  alterata: boolean;
}

// What was read from disk, valid until the queue makes another folder (versioneSiti): folders
// change only there, so a request costs no file-system call once its files are known.
const g = globalThis as unknown as {
  __bilancioCartelle?: { versione: number; cartelle: Map<string, Cartella | null>; ultime: Map<string, number | null> };
};
const cache = (g.__bilancioCartelle ??= { versione: -1, cartelle: new Map(), ultime: new Map() });

function aggiornaCache(): void {
  const versione = versioneSiti();
  if (cache.versione === versione) return;
  cache.cartelle.clear();
  cache.ultime.clear();
  cache.versione = versione;
}

/** The highest complete revision folder of an edition. */
function ultimaRevisione(radice: string, slug: string): number | null {
  if (cache.ultime.has(slug)) return cache.ultime.get(slug)!;
  const cartella = path.join(radice, slug);
  const numeri = existsSync(cartella) ? readdirSync(cartella).filter((n) => /^[1-9]\d*$/.test(n)).map(Number) : [];
  const revisione = numeri.length > 0 ? Math.max(...numeri) : null;
  // Only what exists is remembered: a stranger's random slugs must not grow the map.
  if (revisione !== null) cache.ultime.set(slug, revisione);
  return revisione;
}

function cartella(radice: string, slug: string, revisione: number): Cartella | null {
  const dove = path.join(radice, slug, String(revisione));
  if (!cache.cartelle.has(dove)) {
    // A revision number that has no folder is not remembered (random requests must not grow the map).
    if (!existsSync(dove)) return null;
    const origine = leggiOrigine(dove);
    const valida = origine && origine.slug === slug && origine.revisione === revisione;
    cache.cartelle.set(dove, valida ? { dove, origine, letti: new Map(), alterata: false } : null);
  }
  const c = cache.cartelle.get(dove);
  return c && !c.alterata ? c : null;
}

function leggi(c: Cartella, nome: string): { byte: Buffer; sha256: string } | null {
  const gia = c.letti.get(nome);
  if (gia) return gia;
  const atteso = c.origine.file[nome];
  if (!atteso) return null;
  const byte = readFileSync(path.join(c.dove, nome));
  const impronta = sha256(byte);
  if (impronta !== atteso) {
    c.alterata = true;
    log.error({ lavoro: "integrità", file: path.join(c.dove, nome) }, "un file pubblicato non corrisponde alla sua impronta: la cartella non è più servita. Controlla con: npm run verify");
    return null;
  }
  const letto = { byte, sha256: impronta };
  c.letti.set(nome, letto);
  return letto;
}

/** "br" or "gzip" when the reader accepts it (q > 0), brotli first. */
export function codificaAccettata(accept: string | undefined): "br" | "gzip" | null {
  if (!accept) return null;
  const accettate = new Set(
    accept
      .split(",")
      .map((v) => v.trim().split(";"))
      .filter(([, ...p]) => !p.some((x) => /^\s*q=0(\.0*)?\s*$/.test(x)))
      .map(([nome]) => nome.trim().toLowerCase()),
  );
  return accettate.has("br") ? "br" : accettate.has("gzip") ? "gzip" : null;
}

const DATI = /\.(json|csv|pdf|zip)$|SHA256SUMS$/;

/** The answer from the files, or null: then the app answers. */
export function rispostaSito(r: RichiestaHttp, radice: string, https: boolean): RispostaSito | null {
  if (r.metodo !== "GET" && r.metodo !== "HEAD") return null;
  const pathname = r.url.split("?")[0];
  const q = richiestaSito(pathname);
  if (!q) return null;
  if (q.revisione === null && slugInAttesa(q.slug)) return null;
  aggiornaCache();
  const ultima = ultimaRevisione(radice, q.slug);
  const revisione = q.revisione ?? ultima;
  if (revisione === null) return null;
  // An older revision's page tells its reader that a correction followed: the app renders it.
  // (While the edition waits, a newer revision than the folders on disk may be published.)
  if (q.revisione !== null && q.file.endsWith(".html") && (slugInAttesa(q.slug) || q.revisione !== ultima)) return null;
  const c = cartella(radice, q.slug, revisione);
  if (!c) return null;
  const file = leggi(c, q.file);
  if (!file) return null;

  const codifica = codificaAccettata(r.acceptEncoding);
  const variante = codifica ? leggi(c, `${q.file}.${codifica === "br" ? "br" : "gz"}`) : null;
  if (c.alterata) return null;
  const tag = `"${file.sha256.slice(0, 32)}${variante ? `-${codifica}` : ""}"`;
  const nome = path.basename(q.file);
  const intestazioni: Record<string, string> = {
    ...intestazioniSicurezza({ https, statica: true }),
    "Content-Type": tipoDi(q.file) ?? "application/octet-stream",
    "Cache-Control": cacheControl(q.revisione !== null),
    ETag: tag,
    Vary: "Accept-Encoding",
  };
  if (DATI.test(nome)) intestazioni["Access-Control-Allow-Origin"] = "*";
  if (nome === FILE_PUBBLICI.pdf.nome) intestazioni["Content-Disposition"] = `inline; filename="${nomeFileScaricato(q.slug, revisione, "pdf")}"`;
  if (nome === FILE_PUBBLICI.csv.nome) intestazioni["Content-Disposition"] = `attachment; filename="${nomeFileScaricato(q.slug, revisione, "csv")}"`;
  if (nome === FILE_ZIP) intestazioni["Content-Disposition"] = `attachment; filename="${`${nomeRevisioneScaricata(q.slug, revisione)}-sito.zip`}"`;
  if (etagCorrisponde(r.ifNoneMatch ?? null, tag)) return { status: 304, intestazioni, corpo: null };
  const corpo = variante?.byte ?? file.byte;
  if (variante) intestazioni["Content-Encoding"] = codifica!;
  intestazioni["Content-Length"] = String(corpo.length);
  return { status: 200, intestazioni, corpo: r.metodo === "HEAD" ? null : corpo };
}

/** For tests: forget what was read. */
export function dimenticaCartelle(): void {
  cache.cartelle.clear();
  cache.ultime.clear();
}

/**
 * Answers a request from the published folders if they have it (server.ts calls this
 * before Next.js routes the request); false when the app is to answer. A failure to
 * read is logged and left to the app, which renders the page from the database.
 */
export function rispondiDaiFile(req: http.IncomingMessage, res: http.ServerResponse, radice: string, https: boolean): boolean {
  try {
    const r = rispostaSito({ metodo: req.method ?? "GET", url: req.url ?? "/", acceptEncoding: req.headers["accept-encoding"], ifNoneMatch: req.headers["if-none-match"] }, radice, https);
    if (!r) return false;
    res.writeHead(r.status, r.intestazioni);
    res.end(r.corpo ?? undefined);
    return true;
  } catch (e) {
    log.error({ lavoro: "sito", errore: erroreDaRegistrare(e) }, "file pubblicato non servito");
    return false;
  }
}
