/**
 * The public files of a published edition: names, media types and HTTP
 * caching rules, kept free of Request/Response so they can be unit-tested.
 * The route handlers under app/edizioni/[slug] build their responses from these.
 *
 * Caching: a revision's files never change (its dati.json is immutable and
 * everything else is derived from it), so the /revisioni/<n>/ addresses are
 * cacheable for a year. The plain addresses serve the LATEST revision, which
 * an erratum replaces: short max-age, then revalidation with the ETag.
 */

export const FILE_PUBBLICI = {
  json: { nome: "dati.json", contentType: "application/json; charset=utf-8" },
  csv: { nome: "dati.csv", contentType: "text/csv; charset=utf-8" },
  schema: { nome: "dati.schema.json", contentType: "application/schema+json" },
  pdf: { nome: "bilancio-sociale.pdf", contentType: "application/pdf" },
} as const;

export type TipoFile = keyof typeof FILE_PUBBLICI;

/** One year: the longest max-age caches honour, for addresses whose bytes never change. */
export const MAX_AGE_REVISIONE = 31_536_000;
/** The latest revision may be replaced by an erratum: a minute, then a conditional request. */
export const MAX_AGE_ULTIMA = 60;

/** Cache-Control of a file: immutable at a revision's address, short-lived at the latest one. */
export function cacheControl(indirizzoDiRevisione: boolean): string {
  return indirizzoDiRevisione ? `public, max-age=${MAX_AGE_REVISIONE}, immutable` : `public, max-age=${MAX_AGE_ULTIMA}, must-revalidate`;
}

/** A strong ETag: the SHA-256 of the bytes served (for dati.json, the published hash itself). */
export function etag(sha256: string): string {
  return `"${sha256}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagCorrisponde(ifNoneMatch: string | null, tag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const nudo = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => nudo(t) === nudo(tag));
}

/**
 * The name a download is saved under: "bilancio-sociale-2014-2016-revisione-1.pdf".
 * The revision is in the name so that a corrected file never overwrites the old one
 * on the reader's disk. Only [a-z0-9-] from the slug: the header needs no escaping.
 */
export function nomeFileScaricato(slug: string, revisione: number, estensione: "csv" | "pdf" | "json"): string {
  return `${nomeRevisioneScaricata(slug, revisione)}.${estensione}`;
}

/** "bilancio-sociale-2014-2016-revisione-1": the stem of every download name, the folder inside sito.zip. */
export function nomeRevisioneScaricata(slug: string, revisione: number): string {
  const pulito = slug.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "edizione";
  return `bilancio-sociale-${pulito}-revisione-${Math.trunc(revisione)}`;
}

/** A revision number from the URL: digits only ("1.0", "01", "1e3" are not revisions). */
export function numeroRevisioneUrl(s: string): number | null {
  return /^[1-9]\d{0,5}$/.test(s) ? Number(s) : null;
}

/** Where a revision's files live publicly. */
export function indirizzoRevisione(slug: string, revisione: number, tipo: Exclude<TipoFile, "schema">): string {
  return `/edizioni/${encodeURIComponent(slug)}/revisioni/${revisione}/${FILE_PUBBLICI[tipo].nome}`;
}
