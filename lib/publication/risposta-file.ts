/**
 * The response for every public file of a published edition (dati.json, dati.csv,
 * dati.schema.json, bilancio-sociale.pdf), at the latest revision's address and at
 * /revisioni/<n>/. It reads the publications table only and never the session, so
 * the files can be cached by anyone. Bytes that no longer hash to the signed SHA-256
 * are never served: 500 with an Italian message, and the details in the log.
 * app/_server/file-pubblici.ts binds it to the app's connection.
 */
import "server-only";
import type { Tx } from "../../db/client";
import { sha256 } from "../sha256";
import { datiCsv } from "./csv";
import { cacheControl, etag, etagCorrisponde, FILE_PUBBLICI, indirizzoRevisione, nomeFileScaricato, numeroRevisioneUrl, type TipoFile } from "./file-pubblici";
import { pdfEdizione, PdfNonDisponibile, richiestaPdf, type OpzioniGenerazione } from "./pdf";
import { pubblicazione, type Pubblicazione } from "./queries";
import { schemaDatiJson } from "./schema-json";
import { MESSAGGIO_ALTERATA, PubblicazioneAlterata } from "./verifica";
import { erroreDaRegistrare, log } from "../log";

interface Corpo {
  byte: string | Uint8Array;
  /** SHA-256 of `byte`: the ETag. */
  sha256: string;
  disposition?: string;
}

function testo(corpo: string, status: number, extra: Record<string, string> = {}): Response {
  return new Response(corpo, {
    status,
    // An address that does not exist yet may exist after the next publication: never cached.
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", ...extra },
  });
}

// A revision's CSV never changes: made once per process. Bounded, since old revisions are rarely asked for.
const csvFatti = new Map<string, Corpo>();
function csvDi(p: Pubblicazione): Corpo {
  let c = csvFatti.get(p.sha256);
  if (!c) {
    const byte = datiCsv(p.dati);
    c = { byte, sha256: sha256(byte) };
    if (csvFatti.size >= 16) csvFatti.delete(csvFatti.keys().next().value!);
    csvFatti.set(p.sha256, c);
  }
  return { ...c, disposition: `attachment; filename="${nomeFileScaricato(p.slug, p.revisione, "csv")}"` };
}

const produttori: Record<TipoFile, (p: Pubblicazione, o: OpzioniGenerazione) => Corpo | Promise<Corpo>> = {
  // The stored bytes themselves: their hash is the one signed and shown on the integrity page
  // (pubblicazione() has just checked that they still hash to it).
  json: (p) => ({ byte: p.datiJson, sha256: p.sha256 }),
  csv: csvDi,
  schema: () => {
    const byte = schemaDatiJson();
    return { byte, sha256: sha256(byte) };
  },
  pdf: async (p, o) => {
    const byte = await pdfEdizione(richiestaPdf(p), o);
    return { byte, sha256: sha256(byte), disposition: `inline; filename="${nomeFileScaricato(p.slug, p.revisione, "pdf")}"` };
  },
};

/** The answer to GET of one public file; `n` is the revision in the URL, absent at the latest revision's address. */
export async function rispostaFile(db: Tx, tipo: TipoFile, request: Request, { slug, n }: { slug: string; n?: string }, opzioniPdf: OpzioniGenerazione = {}): Promise<Response> {
  const richiesta = n === undefined ? undefined : numeroRevisioneUrl(n);
  if (richiesta === null) return testo("Revisione non trovata: il numero di revisione è un intero da 1 in su.", 404);
  let p: Pubblicazione | null;
  try {
    p = pubblicazione(db, slug, richiesta);
  } catch (e) {
    if (!(e instanceof PubblicazioneAlterata)) throw e;
    log.error({ lavoro: "integrità", slug, file: FILE_PUBBLICI[tipo].nome, errore: e.message }, "file NON servito: controlla con npm run verify");
    return testo(MESSAGGIO_ALTERATA, 500);
  }
  if (!p) {
    return testo(richiesta === undefined ? `Nessuna edizione pubblicata all'indirizzo "${slug}".` : `L'edizione "${slug}" non ha una revisione ${richiesta} pubblicata.`, 404);
  }

  let corpo: Corpo;
  try {
    corpo = await produttori[tipo](p, opzioniPdf);
  } catch (e) {
    if (e instanceof PdfNonDisponibile) {
      log.error({ lavoro: "pdf", slug, revisione: p.revisione, motivo: e.motivo, errore: e.cause ? erroreDaRegistrare(e.cause) : undefined }, "PDF non disponibile");
      return testo(e.messaggio, 503, { "Retry-After": "300" });
    }
    throw e;
  }

  const tag = etag(corpo.sha256);
  const intestazioni: Record<string, string> = {
    "Cache-Control": tipo === "schema" ? cacheControl(false) : cacheControl(richiesta !== undefined),
    ETag: tag,
    // Open data: readable by any web page, no credentials involved.
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
  };
  // The latest revision's address says which revision it is serving now.
  if (richiesta === undefined && tipo !== "schema") intestazioni["Content-Location"] = indirizzoRevisione(p.slug, p.revisione, tipo);
  if (etagCorrisponde(request.headers.get("if-none-match"), tag)) return new Response(null, { status: 304, headers: intestazioni });

  const byte = typeof corpo.byte === "string" ? Buffer.from(corpo.byte, "utf8") : corpo.byte;
  return new Response(new Uint8Array(byte), {
    status: 200,
    headers: {
      ...intestazioni,
      "Content-Type": FILE_PUBBLICI[tipo].contentType,
      ...(corpo.disposition ? { "Content-Disposition": corpo.disposition } : {}),
    },
  });
}
