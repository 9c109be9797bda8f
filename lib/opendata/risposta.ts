/**
 * The HTTP answers of the DCAT documents (an edition's, and the catalogue's) in
 * JSON-LD or Turtle. Never the session: harvesters read them anonymously, from
 * any origin. Cached for a minute and then revalidated by ETag (the SHA-256 of the
 * document), as the latest revision's files: an erratum or a new licence changes them.
 * app/edizioni/** route handlers bind these to the app's connection and address.
 */
import "server-only";
import type { Db, Tx } from "../../db/client";
import { sha256 } from "../sha256";
import { cacheControl, etag, etagCorrisponde } from "../publication/file-pubblici";
import { MESSAGGIO_ALTERATA, PubblicazioneAlterata } from "../publication/verifica";
import { grafoDelCatalogo, grafoDiEdizione } from "./catalogo";
import { MEDIA_TYPE, testoJsonLd, turtle, type Nodo } from "./dcat";
import { log } from "../log";

export type FormatoDcat = keyof typeof MEDIA_TYPE;

function testo(corpo: string, status: number): Response {
  return new Response(corpo, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } });
}

function documento(nodi: Nodo[], formato: FormatoDcat, request: Request): Response {
  const corpo = formato === "jsonld" ? testoJsonLd(nodi) : turtle(nodi);
  const tag = etag(sha256(corpo));
  const intestazioni: Record<string, string> = {
    "Cache-Control": cacheControl(false),
    ETag: tag,
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
  };
  if (etagCorrisponde(request.headers.get("if-none-match"), tag)) return new Response(null, { status: 304, headers: intestazioni });
  return new Response(corpo, { status: 200, headers: { ...intestazioni, "Content-Type": MEDIA_TYPE[formato] } });
}

/** GET /edizioni/<slug>/dcat.jsonld | dcat.ttl */
export function rispostaDcatEdizione(db: Tx, request: Request, slug: string, formato: FormatoDcat, base: string): Response {
  let nodi: Nodo[] | null;
  try {
    nodi = grafoDiEdizione(db, slug, base);
  } catch (e) {
    if (!(e instanceof PubblicazioneAlterata)) throw e;
    log.error({ lavoro: "integrità", slug, errore: e.message }, "DCAT NON servito: controlla con npm run verify");
    return testo(MESSAGGIO_ALTERATA, 500);
  }
  return nodi ? documento(nodi, formato, request) : testo(`Nessuna edizione pubblicata all'indirizzo "${slug}".`, 404);
}

/** GET /edizioni/catalogo.jsonld | catalogo.ttl */
export function rispostaDcatCatalogo(db: Db, request: Request, formato: FormatoDcat, base: string): Response {
  return documento(grafoDelCatalogo(db, base), formato, request);
}
