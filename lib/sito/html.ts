/**
 * From a page as Next.js renders it to the page as a file: no scripts (a published
 * page is read, not run), the revision's own copy of the stylesheet, and, for the
 * downloadable site, links made relative so the folder works from disk or under
 * any path of another web server.
 */
import path from "node:path/posix";
import { richiestaSito } from "./percorsi";

const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script\s*>/gi;
const LINK = /<link\b[^>]*>/gi;
const attributo = (tag: string, nome: string): string | null => new RegExp(`\\s${nome}="([^"]*)"`, "i").exec(tag)?.[1] ?? null;

/** The stylesheets a page links to, in order. */
export function fogliDiStile(html: string): string[] {
  return (html.match(LINK) ?? []).filter((t) => attributo(t, "rel") === "stylesheet").map((t) => attributo(t, "href")!).filter(Boolean);
}

/**
 * The page as a file: scripts and their preloads removed, the stylesheet links
 * replaced by one link to `css` (the revision's copy), script nonces gone.
 */
export function htmlStatico(html: string, { css }: { css: string }): string {
  let fatto = false;
  const senzaLink = html.replace(LINK, (tag) => {
    const rel = (attributo(tag, "rel") ?? "").toLowerCase();
    if (rel === "stylesheet") {
      if (fatto) return "";
      fatto = true;
      return `<link rel="stylesheet" href="${css}"/>`;
    }
    // Preloads of scripts and fonts belong to the app's build, not to the page.
    if (["preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "expect"].includes(rel)) return "";
    return tag;
  });
  return senzaLink.replace(SCRIPT, "").replace(/\snonce="[^"]*"/gi, "");
}

/**
 * The fonts and images a stylesheet at `href` refers to (absolute or relative to it, as the
 * bundler writes them) become files in `cartellaFont` beside the revision's stylesheet;
 * returns the rewritten CSS and what to copy (file name → address on this server).
 */
export function cssConFontLocali(css: string, cartellaFont: string, href = "/"): { css: string; font: Map<string, string> } {
  const font = new Map<string, string>();
  const riscritto = css.replace(/url\((['"]?)([^)'"]+)\1\)/g, (tutto, _q, indirizzo: string) => {
    if (/^(data:|#|[a-z]+:\/\/)/i.test(indirizzo)) return tutto;
    const origine = new URL(indirizzo, `http://server${href}`).pathname;
    if (!origine.startsWith("/_next/static/")) return tutto;
    const nome = path.basename(origine);
    font.set(nome, origine);
    return `url(${cartellaFont}/${nome})`;
  });
  return { css: riscritto, font };
}

export interface OpzioniRelative {
  slug: string;
  revisione: number;
  /** The page's own file in the folder: "impegni/offerta/index.html". */
  file: string;
  /** Whether the folder holds this file (links to anything else go to the app). */
  esiste: (file: string) => boolean;
  /** The app's public address ("https://bilancio.comune.example"), or null when unknown. */
  indirizzoApp: string | null;
}

const ATTRIBUTI_URL = /(\s(?:href|src|action)=")(\/[^"]*)"/gi;

/**
 * Links for the downloadable site. An address of this revision becomes a path relative
 * to the page ("../impegni/index.html": file:// has no index files); any other address
 * of the app (the staff login, other editions, the rating form) becomes absolute on the
 * app's public address, or stays as it was when that is unknown. Stylesheets and icons
 * outside the folder are dropped: the site makes no request anywhere.
 */
export function htmlRelativo(html: string, o: OpzioniRelative): string {
  const qui = path.dirname(o.file);
  const senzaRisorseEsterne = html.replace(LINK, (tag) => {
    const href = attributo(tag, "href");
    if (!href?.startsWith("/") || href.startsWith("//")) return tag;
    return locale(href, o) ? tag : "";
  });
  return senzaRisorseEsterne.replace(ATTRIBUTI_URL, (_t, prima: string, url: string) => {
    if (url.startsWith("//")) return `${prima}${url}"`;
    const file = locale(url, o);
    if (file) {
      const ancora = url.includes("#") ? url.slice(url.indexOf("#")) : "";
      const relativo = path.relative(qui, file.file) || path.basename(file.file);
      return `${prima}${relativo}${ancora}"`;
    }
    return `${prima}${o.indirizzoApp ? `${o.indirizzoApp}${url}` : url}"`;
  });
}

function locale(url: string, o: OpzioniRelative): { file: string } | null {
  const percorso = url.split(/[?#]/)[0];
  const r = richiestaSito(percorso);
  if (!r || r.slug !== o.slug || (r.revisione !== null && r.revisione !== o.revisione)) return null;
  return o.esiste(r.file) ? { file: r.file } : null;
}
